import type {
  Council,
  CouncilDescriptionProposal,
  CouncilPeriod,
  CouncilPeriodsQuery,
  CouncilStatement,
  RecordCoverage,
} from '../../../shared/council.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { canSee, type Visible, visibleTo } from '../access/visibility.policy.ts';
import { partiesAsking } from '../publication/publication-requests.ts';
import { cited } from '../sources/source-ref.ts';
import { toSource } from '../sources/sources.repository.ts';
import { listRecordCoverage } from './record-coverage.ts';

export function toPeriod(row: Row<'councilPeriods'>): CouncilPeriod {
  return {
    id: row.id,
    status: row.status,
    scope: row.scope,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    description: row.description,
    ...cited(row),
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
    .selectAll()
    .where(visibleTo(actor, 'council'))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw notFound('council');
  return row;
}

export function toCouncil(
  row: Row<'council'>,
  parts: {
    source: Row<'sources'> | undefined;
    statements: CouncilStatement[];
    periods: CouncilPeriod[];
    recordCoverage: RecordCoverage[];
    descriptionProposal: CouncilDescriptionProposal | null;
  },
): Council {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    foundingInstrument: row.foundingInstrument,
    foundedOn: row.foundedOn,
    languages: JSON.parse(row.languages),
    description: row.description,
    descriptionProposal: parts.descriptionProposal,
    sourceId: row.sourceId,
    source: parts.source ? toSource(parts.source) : null,
    visibility: row.visibility,
    statements: parts.statements,
    periods: parts.periods,
    recordCoverage: parts.recordCoverage,
    updatedAt: row.updatedAt,
  };
}

export function toStatement(row: Row<'councilStatements'>): CouncilStatement {
  return {
    id: row.id,
    position: row.position,
    text: row.text,
    note: row.note,
    ...cited(row),
    visibility: row.visibility,
    party: row.party,
  };
}

/** What the sources say about the council, in the record's order, as far as the caller may see. */
async function listStatements(deps: Deps, actor: Actor, councilId: string) {
  const rows = await deps.db
    .selectFrom('councilStatements')
    .selectAll()
    .where('councilId', '=', councilId)
    .where(visibleTo(actor, 'councilStatements'))
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toStatement);
}

/**
 * Where a proposed description stands: both parties read it, the public never does (it is
 * not the council's until both published it).
 */
export const DESCRIPTION_PROPOSAL_SCOPE: Visible = { visibility: 'joint', party: null };

/** What the audit trail shows of a waiting proposal (joint entries only), or null for none. */
export function proposalAudit(row: Row<'council'>) {
  if (row.descriptionProposedBy === null) return null;
  return {
    description: row.proposedDescription,
    version: row.descriptionVersion,
    proposedBy: row.descriptionProposedBy,
  };
}

/** The proposal waiting in `row`, as the caller may see it: null for the public. */
async function descriptionProposalOf(
  db: Executor,
  actor: Actor,
  row: Row<'council'>,
): Promise<CouncilDescriptionProposal | null> {
  if (row.descriptionProposedBy === null || row.descriptionProposedAt === null) return null;
  if (!canSee(actor, DESCRIPTION_PROPOSAL_SCOPE)) return null;
  return {
    description: row.proposedDescription,
    version: row.descriptionVersion,
    proposedBy: row.descriptionProposedBy,
    proposedAt: row.descriptionProposedAt,
    publication: {
      requestedBy: await partiesAsking(db, 'council', row.id, row.descriptionVersion),
    },
  };
}

/** The council with its source, statements, periods and record coverage the caller may see. */
export async function getCouncil(deps: Deps, actor: Actor): Promise<Council> {
  const row = await findCouncilRow(deps.db, actor);
  const [source, statements, periods, recordCoverage, descriptionProposal] = await Promise.all([
    row.sourceId === null
      ? undefined
      : deps.db.selectFrom('sources').selectAll().where('id', '=', row.sourceId).executeTakeFirst(),
    listStatements(deps, actor, row.id),
    listPeriods(deps, actor, row.id),
    listRecordCoverage(deps.db, actor),
    descriptionProposalOf(deps.db, actor, row),
  ]);
  return toCouncil(row, { source, statements, periods, recordCoverage, descriptionProposal });
}
