import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, cliEntry, SERVER_BUILD_FOLDER, serverBuildOf } from './server-build.ts';

let repo: string;
const sources = () => pathToFileURL(join(repo, 'src/cli/main.ts')).href;

// A clone in miniature: a CLI that imports the server, which reads a file beside its source.
beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'council-server-build-'));
  for (const folder of ['src/cli', 'src/server', 'src/shared', 'docs']) {
    mkdirSync(join(repo, folder), { recursive: true });
  }
  writeFileSync(
    join(repo, 'src/cli/main.ts'),
    "import { page } from '../server/page.ts';\nconsole.log(page());\n",
  );
  writeFileSync(
    join(repo, 'src/server/page.ts'),
    "import { readFileSync } from 'node:fs';\n" +
      "export const page = (): string => readFileSync(new URL('../../docs/page.txt', import.meta.url), 'utf8');\n",
  );
  writeFileSync(join(repo, 'src/shared/words.ts'), 'export const A = 1;\n');
  writeFileSync(join(repo, 'tsconfig.json'), '{}\n');
  writeFileSync(join(repo, 'docs/page.txt'), 'found beside the source');
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('which code bin/council.js runs', () => {
  it('runs the sources while there is no bundle, and does not build one unless asked', async () => {
    expect(await cliEntry({ build: false }, repo)).toBe(sources());
    expect(existsSync(join(repo, SERVER_BUILD_FOLDER))).toBe(false);
  });

  it('builds when asked (npm start), then runs the bundle, which finds files beside its sources', async () => {
    const entry = await cliEntry({ build: true }, repo);
    expect(entry).toBe(pathToFileURL(serverBuildOf(repo).file).href);
    expect(execFileSync(process.execPath, [fileURLToPath(entry)], { encoding: 'utf8' })).toBe(
      'found beside the source\n',
    );
    expect(await cliEntry({ build: false }, repo)).toBe(entry);
  });

  it('runs the sources again once a source, a shared file or the compiler settings change', async () => {
    for (const file of ['src/server/page.ts', 'src/shared/words.ts', 'tsconfig.json']) {
      await buildServer(repo);
      expect(serverBuildOf(repo).built, file).toBe(true);
      appendFileSync(join(repo, file), '\n');
      expect(serverBuildOf(repo).built, file).toBe(false);
      expect(await cliEntry({ build: false }, repo), file).toBe(sources());
    }
  });

  it('runs the sources once a source is added, and ignores tests, which are not bundled', async () => {
    await buildServer(repo);
    writeFileSync(join(repo, 'src/server/page.test.ts'), 'test');
    expect(serverBuildOf(repo).built).toBe(true);
    writeFileSync(join(repo, 'src/cli/new-command.ts'), 'export {};');
    expect(serverBuildOf(repo).built).toBe(false);
  });

  it('keeps only the build of the current sources', async () => {
    await buildServer(repo);
    writeFileSync(join(repo, 'src/shared/words.ts'), 'export const A = 2;\n');
    await buildServer(repo);
    const builds = readdirSync(join(repo, SERVER_BUILD_FOLDER));
    expect(builds).toEqual([join(serverBuildOf(repo).file, '..').split('/').at(-1)]);
  });
});
