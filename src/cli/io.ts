import { existsSync } from 'node:fs';
import type { Config } from '../server/config.ts';
import { loadConfig } from '../server/config.ts';
import type { Deps } from '../server/deps.ts';
import {
  configuredKeyring,
  openConfiguredDatabase,
  prepareConfiguredDatabase,
  productionDeps,
} from '../server/main.ts';

/**
 * Everything a command touches of the outside world. `main.ts` passes the process's own;
 * tests pass strings and buffers, so commands run in-process with no child process.
 */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Stops a running server (`start`, `serve`) as SIGINT would; tests use it. */
  signal?: AbortSignal;
}

/** Exit codes: 0 done, 1 could not be done (config, data, rules), 2 the command line is wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A failure the operator can act on: printed as `error: <message>`, with no stack trace. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = EXIT_FAILED) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export function print(io: Pick<CliIo, 'stdout'>, text = ''): void {
  io.stdout.write(`${text}\n`);
}

export interface OpenedCouncil {
  deps: Deps;
  config: Config;
  /** Migrations applied on opening (every command brings the schema up to date first). */
  migrations: string[];
}

/**
 * Opens the database the server uses (DATABASE_URL), migrated, for the length of `fn`. The
 * CLI acts as the operator: real clock and ids, no HTTP, no visibility filter unless asked.
 */
export async function withCouncil<T>(
  io: CliIo,
  fn: (council: OpenedCouncil) => Promise<T>,
  options: { mustExist?: boolean } = {},
): Promise<T> {
  const config = loadConfig(io.env);
  // Reading commands must not create an empty database where a mistyped DATABASE_URL points.
  if (
    options.mustExist &&
    config.postgresUrl === undefined &&
    config.databaseFile !== ':memory:' &&
    !existsSync(config.databaseFile)
  ) {
    throw new CliError(`there is no database at ${config.databaseFile} (DATABASE_URL)`);
  }
  const warn = (message: string) => {
    io.stderr.write(`warning: ${message}\n`);
  };
  const db = openConfiguredDatabase(config, warn);
  try {
    const migrations = await prepareConfiguredDatabase(db, config, warn);
    return await fn({
      deps: productionDeps(db, configuredKeyring(config, warn)),
      config,
      migrations,
    });
  } finally {
    await db.destroy();
  }
}

/** A file of JSON the operator named (an export, a backup): CliError when missing or not JSON. */
