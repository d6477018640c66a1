import type { NotificationKind } from '../../../shared/notifications.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { isPostgres } from '../../db/dialect.ts';
import type { Row } from '../../db/schema.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';

/**
 * What a change leaves for the readers of a text: one row, whoever and however many they are.
 * Writing one notification per reader in the change itself made the caller's request take
 * longer the more users of the other party were cleared for the text, which told the caller
 * of the other party's user administration (bench/silence-readers.ts). The server hands the
 * notice out after the commit (texts/text-notifications.ts), in transactions of its own.
 */
export interface Notice {
  textId: string;
  kind: NotificationKind;
  message: string;
  /** Whom among the text's readers it is for (opaque here: the texts module reads it). */
  narrowTo: string | null;
  /** How far it is handed out from the start (opaque here: the texts module reads it). */
  deliveredThrough?: string | null;
}

/** Leaves a notice, in the caller's unit of work, so that it exists exactly if the change does. */
export async function leaveNotice(uow: UnitOfWork, notice: Notice): Promise<void> {
  await uow.trx
    .insertInto('pendingNotifications')
    .values({
      id: uow.deps.ids(),
      textId: notice.textId,
      kind: notice.kind,
      message: notice.message,
      narrowTo: notice.narrowTo,
      actorUserId: uow.actor.kind === 'user' ? uow.actor.userId : null,
      deliveredThrough: notice.deliveredThrough ?? null,
      at: uow.at,
    })
    .execute();
}

/** Whether any notice waits (one indexed row read, no write). */
export async function noticesWait(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('pendingNotifications').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** How many waiting notices one look at the queue reads (nextNoticeWhere). */
const NOTICES_PER_LOOK = 200;

/**
 * The oldest notice waiting, but those in `skip` (notices whose last attempt failed, waiting
 * for their retry), that `wanted` keeps (the notice's own progress says whether it still has
 * readers of some party to tell), locked for the caller's transaction: on PostgreSQL a second
 * server asking at the same time skips it, so each part of a notice is handed out by one
 * transaction only (SQLite has one writer at a time anyway). Reads the queue in order, a look
 * at a time.
 */
export async function nextNoticeWhere(
  trx: Executor,
  skip: readonly string[],
  wanted: (notice: Row<'pendingNotifications'>) => boolean,
): Promise<Row<'pendingNotifications'> | undefined> {
  let after: Row<'pendingNotifications'> | undefined;
  for (;;) {
    let query = trx
      .selectFrom('pendingNotifications')
      .selectAll()
      .$if(skip.length > 0, (q) => q.where('id', 'not in', skip))
      .orderBy('at')
      .orderBy('id')
      .limit(NOTICES_PER_LOOK);
    if (after !== undefined) {
      const { at, id } = after;
      query = query.where((eb) =>
        eb.or([eb('at', '>', at), eb.and([eb('at', '=', at), eb('id', '>', id)])]),
      );
    }
    const look = await query.execute();
    const found = look.find(wanted);
    if (found !== undefined) {
      if (!isPostgres(trx)) return found;
      // Locked now, and read again: another server may have moved it on meanwhile.
      const locked = await trx
        .selectFrom('pendingNotifications')
        .selectAll()
        .where('id', '=', found.id)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      return locked !== undefined && wanted(locked) ? locked : undefined;
    }
    if (look.length < NOTICES_PER_LOOK) return undefined;
    after = look.at(-1);
  }
}

/** Records how far a notice has been handed out (`through`: per party, the last reader told, as JSON). */
export async function advanceNotice(trx: Executor, id: string, through: string): Promise<void> {
  await trx
    .updateTable('pendingNotifications')
    .set({ deliveredThrough: through })
    .where('id', '=', id)
    .execute();
}

/** A notice handed out to its last reader is gone. */
export async function finishNotice(trx: Executor, id: string): Promise<void> {
  await trx.deleteFrom('pendingNotifications').where('id', '=', id).execute();
}

/**
 * Writes one notification to each of `userIds`, dated `at` (when what it tells of happened).
 * The caller chooses the recipients by the rule of the thing notified about (a text's readers:
 * its audience, marking and releasability) and words the message for them: a message about a
 * caucus item goes to that party's users only, and names nothing of another party's caucus.
 */
export async function notifyUsers(
  uow: UnitOfWork,
  userIds: readonly string[],
  notification: {
    kind: string;
    entityType: 'text';
    entityId: string;
    message: string;
    at: string;
  },
): Promise<void> {
  // In batches: one insert of every row binds 8 values a row, and SQLite takes at most 32,766
  // bound values a statement (PostgreSQL 65,535); the batch a caller hands in is its own
  // setting (deliverNotifications' readersPerParty), so this holds whatever it is.
  for (let start = 0; start < userIds.length; start += NOTIFICATIONS_PER_INSERT) {
    await uow.trx
      .insertInto('notifications')
      .values(
        userIds.slice(start, start + NOTIFICATIONS_PER_INSERT).map((userId) => ({
          id: uow.deps.ids(),
          userId,
          ...notification,
          readAt: null,
        })),
      )
      .execute();
  }
}

/** Rows a notification insert writes at once: well within both dialects' bound values. */
export const NOTIFICATIONS_PER_INSERT = 500;
