import type { Decision, RespondToDecisionInput } from '../../../shared/decisions.schemas.ts';
import { forUpdate } from '../../db/dialect.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { canSee } from '../access/visibility.policy.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';
import { approveOffice } from './approve-office.ts';
import { getDecision, isUniqueViolation } from './decision.queries.ts';
import { decisionStatus, type ResponseKind } from './decision-status.ts';

const alreadyResponded = (party: string) =>
  new DomainError('AlreadyResponded', `${party} has already responded to this decision`);

/**
 * Records the response of the caller's OWN party (taken from the session, never from the
 * request) to a proposed decision; only a chair may give it (Forbidden otherwise). Then
 * applies decisionStatus: agreed once every party concurred, declined at the first decline,
 * with decidedOn set; an agreed decision approving an office agrees the office too. One
 * transaction with the audit events. AlreadyResponded for a second response of a party
 * (the key (decisionId, party) enforces it even under races); DecisionClosed when the
 * decision is no longer proposed; NotYourParty when the caller's party is not a party.
 */
export async function respondToDecision(
  deps: Deps,
  actor: Actor,
  id: string,
  response: ResponseKind,
  input: RespondToDecisionInput,
): Promise<Decision> {
  const chair = requirePermission(actor, 'respond-to-decisions');
  const at = nowIso(deps);
  return deps.db.transaction().execute(async (trx) => {
    const before = await forUpdate(
      trx.selectFrom('decisions').selectAll().where('id', '=', id),
    ).executeTakeFirst();
    if (!before || !canSee(actor, before)) throw notFound('decision');
    if (before.status !== 'proposed') {
      throw new DomainError('DecisionClosed', `the decision is already ${before.status}`);
    }
    const parties = (await trx.selectFrom('parties').select('id').execute()).map((p) => p.id);
    if (!parties.includes(chair.party)) {
      throw new DomainError('NotYourParty', `${chair.party} is not a party to the council`);
    }
    const previous = await trx
      .selectFrom('decisionResponses')
      .select('party')
      .where('decisionId', '=', id)
      .where('party', '=', chair.party)
      .executeTakeFirst();
    if (previous) throw alreadyResponded(chair.party);

    const row: Row<'decisionResponses'> = {
      decisionId: id,
      party: chair.party,
      userId: chair.userId,
      response,
      comment: input.comment ?? null,
      at,
      // A response is exactly as visible as the decision it answers.
      visibility: before.visibility,
    };
    try {
      await trx.insertInto('decisionResponses').values(row).execute();
    } catch (error) {
      // A response of the same party that committed since the check above.
      if (isUniqueViolation(error)) throw alreadyResponded(chair.party);
      throw error;
    }
    await recordAudit(trx, {
      actor,
      at,
      action: `decision.${response}`,
      entityType: 'decision',
      entityId: id,
      visibility: before.visibility,
      party: before.party,
      after: { party: row.party, response, comment: row.comment, at },
    });

    const responses = await trx
      .selectFrom('decisionResponses')
      .select(['party', 'response'])
      .where('decisionId', '=', id)
      .execute();
    const status = decisionStatus(parties, responses);
    if (status !== 'proposed') {
      const after: Row<'decisions'> = {
        ...before,
        status,
        decidedOn: at.slice(0, 10),
        updatedAt: at,
      };
      await trx
        .updateTable('decisions')
        .set({ status, decidedOn: after.decidedOn, updatedAt: at })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, {
        actor,
        at,
        action: status === 'agreed' ? 'decision.agree' : 'decision.reject',
        entityType: 'decision',
        entityId: id,
        visibility: after.visibility,
        party: after.party,
        before,
        after,
      });
      await indexDocument(trx, searchDocumentOf('decision', after));
      const office = /^office:(.+)$/.exec(after.approves ?? '');
      if (status === 'agreed' && office?.[1]) await approveOffice(trx, actor, office[1], at);
    }
    return getDecision(trx, actor, id);
  });
}
