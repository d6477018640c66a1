import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readFileSync,
  type Stats,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { CliError } from './io.ts';

/**
 * What makes a file on disk input we may load as the council's record (an export to import, a
 * backup to restore): a regular file reached by its own name, not through a symbolic link,
 * owned by whoever runs the command (or root), writable by its owner alone, in a folder no one
 * else may swap it in. Anything else is a file another local account could have planted or
 * changed, and its "agreed" texts would become the council's. CliError naming what is wrong.
 */
export function assertTrustedStats(file: string, stats: Stats): void {
  if (!stats.isFile()) throw new CliError(`${file} is not a regular file`);
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid && stats.uid !== 0) {
    throw new CliError(
      `${file} belongs to another account (uid ${stats.uid}): only a file of your own, or root's, is loaded`,
    );
  }
  if ((stats.mode & 0o022) !== 0) {
    throw new CliError(
      `${file} may be written by others than its owner (mode ${(stats.mode & 0o777).toString(8)}): anyone could have changed it; \`chmod go-w\` it once you trust it`,
    );
  }
  const folder = dirname(file);
  const parent = statSync(folder);
  if ((parent.mode & 0o002) !== 0 && (parent.mode & 0o1000) === 0) {
    throw new CliError(
      `${file} is in ${folder}, which anyone may write to: another account could replace it; move it to a folder of your own`,
    );
  }
}

/** Checks `file` (assertTrustedStats) without reading it: a database backup, opened by SQLite. */
export function assertTrustedFile(file: string): void {
  closeSync(openTrusted(file));
}

function openTrusted(file: string): number {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`there is no file ${file}`);
    if (code === 'ELOOP') throw new CliError(`${file} is a symbolic link; name the file itself`);
    throw error;
  }
  try {
    assertTrustedStats(file, fstatSync(fd));
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Opens `file` never through a link, checks it (assertTrustedStats) and answers its text. */
export function readTrustedFile(file: string): string {
  // The checks are of the file opened, so nothing can swap it between check and read.
  const fd = openTrusted(file);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** A JSON file from outside (an export, a PostgreSQL backup), read as readTrustedFile does. */
export function parseTrustedJsonFile(file: string): unknown {
  const text = readTrustedFile(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${error instanceof Error ? error.message : error}`);
  }
}
