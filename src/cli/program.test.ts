import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { council, type Scratch, scratch } from '../../tests/support/cli.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratches: Scratch[] = [];
function fresh(): Scratch {
  const s = scratch();
  scratches.push(s);
  return s;
}
afterEach(() => {
  for (const s of scratches.splice(0)) s.remove();
});

function spawnCouncil(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/council.js', ...args],
      { cwd: root, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('the council command', () => {
  // A young generation of 2 x 8 MB instead of V8's 2 x 64 MB: under 300 requests in flight the
  // server held 170-210 MB instead of 310-390 MB, at the same throughput (bench/). A V8 flag
  // must reach Node at its start: the scripts pass it (a shebang with `env -S` would not run
  // on Alpine's BusyBox).
  it('gives Node the same flags through npm start and npm run council', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(scripts.start).toBe('node --max-semi-space-size=8 bin/council.js start');
    expect(scripts.council).toBe('node --max-semi-space-size=8 bin/council.js');
  });

  it('runs for real through bin/council.js and lists every command in its help', async () => {
    const result = await spawnCouncil(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: council');
    for (const command of [
      'start',
      'serve',
      'migrate',
      'seed',
      'user',
      'export',
      'import',
      'backup',
      'restore',
      'search',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('stops a real process on a bad setting with the variable named and no stack trace', async () => {
    const s = fresh();
    const result = await spawnCouncil(['migrate'], { ...s.env, PORT: 'not-a-port' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('answers help for a nested command with exit code 0', async () => {
    const result = await council(fresh().env, ['user', 'add', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: council user add [options] <name>');
    expect(result.stdout).toContain('--role <role>');
  });

  it('answers exit code 2 for an unknown command, naming it', async () => {
    const result = await council(fresh().env, ['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });

  it('answers exit code 2 for a missing required option', async () => {
    const result = await council(fresh().env, ['user', 'add', 'someone', '--role', 'admin'], 'x');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required option '--party <party>' not specified");
  });

  it.each([
    ['PORT', { PORT: '70000' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['COUNCIL_SECRET', { COUNCIL_SECRET: 'short' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db/council' }],
  ])('names %s when its value is refused, and touches no database', async (name, bad) => {
    const s = fresh();
    const result = await council({ ...s.env, ...bad }, ['migrate']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(name);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(s.databaseFile)).toBe(false);
  });
});

describe('council migrate', () => {
  it('creates the database folder, lists the migrations it applied, then reports up to date', async () => {
    const s = fresh();
    const first = await council(s.env, ['migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Applied migration 2026-11-27T2300-create-council-core');
    expect(existsSync(s.databaseFile)).toBe(true);
    const second = await council(s.env, ['migrate']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('is up to date');
  });
});
