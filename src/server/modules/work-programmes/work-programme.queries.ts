import { type ExpressionBuilder, sql } from 'kysely';
import type { WorkProgrammeSummary } from '../../../shared/work-programmes.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Database, Row } from '../../db/schema.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';

export const approvesProgramme = (year: number) => `work-programme:${year}`;

/**
 * The agreed decisions that approve programme `wp`, as far as the caller may see them: the
 * status is derived here, in the query, and never stored, so it cannot drift from the
 * decisions themselves.
 */
function agreedApprovals(
  eb: ExpressionBuilder<Database & { wp: Database['workProgrammes'] }, 'wp'>,
  actor: Actor,
) {
  return eb
    .selectFrom('decisions as d')
    .where('d.status', '=', 'agreed')
    .where('d.approves', '=', sql<string>`'work-programme:' || ${sql.ref('wp.year')}`)
    .where(visibleTo(actor, 'd'))
    .orderBy('d.decidedOn')
    .orderBy('d.id')
    .limit(1);
}

/** Programmes the caller may see, each with its derived status. */
export function selectProgrammes(db: Executor, actor: Actor) {
  return db
    .selectFrom('workProgrammes as wp')
    .selectAll('wp')
    .select((eb) => [
      agreedApprovals(eb, actor).select('d.id').as('approvedBy'),
      agreedApprovals(eb, actor).select('d.decidedOn').as('approvedOn'),
    ])
    .where(visibleTo(actor, 'wp'));
}

type ProgrammeRow = Row<'workProgrammes'> & {
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
    status: row.approvedBy === null ? 'draft' : 'approved',
    approvedBy: row.approvedBy,
    approvedOn: row.approvedOn,
    sourceId: row.sourceId,
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

/** Whether any agreed decision approves the programme, whoever may see it (for write rules). */
export async function isProgrammeApproved(db: Executor, year: number): Promise<boolean> {
  const row = await db
    .selectFrom('decisions')
    .select('id')
    .where('approves', '=', approvesProgramme(year))
    .where('status', '=', 'agreed')
    .executeTakeFirst();
  return row !== undefined;
}
