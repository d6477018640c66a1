import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.ts';
import { run } from '../../src/cli/program.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import type { Deps } from '../../src/server/deps.ts';
import { OPERATOR, type UserActor } from '../../src/server/modules/access/actor.ts';
import { createUser } from '../../src/server/modules/auth/create-user.ts';
import { exportData, serializeExport } from '../../src/server/modules/transfer/export-data.ts';
import { prepareDatabase } from '../../src/server/prepare-database.ts';
import { seedParties } from './test-context.ts';

/** A temporary folder for one test's database file (the CLI opens it through DATABASE_URL). */
export interface Scratch {
  folder: string;
  databaseFile: string;
  env: NodeJS.ProcessEnv;
  /** Opens the same database directly, migrated, for arranging and checking data. */
  withDeps: <T>(fn: (deps: Deps) => Promise<T>) => Promise<T>;
  remove: () => void;
}

let counter = 0;

/**
 * A scratch folder, its database a file in it or, given `databaseUrl`, that database (a
 * PostgreSQL one, whose keys then live in the folder: COUNCIL_DATA_DIR).
 */
export function scratch(databaseUrl?: string): Scratch {
  const folder = mkdtempSync(join(tmpdir(), 'council-cli-'));
  const databaseFile = databaseUrl ?? join(folder, 'data', 'council.db');
  return {
    folder,
    databaseFile,
    env: {
      DATABASE_URL: databaseFile,
      ...(databaseUrl ? { COUNCIL_DATA_DIR: join(folder, 'data') } : {}),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      COUNCIL_SECRET: 'cli-test-secret-cli-test-secret-0123456',
    },
    withDeps: async (fn) => {
      const db = openDatabase(databaseFile);
      try {
        await prepareDatabase(db);
        const deps: Deps = {
          db,
          clock: () => new Date('2001-03-01T09:00:00.000Z'),
          ids: () => `cli-${(++counter).toString().padStart(6, '0')}`,
        };
        return await fn(deps);
      } finally {
        await db.destroy();
      }
    },
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** A database with the two parties, as a fresh install has after its first real use. */
export async function withParties(s: Scratch): Promise<void> {
  // Owner-only, as the council creates its data folder (an open one earns a warning).
  mkdirSync(join(s.folder, 'data'), { recursive: true, mode: 0o700 });
  await s.withDeps(seedParties);
}

class Capture extends Writable {
  text = '';
  readonly changed = new EventEmitter();

  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    this.changed.emit('text');
    done();
  }

  /** Resolves with the first match of `pattern` once the output holds it. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
    return new Promise((resolve) => {
      const check = () => {
        const match = this.text.match(pattern);
        if (!match) return;
        this.changed.off('text', check);
        resolve(match);
      };
      this.changed.on('text', check);
      check();
    });
  }
}

export interface CliRun {
  io: CliIo;
  stdout: Capture;
  stderr: Capture;
}

export function cliIo(
  env: NodeJS.ProcessEnv,
  options: { stdin?: string; signal?: AbortSignal } = {},
): CliRun {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIo = {
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    stdout,
    stderr,
    env,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return { io, stdout, stderr };
}

/** Runs one command line in-process: its exit code and everything it printed. */
export async function council(
  env: NodeJS.ProcessEnv,
  argv: string[],
  stdin?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = cliIo(env, stdin === undefined ? {} : { stdin });
  const code = await run(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Everything in a scratch database as `council export` writes it, less the export's instant. */
export async function contentOf(s: Scratch): Promise<string> {
  return s.withDeps(async (deps) =>
    serializeExport(await exportData(deps, OPERATOR)).replace(
      /"exportedAt": "[^"]*"/,
      '"exportedAt": ""',
    ),
  );
}

/** The secretary whose writes a restore drill sends while the backup runs. */
export async function drillSecretary(deps: Deps): Promise<UserActor> {
  const user = await createUser(deps, OPERATOR, {
    username: 'drill-secretary',
    password: 'correct horse battery staple',
    roles: ['secretary'],
    party: 'nato',
  });
  return {
    kind: 'user',
    userId: user.id,
    username: 'drill-secretary',
    party: 'nato',
    roles: ['secretary'],
  };
}
