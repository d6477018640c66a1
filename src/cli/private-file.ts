import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { CliError } from './io.ts';

const OWNER_ONLY = 0o600;

/**
 * Refuses a `file` that is already there unless `force`: anything at that name counts, a
 * symbolic link (even one pointing nowhere) included, since writing would go where it
 * points. With `force` the entry itself is replaced, never what a link points to.
 */
export function assertWritableTarget(file: string, force: boolean): void {
  const existing = lstatSync(file, { throwIfNoEntry: false });
  if (!existing || force) return;
  const what = existing.isSymbolicLink() ? 'is a symbolic link' : 'exists';
  throw new CliError(
    `${file} ${what}; pass --force to replace it (a link is replaced, never written through)`,
  );
}

/** A file being written beside its target, to be moved into place or removed. */
export interface PrivateFile {
  /** Writes the whole text, flushed to disk, then moves it to the target name. */
  commit(text: string): void;
  /** Removes what was written; the target is left as it was. Safe to call twice. */
  abort(): void;
}

/**
 * Starts writing `file` for its owner alone (0600), for what no one else may read: both
 * parties' caucus records and the password hashes. The text goes to `<file>.partial`, created
 * exclusively and never through a link (O_CREAT | O_EXCL | O_NOFOLLOW): a name planted there
 * beforehand, a link to somewhere the other party can read above all, makes the export fail
 * instead of writing through it, and is left alone. Once written, the partial is renamed over
 * the target, which replaces the directory entry (a link included) and never follows it; a
 * failure leaves no partial behind. CliError when the partial's name is taken.
 */
export function beginPrivateFile(file: string, options: { force: boolean }): PrivateFile {
  assertWritableTarget(file, options.force);
  const partial = `${file}.partial`;
  let fd: number | null;
  try {
    fd = openSync(
      partial,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      OWNER_ONLY,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CliError(
        `${partial} already exists (left by an export that failed, or put there by someone else): look at it, remove it, and export again`,
      );
    }
    throw error;
  }
  let created = true;
  const close = () => {
    if (fd === null) return;
    const open = fd;
    fd = null;
    closeSync(open);
  };
  const abort = () => {
    try {
      close();
    } finally {
      // Only the partial this call created: a name taken before is someone else's.
      if (created) rmSync(partial, { force: true });
      created = false;
    }
  };
  return {
    commit: (text) => {
      try {
        if (fd === null) throw new Error(`${partial} is closed`);
        // The umask may only have narrowed the mode; make it exactly the owner's.
        fchmodSync(fd, OWNER_ONLY);
        writeFileSync(fd, text);
        fsyncSync(fd);
        close();
        // The target may have appeared while the export ran: look again just before.
        assertWritableTarget(file, options.force);
        renameSync(partial, file);
        created = false;
      } catch (error) {
        abort();
        throw error;
      }
    },
    abort,
  };
}
