import type { Notification } from '../../../shared/notifications.schemas.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { toNotification } from './notification.view.ts';
import { ownReadable, unreadCount } from './notifications.repository.ts';

/**
 * Marks one of the caller's own notifications read (read); marking it again keeps the first
 * time. NotFound for another user's notification, exactly as for none. Not audited: what a
 * user has read is its own, and an audit entry would show it to its whole party.
 */
export async function readNotification(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Notification> {
  const user = requirePermission(actor, 'read');
  return change(deps, actor, async ({ trx, at }) => {
    const row = await trx
      .selectFrom('notifications')
      .selectAll()
      .where('notifications.id', '=', id)
      .where(ownReadable(user))
      .executeTakeFirst();
    if (!row) throw notFound('notification');
    if (row.readAt !== null) return toNotification(row);
    await trx.updateTable('notifications').set({ readAt: at }).where('id', '=', id).execute();
    return toNotification({ ...row, readAt: at });
  });
}

/** Marks every unread notification of the caller read; answers how many, and what is left. */
export async function readAllNotifications(
  deps: Deps,
  actor: Actor,
): Promise<{ marked: number; unread: number }> {
  const user = requirePermission(actor, 'read');
  return change(deps, actor, async ({ trx, at }) => {
    const result = await trx
      .updateTable('notifications')
      .set({ readAt: at })
      .where(ownReadable(user))
      .where('notifications.readAt', 'is', null)
      .executeTakeFirst();
    return { marked: Number(result.numUpdatedRows), unread: await unreadCount(trx, user) };
  });
}
