import type { Decision, RespondToDecisionInput } from '../../../shared/decisions.schemas.ts';
import type { ResponseKind } from '../../../shared/vocabularies.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { approveOfficeByDecision } from '../offices/approve-office.ts';
import { voidRequestsFor } from '../publication/publication-voiding.ts';
import { findDecisionRow, getDecision, isUniqueViolation } from './decision.repository.ts';
import { decisionStatus } from './decision-status.ts';

const alreadyResponded = (party: string) =>
  new DomainError('AlreadyResponded', `${party} has already responded to this decision`);

/**
 * Records the response of the caller's OWN party (taken from the session, never from the
 * request) to a proposed decision; only a chair may give it (Forbidden otherwise), and it
 * names the version the chair read (VersionRequired without one, StaleVersion when the text or
 * what it approves changed since). Then applies decisionStatus: agreed once every party
 * concurred in the same version, declined at the first decline, with decidedOn set; an agreed
 * decision approving an office agrees the office too, through the offices module. AlreadyResponded for a second response of a party
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
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const before = await findDecisionRow(trx, actor, id);
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
    assertCurrentVersion('decision', before.agreedVersion, input.version);

    const row: Row<'decisionResponses'> = {
      decisionId: id,
      party: chair.party,
      userId: chair.userId,
      response,
      version: before.agreedVersion,
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
    record({
      entity: 'decision',
      id,
      action: response,
      scope: before,
      audit: {
        after: { party: row.party, response, version: row.version, comment: row.comment, at },
      },
    });

    const responses = await trx
      .selectFrom('decisionResponses')
      .select(['party', 'response', 'version'])
      .where('decisionId', '=', id)
      .execute();
    // Only answers to the current version count: the text is frozen once answered, so an older
    // answer can only come from a record that broke that rule, and it agrees to nothing.
    const current = responses.filter((r) => r.version === before.agreedVersion);
    const status = decisionStatus(parties, current);
    if (status !== 'proposed') {
      const after = {
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
      record({
        entity: 'decision',
        id,
        action: status === 'agreed' ? 'agree' : 'reject',
        before,
        after,
      });
      if (status === 'agreed' && after.approvesKind === 'office' && after.approvesId !== null) {
        await approveOfficeByDecision(uow, after.approvesId);
      }
    }
    // The answer (and its comment) is published with the decision: a request to publish given
    // before it holds no more, here in the view answered as in the write path.
    if (before.visibility === 'joint') await voidRequestsFor(trx, { entity: 'decision', id });
    return getDecision(trx, actor, id);
  });
}
