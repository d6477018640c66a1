import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceHash } from './source-hash.ts';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** What the web build is made of: its sources, the shared code it imports, the lockfile. */
const INPUTS = ['src/web', 'src/shared', 'package-lock.json'];
/** Written by the build beside index.html: the hash of the inputs it was built from. */
export const SOURCE_HASH_FILE = '.source-hash';

/** A hash of every input of the web build (see sourceHash). */
export async function webSourceHash(repo = REPO): Promise<string> {
  return sourceHash(repo, INPUTS);
}

/** Whether the build in `webRoot` is missing or was made from other sources than these. */
export async function isWebBuildStale(webRoot: string, repo = REPO): Promise<boolean> {
  if (!existsSync(join(webRoot, 'index.html'))) return true;
  const built = await readFile(join(webRoot, SOURCE_HASH_FILE), 'utf8').catch(() => '');
  return built.trim() !== (await webSourceHash(repo));
}

/** Runs `vite build` (what `npm run build` runs), its output on this process's. */
export async function buildWebApp(repo = REPO): Promise<void> {
  const require = createRequire(import.meta.url);
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  await new Promise<void>((done, fail) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', join(repo, 'src/web/vite.config.ts'), '--logLevel', 'warn'],
      { cwd: repo, stdio: 'inherit' },
    );
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`vite build failed (exit code ${code})`)),
    );
  });
}

/** Builds the web application when its build is missing or stale; says whether it built. */
export async function ensureWebBuild(webRoot: string, repo = REPO): Promise<boolean> {
  if (!(await isWebBuildStale(webRoot, repo))) return false;
  await buildWebApp(repo);
  return true;
}
