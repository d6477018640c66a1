import { EventEmitter } from 'node:events';
import type { Db } from '../../db/database.ts';
import { sqliteDataVersion } from '../../db/database.ts';
import { isPostgres } from '../../db/dialect.ts';
import { announceCommit, listenForCommits } from '../../db/postgres.ts';

/**
 * The one place that says "a change committed": the unit of work calls `notifyCommitted` after
 * its transaction committed, and live-update streams (modules/events) listen with
 * `onCommitted` and then read the outbox (`changeEvents`) from where they stand. The signal
 * carries nothing but "look again", so a listener that misses one loses nothing: the outbox is
 * the truth, the signal only wakes the reader.
 *
 * On SQLite the signal stays in the process (one `council serve` per database file); a write
 * by another process, such as the CLI beside a running server, is seen within a second by
 * watching the file's data version (`watchOtherConnections`). On PostgreSQL it goes through the server, NOTIFY after the commit
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

/** How often a server on SQLite looks whether another process committed. */
export const OTHER_CONNECTIONS_POLL_MS = 1_000;

interface Watch {
  listeners: Set<() => void>;
  timer: NodeJS.Timeout;
}
const watches = new WeakMap<Db, Watch>();

/**
 * Calls `listener` within OTHER_CONNECTIONS_POLL_MS of any commit another connection made to
 * the SQLite file (the CLI beside a running server: an import, a silence started from the
 * command line); returns the unsubscribe. One timer per database, whatever the listeners,
 * asking a pragma that reads no table; it never keeps the process alive.
 */
function watchOtherConnections(db: Db, listener: () => void): () => void {
  let watch = watches.get(db);
  if (watch === undefined) {
    let failing = false;
    const listeners = new Set<() => void>();
    // A timer's exception would end the server (it has no handler for one): a tick that fails
    // is reported, once for a run of failures, and the next one tries again.
    const read = (): number | null => {
      try {
        const version = sqliteDataVersion(db);
        failing = false;
        return version;
      } catch (error) {
        if (!failing)
          process.emitWarning(`watching the database for other commits failed: ${error}`);
        failing = true;
        return null;
      }
    };
    let seen = read();
    const timer = setInterval(() => {
      const now = read();
      if (now === null || now === seen) return;
      const first = seen === null;
      seen = now;
      // Nothing was known to compare with (the first read failed): no news, only a start.
      if (first) return;
      for (const each of [...listeners]) {
        try {
          each();
        } catch (error) {
          process.emitWarning(`a listener to other connections' commits failed: ${error}`);
        }
      }
    }, OTHER_CONNECTIONS_POLL_MS);
    timer.unref();
    watch = { listeners, timer };
    watches.set(db, watch);
  }
  const current = watch;
  // Its own token per subscription, so that unsubscribing twice (a stream's finish and close)
  // removes it once and never stops a watch that a later subscriber started.
  const token = () => listener();
  current.listeners.add(token);
  return () => {
    if (!current.listeners.delete(token)) return;
    if (current.listeners.size === 0) {
      clearInterval(current.timer);
      if (watches.get(db) === current) watches.delete(db);
    }
  };
}

/** Called by the unit of work once a change that appended change events has committed. */
export function notifyCommitted(db: Db): void {
  if (isPostgres(db)) announceCommit(db);
  else emitters.get(db)?.emit('committed');
}

/**
 * Calls `listener` after every commit made elsewhere: on another server of the same PostgreSQL
 * database, or by another process on the same SQLite file; returns the unsubscribe. For what
 * a server keeps about the database and refreshes after its own writes itself (the silence
 * timer): its own commits would wake it in the middle of those writes.
 */
export function onCommittedElsewhere(db: Db, listener: () => void): () => void {
  if (!isPostgres(db)) return watchOtherConnections(db, listener);
  return listenForCommits(db, listener, true) ?? (() => undefined);
}

/** Calls `listener` after every commit that appended change events; returns the unsubscribe. */
export function onCommitted(db: Db, listener: () => void): () => void {
  const remote = isPostgres(db) ? listenForCommits(db, listener) : null;
  if (remote !== null) return remote;
  const emitter = emitterOf(db);
  emitter.on('committed', listener);
  const stopWatching = watchOtherConnections(db, listener);
  return () => {
    emitter.off('committed', listener);
    stopWatching();
  };
}
