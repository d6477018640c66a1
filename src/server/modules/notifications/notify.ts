import type { NotificationKind } from '../../../shared/notifications.schemas.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';

/**
 * Writes one notification to each of `userIds`, in the caller's unit of work, so that a
 * notification exists exactly when the change it tells of was committed. The caller chooses
 * the recipients by the rule of the thing notified about (a text's readers: its audience,
 * marking and releasability) and words the message for them: a message about a caucus item
 * goes to that party's users only, and names nothing of another party's caucus.
 */
export async function notifyUsers(
  uow: UnitOfWork,
  userIds: readonly string[],
  notification: {
    kind: NotificationKind;
    entityType: 'text';
    entityId: string;
    message: string;
  },
): Promise<void> {
  // In batches: one insert of every row binds 8 values a row, and SQLite takes at most 32,766
  // bound values a statement (PostgreSQL 65,535), so a text with 4,096 readers would fail to
  // break its silence at all, and be adopted as though its objector had kept silent.
  for (let start = 0; start < userIds.length; start += NOTIFICATIONS_PER_INSERT) {
    await uow.trx
      .insertInto('notifications')
      .values(
        userIds.slice(start, start + NOTIFICATIONS_PER_INSERT).map((userId) => ({
          id: uow.deps.ids(),
          userId,
          ...notification,
          at: uow.at,
          readAt: null,
        })),
      )
      .execute();
  }
}

/** Rows a notification insert writes at once: well within both dialects' bound values. */
export const NOTIFICATIONS_PER_INSERT = 500;
