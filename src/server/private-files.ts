import {
  chmodSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  statSync,
} from 'node:fs';

/** Owner read and write: the database, its journals, the session secret. */
export const OWNER_ONLY_FILE = 0o600;
/** Owner only: the folder that holds them. */
export const OWNER_ONLY_FOLDER = 0o700;

/** Something the operator should fix by hand; the caller prints it. */
export type Warn = (message: string) => void;

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0');
const isOpenToOthers = (mode: number) => (mode & 0o077) !== 0;

/**
 * The folder the database lives in, created owner-only when missing. An existing folder that
 * others may enter is made owner-only when `tighten` (the default ./data, which the council
 * made for itself); any other folder is the operator's, chosen for reasons of their own, so it
 * only earns a warning: the files inside are owner-only whatever the folder's mode, but their
 * names and sizes are not.
 */
export function preparePrivateFolder(folder: string, options: { tighten: boolean; warn: Warn }) {
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true, mode: OWNER_ONLY_FOLDER });
    return;
  }
  const { mode } = statSync(folder);
  if (!isOpenToOthers(mode)) return;
  if (options.tighten) {
    chmodSync(folder, OWNER_ONLY_FOLDER);
    return;
  }
  options.warn(
    `${folder} is open to other users (mode ${octal(mode)}); the files in it are not, but to hide their names too: chmod 700 ${folder}`,
  );
}

/**
 * `file` exists and is readable by its owner only: created empty with mode 0600 when missing
 * (exclusively, so an existing file is never truncated), and narrowed to 0600 when others may
 * read it. A file the process does not own cannot be narrowed; that earns a warning.
 */
export function preparePrivateFile(file: string, options: { create: boolean; warn: Warn }) {
  if (!existsSync(file)) {
    if (!options.create) return;
    try {
      closeSync(
        openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, OWNER_ONLY_FILE),
      );
    } catch (error) {
      // Another process (a second CLI, the server) created it first: narrow that one instead.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const { mode } = statSync(file);
  if (!isOpenToOthers(mode)) return;
  try {
    chmodSync(file, OWNER_ONLY_FILE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    options.warn(
      `${file} is readable by other users (mode ${octal(mode)}) and belongs to someone else: chmod 600 ${file} as its owner`,
    );
  }
}
