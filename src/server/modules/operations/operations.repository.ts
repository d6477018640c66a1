import type {
  Operation,
  OperationDetail,
  OperationsQuery,
  StrengthRecord,
} from '../../../shared/operations.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { cited } from '../sources/source-ref.ts';
import { strengthOn } from './troop-shares.ts';

type StrengthRow = Omit<StrengthRecord, 'source'> & { operationId: string };

/** Strength reports the caller may see, with the names of contributors it may see. */
function selectStrengths(db: Executor, actor: Actor) {
  return db
    .selectFrom('operationStrengths as s')
    .leftJoin('parties as p', (join) =>
      join.onRef('p.id', '=', 's.contributor').on(visibleTo(actor, 'p')),
    )
    .leftJoin('delegations as d', (join) =>
      join.onRef('d.id', '=', 's.contributor').on(visibleTo(actor, 'd')),
    )
    .select(({ fn }) => [
      's.id',
      's.operationId',
      's.contributor',
      fn.coalesce('p.name', 'd.name').as('contributorName'),
      's.troops',
      's.qualifier',
      's.asOf',
      's.sourceId',
      's.visibility',
    ])
    .where(visibleTo(actor, 's'));
}

/** The strength reports of some operations the caller may see, with contributors' names. */
async function strengthsOf(
  deps: Deps,
  actor: Actor,
  operationIds: string[],
): Promise<StrengthRow[]> {
  if (operationIds.length === 0) return [];
  return selectStrengths(deps.db, actor)
    .where('s.operationId', 'in', operationIds)
    .orderBy('s.asOf')
    .orderBy('s.id')
    .execute();
}

/** One strength report of an operation as the caller sees it; NotFound when it cannot. */
export async function findStrength(
  db: Executor,
  actor: Actor,
  operationId: string,
  strengthId: string,
): Promise<StrengthRecord> {
  const row = await selectStrengths(db, actor)
    .where('s.id', '=', strengthId)
    .where('s.operationId', '=', operationId)
    .executeTakeFirst();
  if (!row) throw notFound('strength');
  const { operationId: _op, ...strength } = row;
  return { ...strength, ...cited(strength) };
}

function toOperation(
  row: Row<'operations'>,
  strengths: StrengthRow[],
  at: string | undefined,
): Operation {
  return {
    id: row.id,
    name: row.name,
    fullName: row.fullName,
    location: row.location,
    mandate: row.mandate,
    ...cited(row),
    visibility: row.visibility,
    party: row.party,
    strength: strengthOn(strengths, at),
  };
}

/** Operations by name, each with its strength as last reported on or before `at`. */
export async function listOperations(deps: Deps, actor: Actor, query: OperationsQuery) {
  let select = deps.db
    .selectFrom('operations')
    .selectAll()
    .where(visibleTo(actor, 'operations'))
    .orderBy('name')
    .orderBy('id')
    .limit(query.limit + 1);
  if (query.cursor) select = select.where(afterCursor(['name', 'id'], query.cursor));
  const rows = await select.execute();
  const strengths = await strengthsOf(
    deps,
    actor,
    rows.slice(0, query.limit).map((r) => r.id),
  );
  return toPage(
    rows,
    query.limit,
    (row) => [row.name, row.id],
    (row) =>
      toOperation(
        row,
        strengths.filter((s) => s.operationId === row.id),
        query.at,
      ),
  );
}

export async function findOperationRow(db: Executor, actor: Actor, id: string) {
  const row = await db
    .selectFrom('operations')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo(actor, 'operations'))
    .executeTakeFirst();
  if (!row) throw notFound('operation');
  return row;
}

/** One operation with its strength on a date and every report the caller may see. */
export async function getOperation(
  deps: Deps,
  actor: Actor,
  id: string,
  at: string | undefined,
): Promise<OperationDetail> {
  const row = await findOperationRow(deps.db, actor, id);
  const strengths = await strengthsOf(deps, actor, [row.id]);
  return {
    ...toOperation(row, strengths, at),
    strengths: strengths.map(({ operationId: _op, ...s }) => ({ ...s, ...cited(s) })),
  };
}
