import { EventEmitter } from 'node:events';
import type { Db } from '../../db/database.ts';
import { isPostgres } from '../../db/dialect.ts';
import { announceCommit, listenForCommits } from '../../db/postgres.ts';

/**
 * The one place that says "a change committed": the unit of work calls `notifyCommitted` after
 * its transaction committed, and live-update streams (modules/events) listen with
 * `onCommitted` and then read the outbox (`changeEvents`) from where they stand. The signal
 * carries nothing but "look again", so a listener that misses one loses nothing: the outbox is
 * the truth, the signal only wakes the reader.
 *
 * On SQLite the signal stays in the process (one `council serve` per database file; writes
 * by another process, such as the CLI beside a running server, are picked up by the streams'
 * look at each heartbeat). On PostgreSQL it goes through the server, NOTIFY after the commit
 * and one LISTEN connection per instance (db/postgres.ts), so that a stream on any instance
 * wakes for a change committed on any other.
 */
const emitters = new WeakMap<Db, EventEmitter>();

function emitterOf(db: Db): EventEmitter {
  let emitter = emitters.get(db);
  if (emitter === undefined) {
    emitter = new EventEmitter();
    // One listener per open stream: the count is bounded by the connections, not a leak.
    emitter.setMaxListeners(0);
    emitters.set(db, emitter);
  }
  return emitter;
}

/** Called by the unit of work once a change that appended change events has committed. */
export function notifyCommitted(db: Db): void {
  if (isPostgres(db)) announceCommit(db);
  else emitters.get(db)?.emit('committed');
}

/**
 * Calls `listener` after every commit made on another server of the same PostgreSQL database
 * (nothing on SQLite, which has one server per file); returns the unsubscribe. For what a
 * server keeps about the database and refreshes after its own writes itself (the silence
 * timer): its own commits would wake it in the middle of those writes.
 */
export function onCommittedElsewhere(db: Db, listener: () => void): () => void {
  return (isPostgres(db) ? listenForCommits(db, listener, true) : null) ?? (() => undefined);
}

/** Calls `listener` after every commit that appended change events; returns the unsubscribe. */
export function onCommitted(db: Db, listener: () => void): () => void {
  const remote = isPostgres(db) ? listenForCommits(db, listener) : null;
  if (remote !== null) return remote;
  const emitter = emitterOf(db);
  emitter.on('committed', listener);
  return () => emitter.off('committed', listener);
}
