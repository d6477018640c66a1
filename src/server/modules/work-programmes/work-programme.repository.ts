import { type ExpressionBuilder, sql } from 'kysely';
import type { WorkProgrammeSummary } from '../../../shared/work-programmes.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { fromJson, isPostgres, jsonArrayFrom } from '../../db/dialect.ts';
import type { Database, Row } from '../../db/schema.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { cited } from '../sources/source-ref.ts';

/**
 * The first agreed decision approving programme `wp`, whoever may see it: the status is
 * derived here, in the query, and never stored, so it cannot drift from the decisions, and it
 * is the same for every caller (a public programme approved by a joint decision is approved
 * for the public too).
 */
function firstApproval(
  db: Executor,
  eb: ExpressionBuilder<Database & { p: Database['workProgrammes'] }, 'p'>,
) {
  // PostgreSQL's row-level security would hide a joint decision from the public: a function
  // of the database derives it past the policies (migrations-postgres/, row-level security).
  if (isPostgres(db))
    return sql<string | null>`"firstApproval"('workProgramme', ${eb.ref('p.id')})`;
  return eb
    .selectFrom('decisions as d')
    .select('d.id')
    .where('d.status', '=', 'agreed')
    .where('d.approvesKind', '=', 'workProgramme')
    .whereRef('d.approvesId', '=', 'p.id')
    .orderBy('d.decidedOn')
    .orderBy('d.id')
    .limit(1);
}

/**
 * Programmes the caller may see, each with its derived status. The approving decision is
 * looked up once per programme and joined by its key; its id and date are shown only to a
 * caller who may see that decision.
 */
export function selectProgrammes(db: Executor, actor: Actor) {
  const programmes = db
    .selectFrom('workProgrammes as p')
    .selectAll('p')
    .select((eb) => [
      firstApproval(db, eb).as('approvalId'),
      jsonArrayFrom(
        db,
        eb
          .selectFrom('publicationRequests as r')
          .select('r.party')
          .where('r.entityType', '=', 'workProgramme')
          .whereRef('r.entityId', '=', 'p.id')
          .whereRef('r.version', '=', 'p.version')
          .orderBy('r.party'),
      ).as('publicationRequests'),
    ])
    .as('wp');
  return db
    .selectFrom(programmes)
    .leftJoin('decisions as d', 'd.id', 'wp.approvalId')
    .selectAll('wp')
    .select((eb) => [
      eb.case().when(visibleTo(actor, 'd')).then(eb.ref('d.id')).end().as('approvedBy'),
      eb.case().when(visibleTo(actor, 'd')).then(eb.ref('d.decidedOn')).end().as('approvedOn'),
    ])
    .where(visibleTo(actor, 'wp'));
}

type ProgrammeRow = Row<'workProgrammes'> & {
  publicationRequests: { party: string }[] | string;
  approvalId: string | null;
  approvedBy: string | null;
  approvedOn: string | null;
};

export function toSummary(row: ProgrammeRow): WorkProgrammeSummary {
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    description: row.description,
    visibility: row.visibility,
    party: row.party,
    status: row.approvalId === null ? 'draft' : 'approved',
    version: row.version,
    approvedBy: row.approvedBy,
    approvedOn: row.approvedOn,
    ...cited(row),
    publication: { requestedBy: fromJson(row.publicationRequests).map((r) => r.party) },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The programme of `year` if the caller may see it; NotFound otherwise, as if absent. */
export async function findProgramme(
  db: Executor,
  actor: Actor,
  year: number,
): Promise<ProgrammeRow> {
  const row = await selectProgrammes(db, actor).where('wp.year', '=', year).executeTakeFirst();
  if (!row) throw notFound('work programme');
  return row;
}

/** The stored programme row of a ProgrammeRow, as the write path records it. */
export function storedProgramme(row: ProgrammeRow): Row<'workProgrammes'> {
  const {
    approvalId: _i,
    approvedBy: _a,
    approvedOn: _o,
    publicationRequests: _p,
    ...stored
  } = row;
  return stored;
}
