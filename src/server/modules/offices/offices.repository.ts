import type { Office, OfficesQuery } from '../../../shared/offices.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { cited } from '../sources/source-ref.ts';

export function toOffice(row: Row<'offices'>): Office {
  const { createdAt: _created, ...office } = row;
  return { ...office, ...cited(row) };
}

export async function listOffices(deps: Deps, actor: Actor, query: OfficesQuery) {
  let select = deps.db
    .selectFrom('offices')
    .selectAll()
    .where(visibleTo(actor, 'offices'))
    .orderBy('name')
    .orderBy('id')
    .limit(query.limit + 1);
  if (query.status) select = select.where('status', '=', query.status);
  if (query.kind) select = select.where('kind', '=', query.kind);
  if (query.cursor) select = select.where(afterCursor(['name', 'id'], query.cursor));
  const rows = await select.execute();
  return toPage(rows, query.limit, (row) => [row.name, row.id], toOffice);
}

export async function findOfficeRow(db: Executor, actor: Actor, id: string) {
  const row = await db
    .selectFrom('offices')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo(actor, 'offices'))
    .executeTakeFirst();
  if (!row) throw notFound('office');
  return row;
}
