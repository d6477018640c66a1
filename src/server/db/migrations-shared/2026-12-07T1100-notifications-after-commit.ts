import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// One file for both dialects: every statement here means the same on SQLite and PostgreSQL
// (SQLite reads `deferrable` in a foreign key clause as PostgreSQL does).

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * A change that tells a text's readers what happened wrote one notification per reader in its
 * own transaction, so the request that made it took longer the more users of the other party
 * were cleared to read the text: its timing told the caller of the other party's user
 * administration. The change now writes one pending notice (what happened, to which text,
 * narrowed to whom, by whom) and the server hands it out to the text's readers after the
 * commit, in a transaction of its own that deletes the notice (modules/notifications).
 *
 * `narrowTo` is a JSON array of participants (`{"participantKind":"party","participant":"nato"}`)
 * or null for every reader; `actorUserId` is the user who acted, who is not told of it;
 * `deliveredThrough` is where handing it out stands (it goes out a few readers of each party
 * at a time), null until it starts (added to this file the day it was written: see
 * 2026-12-07T1300-notice-progress).
 */
export async function up(db: Db): Promise<void> {
  await sql`create table "pendingNotifications" (
    "id" text primary key,
    "textId" text not null references "texts" ("id") on delete cascade deferrable,
    "kind" text not null,
    "message" text not null,
    "narrowTo" text,
    "actorUserId" text,
    "deliveredThrough" text,
    "at" text not null)`.execute(db);
  await sql`create index "pendingNotificationsInOrder" on "pendingNotifications" ("at", "id")`.execute(
    db,
  );
}

export async function down(db: Db): Promise<void> {
  await sql`drop table "pendingNotifications"`.execute(db);
}
