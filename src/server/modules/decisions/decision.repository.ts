import { type ExpressionBuilder, sql } from 'kysely';
import type { Decision, DecisionResponse } from '../../../shared/decisions.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { fromJson, jsonArrayFrom } from '../../db/dialect.ts';
import type { Database, Row } from '../../db/schema.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { isOwnParty } from '../access/actor.ts';
import { canSee, visibleTo } from '../access/visibility.policy.ts';
import { cited } from '../sources/source-ref.ts';

/**
 * The version a party concurs in covers the decision's own text AND the content of what it
 * approves: a chair who read the decision before the programme or office it approves changed
 * did not read what it would now approve. Both versions only ever grow, so their sum grows at
 * every change of either, and one value names one state. The approved item's module moves
 * its own version; nothing else has to remember to move the decision's. The target is never
 * narrower than the decision (checked at proposal), so its version says nothing hidden.
 */
function versionOf(eb: ExpressionBuilder<Database, 'decisions'>) {
  const target = (table: 'offices' | 'workProgrammes', kind: 'office' | 'workProgramme') =>
    eb
      .selectFrom(table)
      .select(`${table}.version`)
      .whereRef(`${table}.id`, '=', 'decisions.approvesId')
      .where('decisions.approvesKind', '=', kind);
  return sql<number>`${eb.ref('decisions.version')} + coalesce((${target('offices', 'office')}), (${target('workProgrammes', 'workProgramme')}), 0)`;
}

/**
 * Decisions the caller may see, each with the parties' responses and the publication requests
 * for its current version, in the same query. The responses never carry the responding
 * user's id: the other side learns which party answered, not which of its officials.
 */
export function selectDecisions(db: Executor, actor: Actor) {
  return db
    .selectFrom('decisions')
    .selectAll('decisions')
    .select((eb) => [
      versionOf(eb).as('agreedVersion'),
      // Parsed by hand (fromJson): a JSON-parsing plugin would also parse free text that
      // merely looks like JSON, such as a bracketed draft.
      jsonArrayFrom(
        db,
        eb
          .selectFrom('decisionResponses as r')
          .select(['r.party', 'r.response', 'r.version', 'r.comment', 'r.at'])
          .whereRef('r.decisionId', '=', 'decisions.id')
          .where('r.party', 'is not', null)
          .$narrowType<{ party: string }>()
          .where(visibleTo(actor, 'r'))
          .orderBy('r.at')
          .orderBy('r.party'),
      ).as('responses'),
      jsonArrayFrom(
        db,
        eb
          .selectFrom('publicationRequests as p')
          .select('p.party')
          .where('p.entityType', '=', 'decision')
          .whereRef('p.entityId', '=', 'decisions.id')
          .where('p.version', '=', versionOf(eb))
          .orderBy('p.party'),
      ).as('publicationRequests'),
    ])
    .where(visibleTo(actor, 'decisions'));
}

/** A row of selectDecisions: SQLite answers the aggregates as JSON text, PostgreSQL as arrays. */
export type DecisionRow = Row<'decisions'> & {
  agreedVersion: number;
  responses: DecisionResponse[] | string;
  publicationRequests: { party: string }[] | string;
};

export function toDecision(actor: Actor, row: DecisionRow): Decision {
  return {
    id: row.id,
    subject: row.subject,
    text: row.text,
    approves:
      row.approvesKind === null || row.approvesId === null
        ? null
        : { kind: row.approvesKind, id: row.approvesId },
    status: row.status,
    version: row.agreedVersion,
    meetingId: row.meetingId,
    visibility: row.visibility,
    party: row.party,
    proposedBy: isOwnParty(actor, row.party) ? row.proposedBy : null,
    decidedOn: row.decidedOn,
    ...cited(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    responses: fromJson(row.responses),
    publication: { requestedBy: fromJson(row.publicationRequests).map((r) => r.party) },
  };
}

/** One decision with its responses; NotFound when missing or hidden from the caller. */
export async function getDecision(db: Executor, actor: Actor, id: string): Promise<Decision> {
  const row = await selectDecisions(db, actor).where('decisions.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('decision');
  return toDecision(actor, row);
}

/**
 * The decision row a change is based on, inside the change's transaction (which holds the
 * write lock), with the version a party concurs in (`agreedVersion`, see versionOf); NotFound
 * when missing or hidden, alike.
 */
export async function findDecisionRow(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<Row<'decisions'> & { agreedVersion: number }> {
  const row = await db
    .selectFrom('decisions')
    .selectAll()
    .select((eb) => versionOf(eb).as('agreedVersion'))
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !canSee(actor, row)) throw notFound('decision');
  return row;
}

/** better-sqlite3 and PostgreSQL name a key violation differently. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === '23505'
  );
}
