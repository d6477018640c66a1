import type { NotificationKind } from '../../../shared/notifications.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { OPERATOR } from '../access/actor.ts';
import { change, type UnitOfWork } from '../changes/unit-of-work.ts';
import { claimNotices, leaveNotice, notifyUsers } from '../notifications/notify.ts';
import { type Participant, participantFor } from './silence.policy.ts';
import { readersOf } from './texts.repository.ts';

/**
 * Tells the readers of a text (its audience, cleared for its marking and among those it is
 * releasable to) what happened to it: the change leaves one notice, and the server hands it
 * out after the commit (deliverNotifications), so that the change's own request costs the
 * same however many readers the other party has. A caucus text's notices reach its own
 * party's users only. `narrowTo` keeps the users of some participants (a silence's), and the
 * user who acted is not told what it did itself.
 */
export async function notifyReaders(
  uow: UnitOfWork,
  text: Row<'texts'>,
  kind: NotificationKind,
  message: string,
  narrowTo?: readonly Participant[],
): Promise<void> {
  await leaveNotice(uow, {
    textId: text.id,
    kind,
    message,
    narrowTo: narrowTo === undefined ? null : JSON.stringify(narrowTo),
  });
}

/** Notices handed out per transaction: a short one, so no write waits long behind it. */
const NOTICES_PER_TRANSACTION = 20;

/**
 * Hands out every waiting notice: each to the readers its text has now (a reader whose
 * clearance was lowered meanwhile is not told), dated when it happened. Each batch is claimed
 * and handed out in one transaction, so a notice is handed out once even if two servers try,
 * and a crash leaves it waiting for the next pass. Answers how many notices were handed out.
 */
export async function deliverNotifications(deps: Deps): Promise<number> {
  let delivered = 0;
  for (;;) {
    const claimed = await change(
      deps,
      OPERATOR,
      async (uow) => {
        const notices = await claimNotices(uow.trx, NOTICES_PER_TRANSACTION);
        for (const notice of notices) {
          const text = await uow.trx
            .selectFrom('texts')
            .select(['id', 'visibility', 'party'])
            .where('id', '=', notice.textId)
            .executeTakeFirst();
          if (!text) continue;
          const participants =
            notice.narrowTo === null ? null : (JSON.parse(notice.narrowTo) as Participant[]);
          const readers = await readersOf(
            uow.trx,
            text,
            participants === null
              ? undefined
              : (user) => participantFor(user, participants) !== null,
          );
          await notifyUsers(
            uow,
            readers.filter((id) => id !== notice.actorUserId),
            {
              kind: notice.kind,
              entityType: 'text',
              entityId: text.id,
              message: notice.message,
              at: notice.at,
            },
          );
        }
        return notices.length;
      },
      { bookkeeping: true },
    );
    delivered += claimed;
    if (claimed < NOTICES_PER_TRANSACTION) return delivered;
  }
}
