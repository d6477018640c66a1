import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject, it } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated PostgreSQL database every test database copies (postgres-global-setup.ts). */
    councilTestTemplate: string;
  }
}

import { type Db, openDatabase } from '../../src/server/db/database.ts';
import { quoteIdentifier } from '../../src/server/db/postgres.ts';

/**
 * The dialects the suite runs on. Every test file runs once per dialect: vitest.config.ts has
 * one project per dialect and tells each file its own through COUNCIL_TEST_DIALECT; the
 * PostgreSQL project exists when TEST_DATABASE_URL names a server to test on.
 */
export type TestDialect = 'sqlite' | 'postgres';

export const TEST_DIALECT: TestDialect =
  process.env.COUNCIL_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  db: Db;
  /** What DATABASE_URL would say to open this database again (a CLI, a second instance). */
  url: string;
  /** Closes every connection this helper opened and removes the database. */
  drop: () => Promise<void>;
}

/**
 * A fresh database of the suite's dialect: a temporary SQLite file, or on the PostgreSQL server
 * of TEST_DATABASE_URL a database of its own, copied from the migrated template the global
 * setup made (postgres-global-setup.ts), so that test files run side by side on one server
 * without seeing each other's rows.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (TEST_DIALECT === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'council-test-'));
    const file = join(folder, 'council.db');
    const db = openDatabase(file);
    return {
      db,
      url: file,
      drop: async () => {
        await db.destroy();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const server = process.env.TEST_DATABASE_URL;
  const template = inject('councilTestTemplate');
  if (!server || !template) {
    throw new Error('COUNCIL_TEST_DIALECT=postgres needs TEST_DATABASE_URL (and the global setup)');
  }
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(6).toString('hex')}`;
  await administer(
    server,
    `create database ${quoteIdentifier(name)} template ${quoteIdentifier(template)}`,
  );
  const url = databaseUrlOf(server, name);
  const db = openDatabase(url);
  return {
    db,
    url,
    drop: async () => {
      await db.destroy();
      await administer(server, `drop database ${quoteIdentifier(name)} with (force)`);
    },
  };
}

/** Where test databases and their template are named: the global setup tidies by prefix. */
export const TEST_DATABASE_PREFIX = 'council_test_';
export const TEMPLATE_PREFIX = 'council_template_';

/** The URL of database `name` on the server of `server` (another URL). */
export function databaseUrlOf(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function administer(server: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * `it` for a test that holds on one dialect only; on the other it is skipped, and the reason
 * printed (a skipped test always says why).
 */
export function itOnlyOn(dialect: TestDialect, reason: string): typeof it.skip {
  if (TEST_DIALECT === dialect) return it;
  console.info(`skipped on ${TEST_DIALECT}: ${reason}`);
  return it.skip;
}
