import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TRUST_PROXY_TRUE_WARNING } from './config.ts';
import { MIGRATION_NAMES } from './db/migrate.ts';
import { main, startServer } from './main.ts';

const folders: string[] = [];
function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'council-main-'));
  folders.push(path);
  return path;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const path of folders.splice(0)) rmSync(path, { recursive: true, force: true });
});

describe('startServer', () => {
  it('creates the database folder, migrates, listens and closes idempotently', async () => {
    const databaseFile = join(folder(), 'nested', 'deeper', 'council.db');
    const server = await startServer(
      {
        databaseFile,
        host: '127.0.0.1',
        port: 0,
        secret: 'main-test-secret-main-test-secret-0123',
        trustProxy: false,
        logLevel: 'silent',
        publicUrl: undefined,
        warnings: [],
      },
      { logger: false },
    );
    expect(existsSync(databaseFile)).toBe(true);
    expect(server.migrations).toEqual(MIGRATION_NAMES);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    await Promise.all([server.close(), server.close()]);
    await expect(fetch(`${server.url}/openapi.json`)).rejects.toThrow();
  });
});

describe('startServer with a setting that weakens something', () => {
  it('logs the warning the configuration gave, before listening', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const server = await startServer(
      {
        databaseFile: join(folder(), 'council.db'),
        host: '127.0.0.1',
        port: 0,
        secret: 'main-test-secret-main-test-secret-0123',
        trustProxy: true,
        logLevel: 'warn',
        publicUrl: undefined,
        warnings: [TRUST_PROXY_TRUE_WARNING],
      },
      { logger: { level: 'warn', stream } },
    );
    await server.close();
    const warnings = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(warnings).toContainEqual(
      expect.objectContaining({ level: 40, msg: TRUST_PROXY_TRUE_WARNING }),
    );
  });
});

describe('main', () => {
  it('prints a bad setting naming the variable and answers exit code 1', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    expect(await main({ DATABASE_URL: join(folder(), 'c.db'), PORT: 'eighty' })).toBe(1);
    expect(written.join('')).toContain('PORT');
    expect(written.join('')).not.toMatch(/^\s+at /m);
  });
});
