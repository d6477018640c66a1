import type { CreateDecisionInput, Decision } from '../../../shared/decisions.schemas.ts';
import type { NewRow } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin, canSee } from '../access/visibility.policy.ts';
import { visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { resolveApproves } from './approves-target.ts';
import { findDecisionRow, getDecision } from './decision.repository.ts';

/**
 * Proposes a joint decision (CreateDecisionSchema admits joint only: a decision is between the
 * parties, and becomes public only when both publish it). `approves` must name a work
 * programme or office the proposer can see (ValidationFailed) that is not approved yet
 * (Conflict); the decision may be no wider than it or than its meeting (VisibilityTooWide).
 * NotFound for a meeting the proposer cannot see. Forbidden without manage-council.
 */
export async function proposeDecision(
  deps: Deps,
  actor: Actor,
  input: CreateDecisionInput,
): Promise<Decision> {
  const user = requirePermission(actor, 'manage-council');
  const visible = visibilityOnCreate(user, 'joint');
  return change(deps, actor, async ({ trx, at, record }) => {
    if (input.meetingId !== undefined) {
      const meeting = await trx
        .selectFrom('meetings')
        .select(['id', 'visibility', 'party'])
        .where('id', '=', input.meetingId)
        .executeTakeFirst();
      if (!meeting || !canSee(actor, meeting)) throw notFound('meeting');
      assertWithin(visible, meeting, 'meetingId');
    }
    if (input.approves !== undefined) {
      const target = await resolveApproves(trx, actor, input.approves);
      assertWithin(visible, target.row, 'approves');
    }
    const row: NewRow<'decisions'> = {
      id: deps.ids(),
      subject: input.subject,
      text: input.text,
      approvesKind: input.approves?.kind ?? null,
      approvesId: input.approves?.id ?? null,
      status: 'proposed',
      meetingId: input.meetingId ?? null,
      ...visible,
      proposedBy: user.userId,
      decidedOn: null,
      sourceId: null,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('decisions').values(row).execute();
    const after = await findDecisionRow(trx, actor, row.id);
    record({ entity: 'decision', id: row.id, action: 'create', after });
    return getDecision(trx, actor, row.id);
  });
}
