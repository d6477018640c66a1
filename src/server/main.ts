import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app.ts';
import {
  type Config,
  ConfigError,
  DEFAULT_DATABASE_URL,
  databaseFileOf,
  loadConfig,
  secretOf,
} from './config.ts';
import { type Db, openDatabase } from './db/database.ts';
import { assertDurable } from './db/postgres.ts';
import type { Deps, Keyring } from './deps.ts';
import { ensureServerKey } from './modules/record/export-record.ts';
import { loadKeyring } from './modules/record/keyring.ts';
import { prepareDatabase } from './prepare-database.ts';
import { preparePrivateFile, preparePrivateFolder, type Warn } from './private-files.ts';

/** The real outside world: wall-clock time, random ids, the record's keys. Tests build their own. */
export function productionDeps(db: Db, keyring?: Keyring): Deps {
  return { db, clock: () => new Date(), ids: () => randomUUID(), ...(keyring ? { keyring } : {}) };
}

/**
 * The record's keys for the configured council: the server key kept beside the database
 * (record-key.pem, 0600), and the seal of held party keys derived from the council secret.
 */
export function configuredKeyring(config: Config, warn: Warn = warnOnStderr): Keyring {
  // Beside a PostgreSQL council the folder holds no database to create it: it is made here,
  // owner-only, as the data folder of a SQLite one is.
  if (config.postgresUrl !== undefined && config.dataFolder !== null) {
    preparePrivateFolder(config.dataFolder, {
      tighten: isDefaultDataFolder(config.dataFolder),
      warn,
    });
  }
  return loadKeyring(config.dataFolder, secretOf(config), warn);
}

/** Where warnings go when the caller names no other place. */
const warnOnStderr: Warn = (message) => {
  process.stderr.write(`warning: ${message}\n`);
};

/**
 * Opens the database file named by the configuration, creating its folder on first use. The
 * database holds both parties' caucuses and the password hashes, so it is its owner's alone:
 * the folder is created 0700 (the default ./data is narrowed to it), and the file is created
 * 0600 before SQLite opens it (an existing one is narrowed to 0600), so that the -wal and -shm
 * journals, which SQLite creates with the database file's own mode, are 0600 too; journals
 * left by an older version with a wider mode are narrowed as well.
 */
export function openConfiguredDatabase(
  config: Pick<Config, 'databaseFile' | 'postgresUrl'>,
  warn: Warn = warnOnStderr,
): Db {
  if (config.postgresUrl !== undefined) return openDatabase(config.postgresUrl);
  const file = config.databaseFile;
  if (file !== ':memory:') {
    const folder = dirname(file);
    preparePrivateFolder(folder, { tighten: isDefaultDataFolder(folder), warn });
    preparePrivateFile(file, { create: true, warn });
    for (const journal of [`${file}-wal`, `${file}-shm`]) {
      preparePrivateFile(journal, { create: false, warn });
    }
  }
  return openDatabase(file);
}

function isDefaultDataFolder(folder: string): boolean {
  return resolve(folder) === resolve(dirname(databaseFileOf(DEFAULT_DATABASE_URL)));
}

/**
 * Makes the configured database ready for use, as the server and every command need it: on
 * PostgreSQL, refused when it may lose acknowledged commits (assertDurable, unless
 * COUNCIL_ALLOW_NON_DURABLE=1), then migrated (prepareDatabase). Answers the migrations applied.
 */
export async function prepareConfiguredDatabase(
  db: Db,
  config: Pick<Config, 'postgresUrl' | 'allowNonDurable'>,
  warn: Warn = warnOnStderr,
): Promise<string[]> {
  if (config.postgresUrl !== undefined) {
    await assertDurable(db, { allowUnsafe: config.allowNonDurable, warn });
  }
  return prepareDatabase(db);
}

export interface RunningServer {
  app: FastifyInstance;
  deps: Deps;
  /** The address people open, e.g. `http://127.0.0.1:3000` (the real port when PORT=0). */
  url: string;
  /** Migrations applied by this start. */
  migrations: string[];
  /** Stops accepting requests, lets running ones finish, then closes the database. Idempotent. */
  close: () => Promise<void>;
}

export interface StartOptions {
  /** Runs after migrating and before listening (the `start` command seeds an empty database). */
  prepare?: (deps: Deps, migrations: string[]) => Promise<void>;
  logger?: FastifyServerOptions['logger'];
  /** Where to say what the operator should fix (a data folder open to others); stderr. */
  warn?: Warn;
}

/** Migrates the database and serves the application until `close` is called. */
export async function startServer(
  config: Config,
  options: StartOptions = {},
): Promise<RunningServer> {
  const db = openConfiguredDatabase(config, options.warn);
  let app: FastifyInstance | undefined;
  try {
    const migrations = await prepareConfiguredDatabase(db, config, options.warn);
    const secret = secretOf(config);
    const deps = productionDeps(db, configuredKeyring(config, options.warn));
    await options.prepare?.(deps, migrations);
    await ensureServerKey(deps);
    app = await buildApp({
      deps,
      secret,
      trustProxy: config.trustProxy,
      publicUrl: config.publicUrl,
      logger: options.logger ?? { level: config.logLevel },
    });
    for (const warning of config.warnings) app.log.warn(warning);
    await app.listen({ host: config.host, port: config.port });
    const started = app;
    let closing: Promise<void> | undefined;
    return {
      app: started,
      deps,
      url: urlOf(config.host, (started.server.address() as AddressInfo).port),
      migrations,
      close: () => {
        closing ??= started.close().then(() => db.destroy());
        return closing;
      },
    };
  } catch (error) {
    await app?.close();
    await db.destroy();
    throw error;
  }
}

function urlOf(host: string, port: number): string {
  // A wildcard address is where the server listens, not somewhere a browser can go.
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/**
 * Resolves once the process is asked to stop (SIGINT from Ctrl-C, SIGTERM from a service
 * manager) or `signal` aborts, after closing the server. A second Ctrl-C is left to Node's
 * default handler, so a stuck shutdown can still be interrupted.
 */
export function serveUntilStopped(server: RunningServer, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const stop = (reason: string) => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      signal?.removeEventListener('abort', onAbort);
      server.close().then(() => resolve(reason), reject);
    };
    const onSigint = () => stop('SIGINT');
    const onSigterm = () => stop('SIGTERM');
    const onAbort = () => stop('abort');
    process.once('SIGINT', onSigint);
    process.once('SIGTERM', onSigterm);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
  });
}

/** `node src/server/main.ts`: serve with the environment's configuration (the CLI's `serve`). */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let server: RunningServer;
  try {
    server = await startServer(loadConfig(env));
  } catch (error) {
    // A bad configuration or a taken port is the operator's to fix: say what, not where.
    if (!(error instanceof ConfigError) && !isSystemError(error)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  process.stdout.write(
    `Joint Council is listening on ${server.url} (API docs: ${server.url}/docs)\n`,
  );
  await serveUntilStopped(server);
  return 0;
}

/** Errors from the operating system (EADDRINUSE, EACCES, ENOENT) carry a code and a clear message. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
