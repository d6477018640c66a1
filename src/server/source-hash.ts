import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function filesOf(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.test.ts') && !e.name.endsWith('.test.tsx'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * A hash of every file under `inputs` (folders or files, relative to `repo`), tests left out,
 * by content and name (not modification time: a checkout or a copy changes times, not what a
 * build was made from). Synchronous on purpose: it runs before every start that may use the
 * server bundle, and reading a few hundred small files in one go takes some 10 ms where a
 * promise per file takes several times that.
 */
export function sourceHash(repo: string, inputs: readonly string[]): string {
  const files = inputs.flatMap((input) => filesOf(join(repo, input))).sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(repo, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}
