import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TRUST_PROXY_TRUE_WARNING } from './config.ts';
import { openDatabase } from './db/database.ts';
import { MIGRATION_NAMES } from './db/migrate.ts';
import { main, openConfiguredDatabase, startServer } from './main.ts';
import { keyIdOf, keyPairFromPem } from './modules/record/ed25519.ts';
import { SERVER_KEY_FILE } from './modules/record/keyring.ts';
import { prepareDatabase } from './prepare-database.ts';

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
        postgresUrl: undefined,
        allowNonDurable: false,
        dataFolder: dirname(databaseFile),
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

describe('startServer and the record', () => {
  it("keeps the server's key owner-only beside the database and registers it before anything happens", async () => {
    const databaseFile = join(folder(), 'council.db');
    const config = {
      databaseFile,
      postgresUrl: undefined,
      allowNonDurable: false,
      dataFolder: dirname(databaseFile),
      host: '127.0.0.1',
      port: 0,
      secret: 'main-test-secret-main-test-secret-0123',
      trustProxy: false,
      logLevel: 'silent' as const,
      publicUrl: undefined,
      warnings: [],
    };
    const server = await startServer(config, { logger: false });
    const keyFile = join(dirname(databaseFile), SERVER_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const pair = keyPairFromPem(readFileSync(keyFile, 'utf8'));
    const keys = await server.deps.db.selectFrom('partyKeys').select(['id', 'kind']).execute();
    expect(keys).toEqual([{ id: keyIdOf(pair?.publicKey ?? ''), kind: 'server' }]);
    await server.close();
    // The same key at the next start: it is registered once.
    const again = await startServer(config, { logger: false });
    expect(await again.deps.db.selectFrom('partyKeys').select('id').execute()).toHaveLength(1);
    await again.close();
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
    const home = folder();
    const server = await startServer(
      {
        databaseFile: join(home, 'council.db'),
        postgresUrl: undefined,
        allowNonDurable: false,
        dataFolder: home,
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

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the database files', () => {
  let umask: number;
  beforeEach(() => {
    // The usual umask, which leaves new files readable by everyone unless the council says not.
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
  });

  it('are created for their owner alone: the folder 0700, the database and its -wal and -shm 0600', async () => {
    const databaseFile = join(folder(), 'nested', 'data', 'council.db');
    const db = openConfiguredDatabase({ databaseFile, postgresUrl: undefined });
    try {
      await prepareDatabase(db);
      // The connection is open and has written: SQLite keeps the journals beside the file.
      expect(modeOf(join(databaseFile, '..'))).toBe(0o700);
      expect(modeOf(join(databaseFile, '..', '..'))).toBe(0o700);
      for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) {
        expect(modeOf(file), file).toBe(0o600);
      }
    } finally {
      await db.destroy();
    }
  });

  it("left readable by others are narrowed, and a folder of the operator's choosing earns a warning", async () => {
    const data = join(folder(), 'data');
    mkdirSync(data, { mode: 0o755 });
    chmodSync(data, 0o755);
    const databaseFile = join(data, 'council.db');
    // An older version's database, open in another process: its journals are on disk, 0644.
    const older = openDatabase(databaseFile);
    try {
      await prepareDatabase(older);
      expect(modeOf(`${databaseFile}-wal`)).toBe(0o644);
      const warnings: string[] = [];
      const db = openConfiguredDatabase({ databaseFile, postgresUrl: undefined }, (message) =>
        warnings.push(message),
      );
      try {
        for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) {
          expect(modeOf(file), file).toBe(0o600);
        }
        expect(modeOf(data)).toBe(0o755);
        expect(warnings).toEqual([expect.stringContaining(`chmod 700 ${data}`)]);
      } finally {
        await db.destroy();
      }
    } finally {
      await older.destroy();
    }
  });

  it('live in the default ./data folder, which the council makes its own', async () => {
    const cwd = process.cwd();
    const root = folder();
    mkdirSync(join(root, 'data'), { mode: 0o755 });
    chmodSync(join(root, 'data'), 0o755);
    process.chdir(root);
    try {
      const warnings: string[] = [];
      const db = openConfiguredDatabase(
        { databaseFile: 'data/council.db', postgresUrl: undefined },
        (message) => warnings.push(message),
      );
      await db.destroy();
      expect(modeOf(join(root, 'data'))).toBe(0o700);
      expect(modeOf(join(root, 'data', 'council.db'))).toBe(0o600);
      expect(warnings).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
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
