import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isPostgresUrl } from './db/database-url.ts';
import { OWNER_ONLY_FILE, OWNER_ONLY_FOLDER, preparePrivateFile } from './private-files.ts';

// An empty variable means "not set": `PORT=` must not become port 0 (a random port).
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

/** The database when DATABASE_URL is unset: `./data`, a folder the council makes its own. */
export const DEFAULT_DATABASE_URL = './data/council.db';

const EnvSchema = z.object({
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .describe(
        'a SQLite file path or file: URL; ":memory:" for a throwaway database; or a postgres:// URL',
      ),
  ),
  COUNCIL_DATA_DIR: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .optional()
      .describe('where the keys live beside a PostgreSQL council (default ./data)'),
  ),
  COUNCIL_ALLOW_NON_DURABLE: z.preprocess(
    unsetIfEmpty,
    z
      .enum(['0', '1'], { error: '1 to run on a PostgreSQL server that may lose commits, or 0' })
      .optional(),
  ),
  HOST: z.preprocess(unsetIfEmpty, z.string().default('127.0.0.1')),
  PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).default(3000)),
  COUNCIL_SECRET: z.preprocess(
    unsetIfEmpty,
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  TRUST_PROXY: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(
        /^(true|false|\d+|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/,
        'true, false, a number of proxies, or a comma-separated list of proxy addresses',
      )
      .optional(),
  ),
  PUBLIC_URL: z.preprocess(
    unsetIfEmpty,
    z
      .url({
        protocol: /^https?$/,
        error: 'an http or https URL such as https://council.example.org',
      })
      .refine((url) => !/[?#]/.test(url), 'an origin (and path), without query or fragment')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export interface Config {
  /**
   * The SQLite file; for PostgreSQL, the URL without its password (what messages name). The
   * keys and secret kept beside a SQLite file live in ./data beside a PostgreSQL council.
   */
  databaseFile: string;
  /** DATABASE_URL when it names a PostgreSQL server (`postgres://...`), else undefined. */
  postgresUrl: string | undefined;
  /**
   * The council's own folder (its record key, its kept secret): beside the SQLite file, or
   * COUNCIL_DATA_DIR (default ./data) beside a PostgreSQL council; null for :memory:.
   */
  dataFolder: string | null;
  /** COUNCIL_ALLOW_NON_DURABLE=1: run on a PostgreSQL server with fsync or sync commits off. */
  allowNonDurable: boolean;
  host: string;
  port: number;
  /** COUNCIL_SECRET as given; `secretOf` supplies a kept one when it is unset. */
  secret: string | undefined;
  /** Fastify's trustProxy: which X-Forwarded-For hops to believe for the client address. */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where people reach the server (behind a proxy); problem types point there. */
  publicUrl: string | undefined;
  /** Settings that work but weaken something, each a line for the log at start. */
  warnings: string[];
}

/**
 * `true` makes Fastify believe the whole X-Forwarded-For header, which any client can write:
 * the per-address sign-in limit and the anonymous stream quota would count whatever address a
 * caller claims.
 */
export const TRUST_PROXY_TRUE_WARNING =
  'TRUST_PROXY=true believes any X-Forwarded-For header, so a client can claim any address, sidestep the per-address sign-in limit and the anonymous event-stream quota, and use up the quota of an address it names: set the number of proxies in front of the server (TRUST_PROXY=1) or their addresses (TRUST_PROXY=10.0.0.5) instead';

export class ConfigError extends Error {}

/** A path from DATABASE_URL: a plain path, `file:relative/path`, `file:///absolute/path`. */
export function databaseFileOf(url: string): string {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  if (url.startsWith('file://')) return fileURLToPath(url.split('?')[0] as string);
  if (url.startsWith('file:'))
    return decodeURIComponent(url.slice('file:'.length).split('?')[0] as string);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new ConfigError(
      `invalid configuration:\n  DATABASE_URL: a SQLite file or a postgres:// URL (got a ${url.split(':')[0]} URL)`,
    );
  }
  return url;
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

function trustProxyOf(value: string | undefined): Config['trustProxy'] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (!/^\d+$/.test(value)) return value;
  // A number of proxies in front of the server: believe that many hops, no more.
  const hops = Number(value);
  return (_address, hop) => hop < hops;
}

/**
 * Reads and checks the environment. Each problem names its variable, so a bad start says
 * exactly what to fix. Reading the configuration writes nothing: only the server needs the
 * secret (`secretOf`).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const postgres = isPostgresUrl(values.DATABASE_URL);
  if (postgres && values.COUNCIL_SECRET === undefined) {
    // Several instances sign each other's session cookies: one secret, given to all.
    throw new ConfigError(
      'invalid configuration:\n  COUNCIL_SECRET: required with a PostgreSQL DATABASE_URL (every instance must share it)',
    );
  }
  const file = postgres ? null : databaseFileOf(values.DATABASE_URL);
  return {
    databaseFile: file ?? withoutPassword(values.DATABASE_URL),
    postgresUrl: postgres ? values.DATABASE_URL : undefined,
    allowNonDurable: values.COUNCIL_ALLOW_NON_DURABLE === '1',
    dataFolder:
      file === null
        ? (values.COUNCIL_DATA_DIR ?? dirname(DEFAULT_DATABASE_URL))
        : file === ':memory:'
          ? null
          : dirname(file),
    host: values.HOST,
    port: values.PORT,
    secret: values.COUNCIL_SECRET,
    trustProxy: trustProxyOf(values.TRUST_PROXY),
    logLevel: values.LOG_LEVEL,
    // Without a trailing slash, so that `${publicUrl}/docs/errors` is one address.
    publicUrl: values.PUBLIC_URL?.replace(/\/+$/, ''),
    warnings: values.TRUST_PROXY === 'true' ? [TRUST_PROXY_TRUE_WARNING] : [],
  };
}

const SECRET_FILE = 'council-secret';

/**
 * The secret that signs session cookies: COUNCIL_SECRET, or one generated once and kept beside
 * the database so that sessions survive restarts. Created exclusively, so two servers starting
 * at once agree on one secret instead of signing each other's users out, and for its owner
 * alone (0600; one left readable by others is narrowed), since whoever reads it can sign a
 * session cookie for any user. ConfigError when it cannot be made private.
 */
export function secretOf(config: Config): string {
  if (config.secret !== undefined) return config.secret;
  if (config.dataFolder === null) return randomBytes(32).toString('base64url');
  const folder = config.dataFolder;
  const file = join(folder, SECRET_FILE);
  mkdirSync(folder, { recursive: true, mode: OWNER_ONLY_FOLDER });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, {
      mode: OWNER_ONLY_FILE,
      flag: 'wx',
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  preparePrivateFile(file, {
    create: false,
    warn: (message) => {
      throw new ConfigError(`invalid configuration:\n  COUNCIL_SECRET: unset, and ${message}`);
    },
  });
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) {
    throw new ConfigError(
      `invalid configuration:\n  COUNCIL_SECRET: unset, and ${file} holds fewer than 32 characters`,
    );
  }
  return secret;
}
