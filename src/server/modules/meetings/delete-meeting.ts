import { type Deps, nowIso } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { removeDocument } from '../search/search-index.ts';
import { findVisibleMeeting } from './meeting.repository.ts';

/**
 * Deletes a meeting that is still planned (manage-council); a held or cancelled one is part
 * of the record (Conflict: cancel it instead). A meeting that notes or decisions refer to is
 * refused too (Conflict), because some of them may be the other party's caucus notes, which
 * the caller must not destroy unseen. Errors: NotFound, Conflict.
 */
export async function deleteMeeting(deps: Deps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    const before = await findVisibleMeeting(trx, actor, id);
    if (before.status !== 'planned') {
      throw new DomainError('Conflict', `a ${before.status} meeting is part of the record`);
    }
    const notes = await trx
      .selectFrom('notes')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('meetingId', '=', id),
          eb(
            'agendaItemId',
            'in',
            eb.selectFrom('agendaItems').select('id').where('meetingId', '=', id),
          ),
        ]),
      )
      .limit(1)
      .execute();
    const decisions = await trx
      .selectFrom('decisions')
      .select('id')
      .where('meetingId', '=', id)
      .limit(1)
      .execute();
    if (notes.length > 0 || decisions.length > 0) {
      // Deliberately vague: naming the referring items would reveal the other side's caucus.
      throw new DomainError('Conflict', 'other records refer to this meeting; cancel it instead');
    }
    const items = await trx
      .selectFrom('agendaItems')
      .select('id')
      .where('meetingId', '=', id)
      .execute();
    for (const item of items) await removeDocument(trx, 'agendaItem', item.id);
    await removeDocument(trx, 'meeting', id);
    // Co-chairs, attendance, agreements and agenda items go with it (on delete cascade).
    await trx.deleteFrom('meetings').where('id', '=', id).execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'meeting.delete',
      entityType: 'meeting',
      entityId: id,
      visibility: before.visibility,
      party: before.party,
      before,
    });
  });
}
