import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, OPERATOR } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { adoptText } from './adopt-text.ts';
import { notifyReaders } from './text-notifications.ts';
import { readableTexts } from './texts.repository.ts';

// A literal, not a parameter: SQLite uses the partial index `textsBySilence` (where state =
// 'under-silence') only for a query whose own condition it can match when it prepares it.
const UNDER_SILENCE = sql<boolean>`"state" = 'under-silence'`;

/**
 * The earliest deadline of a silence still running (settled or not), or null; of the texts
 * `reader` may read when one is named, and leaving out the texts in `skip` (those the
 * scheduler could not settle, until it tries them again).
 */
export async function nextSilenceDeadline(
  db: Executor,
  reader?: Actor,
  skip: readonly string[] = [],
): Promise<string | null> {
  const row = await db
    .selectFrom('texts')
    .select('silenceDeadline')
    .where(UNDER_SILENCE)
    .where('silenceDeadline', 'is not', null)
    .$if(reader !== undefined, (q) => q.where(readableTexts(reader as Actor, 'texts')))
    .$if(skip.length > 0, (q) => q.where('id', 'not in', skip))
    .orderBy('silenceDeadline')
    .limit(1)
    .executeTakeFirst();
  return row?.silenceDeadline ?? null;
}

export interface SettleOptions {
  /** Texts not to try this time (they failed, and wait for their retry). */
  skip?: readonly string[];
  /**
   * Called for a text whose settling failed; the others are settled all the same. Without it
   * the first failure is thrown, and the texts after it wait.
   */
  onFailure?: (textId: string, error: unknown) => void;
  /** Called for a text tried and settled (adopted here, or found adopted elsewhere). */
  onSettled?: (textId: string) => void;
}

/**
 * Adopts every text whose silence held until its deadline, earliest deadline first (so that
 * their numbers follow their deadlines), each in its own unit of work; answers how many this
 * call adopted. Safe to run at any time, any number of times, from any number of servers:
 * see settleSilence. With `reader`, only the texts that reader may read: a request settles
 * what it is about to read and nothing else, so that how long another party's request takes
 * never depends on this party's caucus deadlines (those are left to the timer and to this
 * party's own requests).
 */
export async function settleDueSilences(
  deps: Deps,
  reader?: Actor,
  options: SettleOptions = {},
): Promise<number> {
  const now = deps.clock().toISOString();
  const skip = options.skip ?? [];
  const due = await deps.db
    .selectFrom('texts')
    .select('id')
    .where(UNDER_SILENCE)
    .where('silenceDeadline', '<=', now)
    .$if(reader !== undefined, (q) => q.where(readableTexts(reader as Actor, 'texts')))
    .$if(skip.length > 0, (q) => q.where('id', 'not in', skip))
    .orderBy('silenceDeadline')
    .orderBy('id')
    .execute();
  let adopted = 0;
  for (const { id } of due) {
    try {
      if (await settleSilence(deps, id)) adopted++;
      options.onSettled?.(id);
    } catch (error) {
      // One text that cannot be adopted (a damaged row) holds up no other: each is settled
      // in its own unit of work, and the next is tried whatever became of this one.
      if (options.onFailure === undefined) throw error;
      options.onFailure(id, error);
    }
  }
  return adopted;
}

/**
 * Adopts one text whose silence held, AT ITS DEADLINE (its adoptedAt, number year and
 * adoption record carry the deadline, not the moment this ran), with the statements lodged
 * attached; answers whether this call adopted it. Exactly once: the state is read again
 * inside the transaction and claimed by a conditional update (`... where state =
 * 'under-silence'`) whose count decides, so a second settle, here or on another server, finds
 * nothing to do. On SQLite the unit of work's `begin immediate` already serializes writers. On
 * PostgreSQL with several instances, the same conditional UPDATE is the claim: under READ
 * COMMITTED a second transaction updating the row waits for the first's row lock, re-evaluates
 * the WHERE once it commits, finds the text adopted and updates no row (for a batch, `select
 * ... for update skip locked` over the due texts lets instances share the work without
 * waiting). No advisory lock or leader election is needed.
 */
export async function settleSilence(deps: Deps, id: string): Promise<boolean> {
  return change(deps, OPERATOR, async (uow) => {
    const { trx, at } = uow;
    const text = await trx
      .selectFrom('texts')
      .selectAll()
      .where('id', '=', id)
      .where(UNDER_SILENCE)
      .where('silenceDeadline', '<=', at)
      .executeTakeFirst();
    if (!text || text.silenceDeadline === null) return false;
    const claimed = await trx
      .updateTable('texts')
      .set({ state: 'adopted' })
      .where('id', '=', id)
      .where(UNDER_SILENCE)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    const participants = await trx
      .selectFrom('silenceParticipants')
      .select('participant')
      .where('textId', '=', id)
      .orderBy('participant')
      .execute();
    const adopted = await adoptText(
      uow,
      text,
      {
        kind: 'silence',
        deadline: text.silenceDeadline,
        timeZone: text.silenceTimeZone ?? 'UTC',
        startedBy: text.silenceStartedBy,
        participants: participants.map((p) => p.participant),
      },
      text.silenceDeadline,
    );
    await notifyReaders(
      uow,
      adopted,
      'adopted-by-silence',
      `"${text.title}" was adopted by silence at ${text.silenceDeadline}, as ${adopted.number}.`,
    );
    return true;
  });
}
