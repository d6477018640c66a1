import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, databaseFileOf, loadConfig, secretOf } from './config.ts';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toMatchObject({
      databaseFile: './data/council.db',
      host: '127.0.0.1',
      port: 3000,
      secret: undefined,
      trustProxy: false,
      logLevel: 'info',
    });
  });

  it('reads PUBLIC_URL without its trailing slash, for the problem types', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://council.example.org/' }).publicUrl).toBe(
      'https://council.example.org',
    );
    expect(loadConfig({}).publicUrl).toBeUndefined();
  });

  it('treats an empty variable as unset rather than as port 0', () => {
    expect(loadConfig({ PORT: '', HOST: '' })).toMatchObject({ port: 3000, host: '127.0.0.1' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ COUNCIL_SECRET: 'short' }, 'COUNCIL_SECRET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ PUBLIC_URL: 'council.example.org' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://council.example.org' }, 'PUBLIC_URL'],
    [{ DATABASE_URL: 'mysql://localhost/council' }, 'DATABASE_URL'],
    // Instances behind one PostgreSQL sign each other's cookies: the secret must be given.
    [{ DATABASE_URL: 'postgres://localhost/council' }, 'COUNCIL_SECRET'],
  ])('names the variable in error for %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it('reads a PostgreSQL DATABASE_URL, naming it without its password', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://council:hunter2@db.example.org:5432/council',
      COUNCIL_SECRET: 's'.repeat(40),
    });
    expect(config.postgresUrl).toBe('postgres://council:hunter2@db.example.org:5432/council');
    expect(config.databaseFile).toBe('postgres://council:***@db.example.org:5432/council');
  });

  it.each([
    ['true', true],
    ['false', false],
    ['10.0.0.1, 10.0.0.2', '10.0.0.1, 10.0.0.2'],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('warns that TRUST_PROXY=true lets any client choose the address the sign-in limit counts', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).warnings).toEqual([
      expect.stringMatching(/any X-Forwarded-For.*number of proxies.*addresses/),
    ]);
    for (const value of ['1', '10.0.0.5', 'false']) {
      expect(loadConfig({ TRUST_PROXY: value }).warnings).toEqual([]);
    }
  });

  it('believes exactly as many hops as TRUST_PROXY counts', () => {
    const trust = loadConfig({ TRUST_PROXY: '1' }).trustProxy as (
      a: string,
      hop: number,
    ) => boolean;
    expect([trust('10.0.0.1', 0), trust('10.0.0.2', 1)]).toEqual([true, false]);
  });

  it('writes nothing: reading the configuration creates no folder and no secret', () => {
    const folder = mkdtempSync(join(tmpdir(), 'council-config-'));
    loadConfig({ DATABASE_URL: join(folder, 'missing', 'council.db') });
    expect(() => readFileSync(join(folder, 'missing', 'council-secret'))).toThrow();
  });
});

describe('databaseFileOf', () => {
  it.each([
    ['./data/council.db', './data/council.db'],
    ['file:./data/council.db', './data/council.db'],
    ['file:data/council.db?mode=rwc', 'data/council.db'],
    ['file:///var/lib/council/council.db', '/var/lib/council/council.db'],
    [':memory:', ':memory:'],
    ['file::memory:', ':memory:'],
  ])('reads %s as %s', (url, file) => {
    expect(databaseFileOf(url)).toBe(file);
  });
});

describe('secretOf', () => {
  const base = loadConfig({});

  it('uses COUNCIL_SECRET when set', () => {
    expect(secretOf({ ...base, secret: 'x'.repeat(32) })).toBe('x'.repeat(32));
  });

  it('generates one secret beside the database and keeps it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'council-config-'));
    const config = {
      ...base,
      databaseFile: join(folder, 'data', 'council.db'),
      dataFolder: join(folder, 'data'),
    };
    const first = secretOf(config);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(secretOf(config)).toBe(first);
    expect(readFileSync(join(folder, 'data', 'council-secret'), 'utf8').trim()).toBe(first);
  });

  it('keeps a generated secret for its owner alone, in a folder only its owner enters', () => {
    const previous = process.umask(0o022);
    try {
      const folder = mkdtempSync(join(tmpdir(), 'council-config-'));
      secretOf({
        ...base,
        databaseFile: join(folder, 'data', 'council.db'),
        dataFolder: join(folder, 'data'),
      });
      expect(statSync(join(folder, 'data')).mode & 0o777).toBe(0o700);
      expect(statSync(join(folder, 'data', 'council-secret')).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('narrows a kept secret left readable by others, keeping the secret', () => {
    const folder = mkdtempSync(join(tmpdir(), 'council-config-'));
    const file = join(folder, 'council-secret');
    writeFileSync(file, `${'s'.repeat(40)}\n`, { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(
      secretOf({ ...base, databaseFile: join(folder, 'council.db'), dataFolder: folder }),
    ).toBe('s'.repeat(40));
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a kept secret that is too short', () => {
    const folder = mkdtempSync(join(tmpdir(), 'council-config-'));
    writeFileSync(join(folder, 'council-secret'), 'short\n');
    expect(() =>
      secretOf({ ...base, databaseFile: join(folder, 'council.db'), dataFolder: folder }),
    ).toThrow(/COUNCIL_SECRET/);
  });
});
