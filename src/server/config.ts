import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .min(1)
    .default('./data/council.db')
    .describe('a SQLite file path (or file: URL); ":memory:" for a throwaway database'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  COUNCIL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  databaseFile: string;
  host: string;
  port: number;
  secret: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

function databaseFileOf(url: string): string {
  if (url.startsWith('file:')) return decodeURIComponent(new URL(url, 'file:///').pathname);
  if (/^[a-z]+:\/\//i.test(url)) {
    throw new ConfigError(
      `DATABASE_URL: only SQLite files are supported so far (got a ${url.split(':')[0]} URL)`,
    );
  }
  return url;
}

/**
 * Reads and checks the environment. Each problem names its variable, so a bad start says
 * exactly what to fix. COUNCIL_SECRET, when unset, is generated once and kept beside the
 * database so that it survives restarts.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const databaseFile = databaseFileOf(values.DATABASE_URL);
  return {
    databaseFile,
    host: values.HOST,
    port: values.PORT,
    secret: values.COUNCIL_SECRET ?? keptSecret(databaseFile),
    logLevel: values.LOG_LEVEL,
  };
}

function keptSecret(databaseFile: string): string {
  const folder = databaseFile === ':memory:' ? null : dirname(databaseFile);
  if (folder === null) return randomBytes(32).toString('base64url');
  const file = join(folder, 'council-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(folder, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
