import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
      },
      { logger: false },
    );
    expect(existsSync(databaseFile)).toBe(true);
    expect(server.migrations).toEqual([
      '2026-11-27T2300-create-council-core',
      '2026-12-01T1100-sources-everywhere',
      '2026-12-01T1110-council-statements-and-record-coverage',
    ]);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    await Promise.all([server.close(), server.close()]);
    await expect(fetch(`${server.url}/openapi.json`)).rejects.toThrow();
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
