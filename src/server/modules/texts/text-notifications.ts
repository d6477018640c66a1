import type { NotificationKind } from '../../../shared/notifications.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { OPERATOR } from '../access/actor.ts';
import { change, type UnitOfWork } from '../changes/unit-of-work.ts';
import {
  advanceNotice,
  finishNotice,
  leaveNotice,
  nextNoticeWhere,
  notifyUsers,
} from '../notifications/notify.ts';
import { type Participant, participantFor } from './silence.policy.ts';
import { nextReadersOf } from './texts.repository.ts';

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
  // A caucus text has readers of its own party only: every other party's lane is done with
  // its notice from the start, or each would take a turn to find none (and a party's notices
  // would wait one turn per caucus notice of the other party).
  let deliveredThrough: string | null = null;
  if (text.visibility === 'caucus') {
    const parties = await uow.trx.selectFrom('parties').select('id').orderBy('id').execute();
    deliveredThrough = JSON.stringify(
      Object.fromEntries(parties.filter((p) => p.id !== text.party).map((p) => [p.id, DONE])),
    );
  }
  await leaveNotice(uow, {
    textId: text.id,
    kind,
    message,
    narrowTo: narrowTo === undefined ? null : JSON.stringify(narrowTo),
    deliveredThrough,
  });
}

/**
 * Readers of each party told per transaction. Small, and the event loop is let go between
 * two: on SQLite a transaction blocks the process while it writes, so any request waiting
 * meanwhile (the acting user's next one, say) waits for one such batch at most. Each batch
 * takes the next readers of every party side by side, so when a party's users are told
 * depends on how many readers that party has, never on the other's.
 */
export const READERS_PER_PARTY = 50;

/** Where handing out a notice stands: per party, the last reader told (null: none yet). */
type Progress = Record<string, string | null>;

function progressOf(json: string | null): Progress {
  if (json === null) return {};
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    // Only the parties' positions (ids), whatever else the row holds: each goes into a query.
    return Object.fromEntries(
      Object.entries(value).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  } catch {
    // A notice left by an earlier format of the cursor starts over (its readers may be told
    // of it twice, which is better than not at all).
    return {};
  }
}

export interface DeliveryOptions {
  /** Notices not to try now (their last attempt failed). */
  skip?: readonly string[];
  /** Readers of each party told per transaction; READERS_PER_PARTY by default. */
  readersPerParty?: number;
  /** Called with a notice whose batch failed; the pass goes on with the next notice. */
  onFailure?: (noticeId: string, error: unknown) => void;
}

/**
 * Hands out every waiting notice, a batch of readers at a time, each batch in a transaction
 * of its own that writes their notifications and records how far the notice has gone (the
 * last batch removes it): a crash loses no notice and tells nobody twice, and two servers
 * never take the same notice at once (nextNoticeWhere). Each party has a lane of its own: the
 * parties take turns, each with the oldest notice that still has readers of that party to
 * tell, so a party's users are told in the order things happened whatever the other party's
 * notices hold. One lane for all made a notice of NATO's caucus with thousands of NATO
 * readers hold up Russia's next notice by as many batches, and Russia timing its own inbox
 * learned when NATO's caucus acted (the review timed it). Readers
 * are those the text has when their batch is handed out (a reader whose clearance was lowered
 * meanwhile is not told), dated when it happened. A notice whose batch fails is left for
 * later (`onFailure`) and the pass goes on with the others. Answers how many notices were
 * handed out to their last reader.
 */
export async function deliverNotifications(
  deps: Deps,
  options: DeliveryOptions = {},
): Promise<number> {
  const skip = new Set(options.skip ?? []);
  const parties = (await deps.db.selectFrom('parties').select('id').orderBy('id').execute()).map(
    (p) => p.id,
  );
  let finished = 0;
  for (;;) {
    let moved = false;
    for (const party of parties) {
      let noticeId: string | null = null;
      try {
        const step = await change(
          deps,
          OPERATOR,
          async (uow) => {
            const notice = await nextNoticeWhere(
              uow.trx,
              [...skip],
              (n) => progressOf(n.deliveredThrough)[party] !== DONE,
            );
            if (notice === undefined) return 'none' as const;
            noticeId = notice.id;
            return handOutBatch(
              uow,
              notice,
              party,
              parties,
              options.readersPerParty ?? READERS_PER_PARTY,
            );
          },
          { bookkeeping: true },
        );
        if (step === 'none') continue;
        moved = true;
        if (step === 'finished') finished += 1;
      } catch (error) {
        if (noticeId === null) throw error;
        skip.add(noticeId);
        options.onFailure?.(noticeId, error);
        moved = true;
      }
      // Let whatever waits (a request) go first between two batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!moved) return finished;
  }
}

/**
 * Tells the next `size` of `party`'s readers of a notice (when none is left after them, the
 * party is marked DONE); answers whether the notice is now done for every party.
 */
async function handOutBatch(
  uow: UnitOfWork,
  notice: Row<'pendingNotifications'>,
  party: string,
  parties: readonly string[],
  size: number,
): Promise<'finished' | 'advanced'> {
  const progress = progressOf(notice.deliveredThrough);
  const participants =
    notice.narrowTo === null ? null : (JSON.parse(notice.narrowTo) as Participant[]);
  const after = progress[party] ?? null;
  // One more than the batch: whether any reader of the party is left after it. The batch
  // walks the readers; those it is narrowed away from (or the actor) are passed, not told.
  const next = await nextReadersOf(uow.trx, notice.textId, party, after, size + 1);
  const batch = next.slice(0, size);
  const told = batch
    .filter((r) => r.id !== notice.actorUserId)
    .filter((r) => participants === null || participantFor(r, participants) !== null)
    .map((r) => r.id);
  progress[party] = next.length > size ? (batch.at(-1)?.id ?? after) : DONE;
  await notifyUsers(uow, told, {
    kind: notice.kind,
    entityType: 'text',
    entityId: notice.textId,
    message: notice.message,
    at: notice.at,
  });
  if (parties.every((p) => progress[p] === DONE)) {
    await finishNotice(uow.trx, notice.id);
    return 'finished';
  }
  await advanceNotice(uow.trx, notice.id, JSON.stringify(progress));
  return 'advanced';
}

/** A party all of whose readers were told. */
const DONE = '~done';
