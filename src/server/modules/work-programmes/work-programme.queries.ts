import { type ExpressionBuilder, sql } from 'kysely';
import type { WorkProgrammeSummary } from '../../../shared/work-programmes.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Database, Row } from '../../db/schema.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { cited } from '../sources/source-ref.ts';

export const approvesProgramme = (year: number) => `work-programme:${year}`;

/**
 * The first agreed decision approving programme `wp`, whoever may see it: the status is
 * derived here, in the query, and never stored, so it cannot drift from the decisions, and it
 * is the same for every caller (a public programme approved by a joint decision is approved
 * for the public too).
 */
function firstApproval(eb: ExpressionBuilder<Database & { p: Database['workProgrammes'] }, 'p'>) {
  return eb
    .selectFrom('decisions as d')
    .select('d.id')
    .where('d.status', '=', 'agreed')
    .where('d.approves', '=', sql<string>`'work-programme:' || ${sql.ref('p.year')}`)
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
    .select((eb) => firstApproval(eb).as('approvalId'))
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
    approvedBy: row.approvedBy,
    approvedOn: row.approvedOn,
    ...cited(row),
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
