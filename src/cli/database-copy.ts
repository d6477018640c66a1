import {
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import SQLite from 'better-sqlite3';
import { CliError } from './io.ts';

const OWNER_ONLY = 0o600;
/** Pages copied per step after the first: a database of any likely size in one more step. */
const PAGES_PER_STEP = 1_000_000;

/** Refuses a symbolic link at `file`, with or without --force: a copy never goes where it points. */
export function refuseLink(file: string): void {
  if (lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) {
    throw new CliError(`${file} is a symbolic link; name the file itself`);
  }
}

/**
 * The other processes of this machine that hold `file` or its log open (a server on it), read
 * from Linux's /proc: a restore under them would be lost, since their connections keep the old
 * file. Each open file is compared by device and inode, so a process that reached it by
 * another path (a link, a bind mount, a container) counts too. Processes of another user are
 * not visible unless we run as root, and elsewhere than Linux the answer is always none:
 * `inUseByAnotherConnection` asks SQLite itself.
 */
export function processesHolding(file: string): number[] {
  if (!existsSync('/proc/self/fd')) return [];
  const held = [file, `${file}-wal`]
    .map((f) => statSync(f, { throwIfNoEntry: false }))
    .filter((s) => s !== undefined)
    .map((s) => `${s.dev}:${s.ino}`);
  if (held.length === 0) return [];
  const holders: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // it ended meanwhile, or it is another user's
    }
    const holds = fds.some((fd) => {
      // The link's target, as the kernel knows it, whatever path the process named.
      try {
        const target = statSync(`/proc/${entry}/fd/${fd}`);
        return held.includes(`${target.dev}:${target.ino}`);
      } catch {
        return false; // closed meanwhile, or not ours to look at
      }
    });
    if (holds) holders.push(Number(entry));
  }
  return holders;
}

/**
 * Whether another connection, of any process, user or machine sharing the file, has the
 * SQLite database open: asked of SQLite's own locks, by taking the database exclusively for a
 * moment (an idle connection in WAL holds a shared lock that refuses it). Closing the probe,
 * the last connection, checkpoints the log into the database, so removing the log afterwards
 * loses nothing.
 */
export function inUseByAnotherConnection(file: string): boolean {
  const db = new SQLite(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Anything else (not a database at all) is a file no server serves: the copy replaces it.
    return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
  } finally {
    db.close();
  }
}

/** Whether two names are one file (the same device and inode). */
export function sameFile(a: string, b: string): boolean {
  const x = statSync(a);
  const y = statSync(b);
  return x.dev === y.dev && x.ino === y.ino;
}

/** `PRAGMA integrity_check` on a database file, opened read-only: 'ok' or what it found. */
export function integrityOf(file: string): string {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** Whether `file` starts as an SQLite database does (the first bytes of its header). */
export function isSqliteFile(file: string): boolean {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const header = Buffer.alloc(16);
    const read = readSync(fd, header, 0, header.length, 0);
    return read === 16 && header.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies the database `source` to `target` with SQLite's online backup (better-sqlite3's
 * `db.backup()`): a consistent snapshot of the last commit, taken while other connections keep
 * reading and writing (in WAL a reader never blocks the writer; a commit during the copy
 * restarts it, and every step after the first copies the rest at once). The copy goes to
 * `<target>.partial`, created exclusively for its owner alone (0600) and never through a link,
 * is checked with `integrity_check`, flushed to disk, and only then renamed over the target:
 * a failure leaves the target as it was and no partial behind.
 */
export async function copyDatabase(source: string, target: string): Promise<void> {
  const partial = `${target}.partial`;
  let fd: number;
  try {
    fd = openSync(
      partial,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      OWNER_ONLY,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CliError(
        `${partial} already exists (left by a copy that failed, or put there by someone else): look at it, remove it, and try again`,
      );
    }
    throw error;
  }
  closeSync(fd);
  try {
    const db = new SQLite(source, { readonly: true, fileMustExist: true });
    try {
      await db.backup(partial, { progress: () => PAGES_PER_STEP });
    } finally {
      db.close();
    }
    // The copy is a database in its own right: no log of its own may be left beside it.
    for (const journal of [`${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) {
      if (existsSync(journal)) throw new Error(`the copy left ${journal} behind`);
    }
    const integrity = integrityOf(partial);
    if (integrity !== 'ok') throw new CliError(`the copy fails its integrity check: ${integrity}`);
    const written = openSync(partial, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      fsyncSync(written);
    } finally {
      closeSync(written);
    }
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
