import type {
  Council,
  CouncilPeriod,
  CouncilPeriodsQuery,
} from '../../../shared/council.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';

export function toPeriod(row: Row<'councilPeriods'>): CouncilPeriod {
  return {
    id: row.id,
    status: row.status,
    scope: row.scope,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    description: row.description,
    sourceId: row.sourceId,
    visibility: row.visibility,
    party: row.party,
  };
}

/** The council's periods the caller may see, oldest first. */
function selectPeriods(deps: Deps, actor: Actor, councilId: string) {
  return deps.db
    .selectFrom('councilPeriods')
    .selectAll()
    .where('councilId', '=', councilId)
    .where(visibleTo(actor, 'councilPeriods'))
    .orderBy('startsOn')
    .orderBy('id');
}

/** Every period of the council's life the caller may see, oldest first. */
export async function listPeriods(
  deps: Deps,
  actor: Actor,
  councilId: string,
): Promise<CouncilPeriod[]> {
  const rows = await selectPeriods(deps, actor, councilId).execute();
  return rows.map(toPeriod);
}

/** A page of the council's periods the caller may see, oldest first; `status` filters. */
export async function listPeriodPage(
  deps: Deps,
  actor: Actor,
  councilId: string,
  query: CouncilPeriodsQuery,
) {
  let select = selectPeriods(deps, actor, councilId).limit(query.limit + 1);
  if (query.status) select = select.where('status', '=', query.status);
  if (query.cursor) select = select.where(afterCursor(['startsOn', 'id'], query.cursor));
  const rows = await select.execute();
  return toPage(rows, query.limit, (row) => [row.startsOn, row.id], toPeriod);
}

/** One period of the council's life if the caller may see it; NotFound otherwise. */
export async function findPeriodRow(db: Executor, actor: Actor, id: string) {
  const row = await db
    .selectFrom('councilPeriods')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo(actor, 'councilPeriods'))
    .executeTakeFirst();
  if (!row) throw notFound('council period');
  return row;
}

/** The one council this installation serves, as the caller may see it; NotFound otherwise. */
export async function findCouncilRow(db: Executor, actor: Actor) {
  const row = await db
    .selectFrom('council')
    .leftJoin('sources', 'sources.id', 'council.sourceId')
    .selectAll('council')
    .select([
      'sources.id as sId',
      'sources.title as sTitle',
      'sources.publisher as sPublisher',
      'sources.publishedOn as sPublishedOn',
      'sources.reference as sReference',
      'sources.disclaimer as sDisclaimer',
    ])
    .where(visibleTo(actor, 'council'))
    .orderBy('council.id')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw notFound('council');
  return row;
}

type CouncilRow = Awaited<ReturnType<typeof findCouncilRow>>;

export function toCouncil(row: CouncilRow, periods: CouncilPeriod[]): Council {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    foundingInstrument: row.foundingInstrument,
    foundedOn: row.foundedOn,
    languages: JSON.parse(row.languages),
    description: row.description,
    source:
      row.sId === null || row.sTitle === null
        ? null
        : {
            id: row.sId,
            title: row.sTitle,
            publisher: row.sPublisher,
            publishedOn: row.sPublishedOn,
            reference: row.sReference,
            disclaimer: row.sDisclaimer,
          },
    visibility: row.visibility,
    periods,
    updatedAt: row.updatedAt,
  };
}

/** The council with the periods of its life the caller may see. */
export async function getCouncil(deps: Deps, actor: Actor): Promise<Council> {
  const row = await findCouncilRow(deps.db, actor);
  return toCouncil(row, await listPeriods(deps, actor, row.id));
}
