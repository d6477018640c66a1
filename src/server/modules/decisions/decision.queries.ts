import type { Decision, DecisionResponse } from '../../../shared/decisions.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { fromJson, jsonArrayFrom } from '../../db/dialect.ts';
import type { Row } from '../../db/schema.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { isOwnParty } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { cited } from '../sources/source-ref.ts';

/**
 * Decisions the caller may see, each with the parties' responses in the same query. The
 * responses never carry the responding user's id: the other side learns which party
 * answered, not which of its officials.
 */
export function selectDecisions(db: Executor, actor: Actor) {
  return db
    .selectFrom('decisions')
    .selectAll('decisions')
    .select((eb) =>
      // Parsed by hand (fromJson): a JSON-parsing plugin would also parse free text that
      // merely looks like JSON, such as a bracketed draft.
      jsonArrayFrom(
        eb
          .selectFrom('decisionResponses as r')
          .select(['r.party', 'r.response', 'r.comment', 'r.at'])
          .whereRef('r.decisionId', '=', 'decisions.id')
          .where('r.party', 'is not', null)
          .$narrowType<{ party: string }>()
          .where(visibleTo(actor, 'r'))
          .orderBy('r.at')
          .orderBy('r.party'),
      ).as('responses'),
    )
    .where(visibleTo(actor, 'decisions'));
}

/** A row of selectDecisions: SQLite answers the responses as JSON text, PostgreSQL as an array. */
export type DecisionRow = Row<'decisions'> & { responses: DecisionResponse[] | string };

export function toDecision(actor: Actor, row: DecisionRow): Decision {
  return {
    id: row.id,
    subject: row.subject,
    text: row.text,
    approves: row.approves,
    status: row.status,
    meetingId: row.meetingId,
    visibility: row.visibility,
    party: row.party,
    proposedBy: isOwnParty(actor, row.party) ? row.proposedBy : null,
    decidedOn: row.decidedOn,
    ...cited(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    responses: fromJson(row.responses),
  };
}

/** One decision with its responses; NotFound when missing or hidden from the caller. */
export async function getDecision(db: Executor, actor: Actor, id: string): Promise<Decision> {
  const row = await selectDecisions(db, actor).where('decisions.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('decision');
  return toDecision(actor, row);
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
