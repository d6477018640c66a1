import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isWebBuildStale, SOURCE_HASH_FILE, webSourceHash } from './web-build.ts';

let repo: string;
let webRoot: string;

beforeEach(async () => {
  repo = mkdtempSync(join(tmpdir(), 'council-web-build-'));
  mkdirSync(join(repo, 'src/web'), { recursive: true });
  mkdirSync(join(repo, 'src/shared'), { recursive: true });
  writeFileSync(join(repo, 'src/web/main.tsx'), 'export {};');
  writeFileSync(join(repo, 'src/shared/web-routes.ts'), 'export const A = 1;');
  writeFileSync(join(repo, 'package-lock.json'), '{}');
  webRoot = join(repo, 'dist/web');
  mkdirSync(webRoot, { recursive: true });
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html>');
  writeFileSync(join(webRoot, SOURCE_HASH_FILE), `${await webSourceHash(repo)}\n`);
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('whether npm start must build the web application', () => {
  it('does not when the build was made from these very sources', async () => {
    expect(await isWebBuildStale(webRoot, repo)).toBe(false);
  });

  it('does when a source, a shared file or the lockfile changed', async () => {
    for (const file of ['src/web/main.tsx', 'src/shared/web-routes.ts', 'package-lock.json']) {
      const before = await webSourceHash(repo);
      writeFileSync(join(repo, file), `// changed ${file}`);
      expect(await webSourceHash(repo), file).not.toBe(before);
      expect(await isWebBuildStale(webRoot, repo), file).toBe(true);
      writeFileSync(join(webRoot, SOURCE_HASH_FILE), await webSourceHash(repo));
    }
  });

  it('does when a source is added, and when there is no build', async () => {
    writeFileSync(join(repo, 'src/web/new-page.tsx'), 'export {};');
    expect(await isWebBuildStale(webRoot, repo)).toBe(true);
    rmSync(join(webRoot, 'index.html'));
    expect(await isWebBuildStale(webRoot, repo)).toBe(true);
  });

  it('ignores tests, which are not part of the build', async () => {
    writeFileSync(join(repo, 'src/web/main.test.tsx'), 'test');
    expect(await isWebBuildStale(webRoot, repo)).toBe(false);
  });
});
