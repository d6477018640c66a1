import type { AgendaItem, CreateAgendaItemInput } from '../../../shared/meetings.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';
import {
  assertAgendaOpen,
  assertChairable,
  assertLinksFit,
  assertOutcomeRecordable,
  getAgendaItem,
  replaceLinks,
} from './agenda-items.shared.ts';
import { bumpAgendaVersion, findVisibleMeeting } from './meeting.repository.ts';

/**
 * Adds an item at the end of a meeting's agenda (manage-council). The item takes the
 * meeting's visibility and party, and the agenda version moves on, so earlier agreements no
 * longer count. Errors: NotFound, AgendaLocked, JointMeetingOnly (chairedBy on a caucus),
 * MeetingNotHeld (outcome too early), ValidationFailed, VisibilityTooWide (linked item).
 */
export async function addAgendaItem(
  deps: Deps,
  actor: Actor,
  meetingId: string,
  input: CreateAgendaItemInput,
): Promise<AgendaItem> {
  requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  const id = deps.ids();
  await deps.db.transaction().execute(async (trx) => {
    const meeting = await findVisibleMeeting(trx, actor, meetingId);
    assertAgendaOpen(meeting);
    assertChairable(meeting, input.chairedBy);
    assertOutcomeRecordable(meeting, input.outcome);
    await assertLinksFit(trx, actor, meeting, input.topicIds, input.activityIds);
    const last = await trx
      .selectFrom('agendaItems')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('meetingId', '=', meetingId)
      .executeTakeFirst();
    const row: Row<'agendaItems'> = {
      id,
      meetingId,
      position: (last?.position ?? 0) + 1,
      title: input.title,
      outcome: input.outcome ?? null,
      chairedBy: input.chairedBy ?? null,
      sourceId: null,
      reconstructed: 0,
      visibility: meeting.visibility,
      party: meeting.party,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('agendaItems').values(row).execute();
    await replaceLinks(trx, id, input.topicIds ?? [], input.activityIds ?? []);
    await bumpAgendaVersion(trx, meetingId, at);
    await indexDocument(trx, searchDocumentOf('agendaItem', row));
    await recordAudit(trx, {
      actor,
      at,
      action: 'agenda-item.create',
      entityType: 'agendaItem',
      entityId: id,
      visibility: row.visibility,
      party: row.party,
      after: { ...row, topicIds: input.topicIds ?? [], activityIds: input.activityIds ?? [] },
    });
  });
  return getAgendaItem(deps, actor, meetingId, id);
}
