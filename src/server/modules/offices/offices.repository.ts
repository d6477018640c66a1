import type { Office, OfficesQuery } from '../../../shared/offices.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { fromJson, jsonArrayFrom } from '../../db/dialect.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { cited } from '../sources/source-ref.ts';

/** Offices the caller may see, each with the parties asking to publish its current version. */
function selectOffices(db: Executor, actor: Actor) {
  return db
    .selectFrom('offices')
    .selectAll('offices')
    .select((eb) =>
      jsonArrayFrom(
        db,
        eb
          .selectFrom('publicationRequests as p')
          .select('p.party')
          .where('p.entityType', '=', 'office')
          .whereRef('p.entityId', '=', 'offices.id')
          .whereRef('p.version', '=', 'offices.version')
          .orderBy('p.party'),
      ).as('publicationRequests'),
    )
    .where(visibleTo(actor, 'offices'));
}

type OfficeRow = Row<'offices'> & { publicationRequests: { party: string }[] | string };

export function toOffice(row: OfficeRow): Office {
  const { createdAt: _created, publicationRequests, ...office } = row;
  return {
    ...office,
    ...cited(row),
    publication: { requestedBy: fromJson(publicationRequests).map((r) => r.party) },
  };
}

export async function listOffices(deps: Deps, actor: Actor, query: OfficesQuery) {
  let select = selectOffices(deps.db, actor)
    .orderBy('offices.name')
    .orderBy('offices.id')
    .limit(query.limit + 1);
  if (query.status) select = select.where('offices.status', '=', query.status);
  if (query.kind) select = select.where('offices.kind', '=', query.kind);
  if (query.cursor)
    select = select.where(afterCursor(['offices.name', 'offices.id'], query.cursor));
  const rows = await select.execute();
  return toPage(rows, query.limit, (row) => [row.name, row.id], toOffice);
}

export async function getOffice(db: Executor, actor: Actor, id: string): Promise<Office> {
  const row = await selectOffices(db, actor).where('offices.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('office');
  return toOffice(row);
}

/** The office row a change is based on; NotFound when missing or hidden, alike. */
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
