// Directus 12.4.0 as the peer: installed into a scratch folder outside the repository (never a
// dependency of ours), on SQLite, telemetry off. The meetings and agenda items are copied into
// its database with SQL while it is stopped (ATTACH on our file), the agenda's foreign key
// indexed, the collections and the one-to-many relation registered in its system tables, and
// the public policy allowed to read meetings and items, so that an anonymous
// GET /items/meetings/:id?fields=*,agenda_items.* answers what ours answers anonymously.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Served, startServer } from './processes.ts';

const VERSION = '12.4.0';

export function directusFolder(): string {
  return process.env.BENCH_PEER_DIR ?? join(tmpdir(), 'council-bench-directus');
}

/**
 * Installs directus@12.4.0 into the scratch folder unless it is there already. Its install
 * scripts are skipped and only sqlite3 is built: isolated-vm 5 (the sandbox of sandboxed
 * extensions and flow scripts, neither used here) does not compile against Node 24's headers
 * and fails the whole install, and has no prebuilt binary we can reach; its entry point is
 * replaced by an empty module (the original kept beside it), which the read path never calls.
 */
export function installDirectus(folder: string, log: (line: string) => void): void {
  const installed = join(folder, 'node_modules', 'directus', 'package.json');
  const driver = join(folder, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
  if (existsSync(installed) && existsSync(driver)) {
    const { version } = JSON.parse(readFileSync(installed, 'utf8')) as { version: string };
    if (version === VERSION) {
      stubIsolatedVm(folder);
      return;
    }
  }
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ name: 'council-bench-directus', private: true }),
  );
  log(`  installing directus@${VERSION} into ${folder} (a few minutes)`);
  const npm = (args: string[]) => execFileSync('npm', args, { cwd: folder, stdio: 'ignore' });
  npm(['install', `directus@${VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund']);
  npm(['rebuild', 'sqlite3']);
  stubIsolatedVm(folder);
}

function stubIsolatedVm(folder: string): void {
  const entry = join(folder, 'node_modules', 'isolated-vm', 'isolated-vm.js');
  if (!existsSync(entry) || existsSync(`${entry}.orig`)) return;
  writeFileSync(`${entry}.orig`, readFileSync(entry));
  writeFileSync(entry, 'module.exports = {};\n');
}

export function directusEnv(folder: string): Record<string, string> {
  return {
    DB_CLIENT: 'sqlite3',
    DB_FILENAME: join(folder, 'data', 'directus.db'),
    KEY: 'council-bench-key',
    SECRET: 'council-bench-secret-council-bench-secret',
    ADMIN_EMAIL: 'bench@example.org',
    ADMIN_PASSWORD: 'a long benchmark passphrase',
    TELEMETRY: 'false',
    LOG_LEVEL: 'warn',
    CACHE_ENABLED: 'false',
    RATE_LIMITER_ENABLED: 'false',
    WEBSOCKETS_ENABLED: 'false',
  };
}

const run = (folder: string) =>
  join(folder, 'node_modules', '@directus', 'api', 'dist', 'cli', 'run.js');

/** A fresh Directus database holding the meetings and agenda items of our SQLite file. */
export function prepareDirectus(folder: string, ours: string): void {
  const env = directusEnv(folder);
  rmSync(join(folder, 'data'), { recursive: true, force: true });
  mkdirSync(join(folder, 'data'), { recursive: true });
  execFileSync(process.execPath, [run(folder), 'bootstrap'], {
    cwd: folder,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  const db = new SQLite(env.DB_FILENAME as string);
  try {
    db.exec(`
      create table "meetings" ("id" text primary key, "title" text not null, "level" text,
        "format" text not null, "startsAt" text, "endsAt" text, "date" text not null,
        "venue" text, "status" text not null, "summary" text, "agendaVersion" integer not null,
        "visibility" text not null, "party" text, "createdAt" text, "updatedAt" text);
      create table "agenda_items" ("id" text primary key,
        "meeting" text not null references "meetings" ("id"), "position" integer not null,
        "title" text not null, "outcome" text, "chairedBy" text, "visibility" text not null,
        "party" text);
      create index "agenda_items_meeting" on "agenda_items" ("meeting", "position");`);
    db.prepare('attach database ? as ours').run(ours);
    db.exec(`
      insert into "meetings" select "id", "title", "level", "format", "startsAt", "endsAt",
        "date", "venue", "status", "summary", "agendaVersion", "visibility", "party",
        "createdAt", "updatedAt" from ours."meetings";
      insert into "agenda_items" select "id", "meetingId", "position", "title", "outcome",
        "chairedBy", "visibility", "party" from ours."agendaItems";
      detach database ours;
      insert into "directus_collections" ("collection") values ('meetings'), ('agenda_items');
      insert into "directus_fields" ("collection", "field", "special", "interface")
        values ('meetings', 'agenda_items', 'o2m', 'list-o2m');
      insert into "directus_relations" ("many_collection", "many_field", "one_collection", "one_field")
        values ('agenda_items', 'meeting', 'meetings', 'agenda_items');`);
    const policy = db
      .prepare(
        `select "policy" from "directus_access" where "role" is null and "user" is null limit 1`,
      )
      .get() as { policy: string } | undefined;
    if (policy === undefined) throw new Error('Directus has no public policy');
    const insert = db.prepare(`insert into "directus_permissions"
      ("collection", "action", "permissions", "fields", "policy") values (?, 'read', ?, '*', ?)`);
    // Directus 12 keeps filtered permissions (custom rules) for its licensed editions, so the
    // public policy reads every row: less work than ours, which filters visibility in SQL.
    insert.run('meetings', null, policy.policy);
    insert.run('agenda_items', null, policy.policy);
  } finally {
    db.close();
  }
}

export function startDirectus(folder: string): Promise<Served> {
  return startServer({
    name: 'Directus',
    args: [run(folder), 'start'],
    cwd: folder,
    env: directusEnv(folder),
    readyPath: '/server/ping',
    timeoutMs: 180_000,
  });
}
