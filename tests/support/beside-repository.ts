import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Files some tests read that stay out of the repository (the standard's own schema, the fact
 * sheet the record was taken from): from the environment variable when it is set, else at
 * `relative` beside the repository (`../shared/...`). Answers the paths, or why they are
 * missing; under CI a missing file is a failure, never a skip.
 */
export function besideRepository(
  what: string,
  envVariable: string,
  relative: string,
  alongside: readonly string[] = [],
): { found: true; path: string; paths: string[] } | { found: false; reason: string } {
  const configured = process.env[envVariable];
  const path = configured ? resolve(configured) : join(REPOSITORY, '..', relative);
  const paths = [path, ...alongside.map((name) => join(dirname(path), name))];
  const missing = paths.filter((file) => !existsSync(file));
  if (missing.length === 0) return { found: true, path, paths };
  const reason = `${what} is missing (${missing.join(', ')}): set ${envVariable} to it`;
  if (process.env.CI === 'true') throw new Error(reason);
  return { found: false, reason };
}
