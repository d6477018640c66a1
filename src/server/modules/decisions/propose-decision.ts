import type { CreateDecisionInput, Decision } from '../../../shared/decisions.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin, canSee } from '../access/visibility.policy.ts';
import { visibilityOnCreate } from '../access/visibility-change.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';
import { resolveApproves } from './approves-target.ts';
import { getDecision } from './decision.queries.ts';

/**
 * Proposes a joint decision (joint unless public is asked for; a decision is between the
 * parties, so CreateDecisionSchema refuses caucus). `approves` must name a work programme or
 * office the proposer can see (ValidationFailed) that is not approved yet (Conflict); the
 * decision may be no wider than it or than its meeting (VisibilityTooWide).
 * NotFound for a meeting the proposer cannot see. Forbidden without manage-council.
 */
export async function proposeDecision(
  deps: Deps,
  actor: Actor,
  input: CreateDecisionInput,
): Promise<Decision> {
  const user = requirePermission(actor, 'manage-council');
  // Never caucus: CreateDecisionSchema refuses it, and only the route calls this service.
  const visible = visibilityOnCreate(user, input.visibility);
  const at = nowIso(deps);
  return deps.db.transaction().execute(async (trx) => {
    if (input.meetingId !== undefined) {
      const meeting = await trx
        .selectFrom('meetings')
        .select(['id', 'visibility', 'party'])
        .where('id', '=', input.meetingId)
        .executeTakeFirst();
      if (!meeting || !canSee(actor, meeting)) throw notFound('meeting');
      assertWithin(visible, meeting, 'body.meetingId');
    }
    if (input.approves !== undefined) {
      const target = await resolveApproves(trx, actor, input.approves);
      assertWithin(visible, target.row, 'body.approves');
    }
    const row: Row<'decisions'> = {
      id: deps.ids(),
      subject: input.subject,
      text: input.text,
      approves: input.approves ?? null,
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
    await recordAudit(trx, {
      actor,
      at,
      action: 'decision.create',
      entityType: 'decision',
      entityId: row.id,
      visibility: row.visibility,
      party: row.party,
      after: row,
    });
    await indexDocument(trx, searchDocumentOf('decision', row));
    return getDecision(trx, actor, row.id);
  });
}
