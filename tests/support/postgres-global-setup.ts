import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { databaseUrlOf, TEMPLATE_PREFIX, TEST_DATABASE_PREFIX } from './test-database.ts';

/**
 * Before the PostgreSQL project runs: one migrated database to copy for every test context
 * (test-database.ts), which is much cheaper than migrating each one. Its name carries a hash of
 * the migrations, so a changed migration makes a new one. Also removes what earlier runs left
 * behind when they were killed (a context drops its own database when it closes): the test
 * databases of processes no longer running, and templates of other migrations.
 */
export default async function setup(project: TestProject): Promise<void> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return;
  const template = `${TEMPLATE_PREFIX}${migrationsHash()}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "select datname as name from pg_database where datname like 'council\\_%'",
    );
    for (const { name } of rows) {
      const stale = name.startsWith(TEST_DATABASE_PREFIX)
        ? !isAlive(Number(name.slice(TEST_DATABASE_PREFIX.length).split('_')[0]))
        : name.startsWith(TEMPLATE_PREFIX) && name !== template;
      if (stale) await client.query(`drop database if exists "${name}" with (force)`);
    }
    if (!rows.some((r) => r.name === template)) {
      const building = `${template}_building`;
      await client.query(`drop database if exists "${building}" with (force)`);
      await client.query(`create database "${building}"`);
      const db = openDatabase(databaseUrlOf(server, building));
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
      // Renamed once complete, so that no test ever copies half a template.
      await client.query(`alter database "${building}" rename to "${template}"`);
    }
    project.provide('councilTestTemplate', template);
  } finally {
    await client.end();
  }
}

function migrationsHash(): string {
  const db = fileURLToPath(new URL('../../src/server/db/', import.meta.url));
  const hash = createHash('sha256');
  for (const folder of ['migrations-postgres', 'migrations-shared']) {
    for (const file of readdirSync(join(db, folder)).sort()) {
      hash.update(file).update(readFileSync(join(db, folder, file)));
    }
  }
  hash.update(readFileSync(join(db, 'migrate.ts')));
  return hash.digest('hex').slice(0, 12);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
