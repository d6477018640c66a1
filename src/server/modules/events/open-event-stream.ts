import { PassThrough } from 'node:stream';
import type { ChangeEvent } from '../../../shared/events.schemas.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { type Audience, audiencesOf } from '../access/audience.ts';
import { onCommitted } from '../changes/commit-notifier.ts';
import { eventsAfter, headsOf } from './change-event.repository.ts';
import { formatEventId, parseEventId, rereadUrl } from './events.policy.ts';

/** Events read from the outbox at a time; a subscriber far behind catches up in batches. */
const BATCH = 200;

export interface EventStreamOptions {
  /** How often a comment keeps the connection alive (and the outbox is looked at anyway). */
  heartbeatMs: number;
  /**
   * Whether the credential the stream was opened with still acts for the same caller; asked
   * before anything read is sent and at every heartbeat, so that a user signed out, disabled
   * or moved elsewhere receives nothing more (the stream ends; a reconnect is authenticated
   * afresh). Never on a wake-up that found nothing the caller may see: every commit wakes
   * every stream, and a stream that ended at the wake-up of the other party's caucus commit
   * would tell its caller when that commit happened.
   */
  stillValid?: () => Promise<boolean>;
}

function parsedRow(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * The live updates the actor may see, as Server-Sent Events: every change event of the
 * audiences the actor belongs to (the same rule as reads: a change is as visible as its item
 * was), in commit order, each once, with an id that is the actor's position in its own
 * audiences (events.policy.ts) so that nothing of another audience shows as a gap. Without
 * `lastEventId` the stream starts at the present; with one it resumes right after it.
 * ValidationFailed (header last-event-id) for an id this stream could not have sent.
 *
 * The data is the entity, its id, the action and the address to read it again: never the
 * item's content, which the caller reads through the read route (and its filtering).
 */
export async function openEventStream(
  deps: Deps,
  actor: Actor,
  lastEventId: string | undefined,
  options: EventStreamOptions,
): Promise<PassThrough> {
  const audiences = audiencesOf(actor) as Audience[] | null;
  // The operator is the CLI's, never an HTTP caller's.
  if (audiences === null) throw new Error('the operator has no event stream');
  const heads = await headsOf(deps.db, audiences);
  let position = new Map(heads);
  if (lastEventId !== undefined) {
    const resumed = parseEventId(audiences, lastEventId.trim());
    // An id ahead of the stream was never sent by it: refusing it beats waiting silently for
    // events the caller would then miss.
    if (resumed === null || [...resumed].some(([a, seq]) => seq > (heads.get(a) ?? 0))) {
      throw invalid('last-event-id', 'not the id of an event this stream sent', 'header');
    }
    position = new Map(resumed);
  }

  const stream = new PassThrough();
  let pumping = false;
  let again = false;
  // Set by the heartbeat: the next pass asks whether the credential still holds, rows or not.
  let checkCredential = false;
  // One reader at a time: events go out in the order read, each exactly once.
  const pump = async () => {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        while (!stream.destroyed && !stream.writableEnded && !stream.writableNeedDrain) {
          const rows = await eventsAfter(deps.db, position, BATCH);
          const ask = checkCredential || rows.length > 0;
          checkCredential = false;
          if (ask && options.stillValid && !(await options.stillValid())) {
            stream.end();
            return;
          }
          for (const row of rows) {
            position.set(row.audience as Audience, row.seq);
            const data: ChangeEvent = {
              entity: row.entityType,
              id: row.entityId,
              action: row.action,
              at: row.at,
              url: rereadUrl(row.entityType, row.entityId, parsedRow(row.after ?? row.before)),
            };
            if (stream.writableEnded) return;
            stream.write(
              `id: ${formatEventId(audiences, position)}\nevent: change\ndata: ${JSON.stringify(data)}\n\n`,
            );
          }
          if (rows.length < BATCH) break;
        }
      } while (again);
    } catch (error) {
      // The database went away under the stream (the app closing): the client reconnects.
      stream.destroy(error as Error);
    } finally {
      pumping = false;
    }
  };
  const wake = () => void pump();
  const unsubscribe = onCommitted(deps.db, wake);
  const heartbeat = setInterval(() => {
    if (!stream.writableEnded && !stream.writableNeedDrain) stream.write(': heartbeat\n\n');
    checkCredential = true;
    wake();
  }, options.heartbeatMs);
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  stream.on('drain', wake);
  stream.on('close', stop);
  stream.on('finish', stop);
  // At once: the stream is open, and its position is the client's to resume from even before
  // the first event (an id without data moves a browser's Last-Event-ID and dispatches nothing).
  stream.write(`retry: 2000\nid: ${formatEventId(audiences, position)}\n\n`);
  wake();
  return stream;
}
