import type {
  NotificationListQuery,
  NotificationPage,
} from '../../../shared/notifications.schemas.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { toNotification } from './notification.view.ts';
import { ownReadable, unreadCount } from './notifications.repository.ts';

/**
 * The caller's own inbox, newest first, optionally only what is unread, with the count of
 * unread notifications (read; Unauthenticated for an anonymous caller). Another user's
 * notifications never appear, nor do those about a text the caller may no longer read.
 */
export async function listNotifications(
  deps: Deps,
  actor: Actor,
  query: NotificationListQuery,
): Promise<NotificationPage> {
  const user = requirePermission(actor, 'read');
  let q = deps.db
    .selectFrom('notifications')
    .selectAll()
    .where(ownReadable(user))
    .orderBy('notifications.at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(query.limit + 1);
  if (query.unread === 'true') q = q.where('notifications.readAt', 'is', null);
  if (query.cursor) {
    q = q.where(afterCursor(['notifications.at', 'notifications.id'], query.cursor, 'desc'));
  }
  const rows = await q.execute();
  const page = toPage(rows, query.limit, (r) => [r.at, r.id], toNotification);
  return { ...page, unread: await unreadCount(deps.db, user) };
}
