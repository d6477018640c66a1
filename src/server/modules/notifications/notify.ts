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
  if (userIds.length === 0) return;
  await uow.trx
    .insertInto('notifications')
    .values(
      userIds.map((userId) => ({
        id: uow.deps.ids(),
        userId,
        ...notification,
        at: uow.at,
        readAt: null,
      })),
    )
    .execute();
}
