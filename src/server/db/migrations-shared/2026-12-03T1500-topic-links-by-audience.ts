import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// One file for both dialects: the column and the index are the same; the triggers that keep
// the column are written in each dialect's own language.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * The audience of an agenda item (`public`, `joint`, `caucus:<party>`) from its visibility
 * and party columns, as SQL: the one expression the backfill, PostgreSQL's function and
 * SQLite's triggers all use.
 */
const audienceOf = (visibility: string, party: string) =>
  `case ${visibility} when 'caucus' then 'caucus:' || ${party} else ${visibility} end`;

/** SQLite: the link just written takes its item's audience (its triggers cannot set `new`). */
const TAKE_ITEM_AUDIENCE = `update "agendaItemTopics" set "audience" = (
          select ${audienceOf('i."visibility"', 'i."party"')}
          from "agendaItems" i where i."id" = new."agendaItemId")
        where "agendaItemId" = new."agendaItemId" and "topicId" = new."topicId";`;

/**
 * Each link of an agenda item to a topic carries the audience of its item, and the topic's
 * index starts with it: the meetings list filtered by a topic, and its question whether the
 * topic is common, seek only the links of the audiences the caller may see. Walking the
 * topic's index from (topicId) alone visited every link of the topic, the other party's
 * caucus items' too, so a member's list of a joint topic took longer the more the other
 * party's caucus had linked to it (0.6 ms with none, 50 ms with 50,000: bench/hidden-links.ts),
 * a measure of the other party's caucus work on the topic.
 *
 * The column is kept by triggers, whatever writes a link or moves an item (the API, an
 * import, the seed): a link takes its item's audience whenever it is written, whatever the
 * statement set, and an item that changes visibility or party moves its links with it.
 */
export async function up(db: Db): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql`alter table "agendaItemTopics" add column "audience" text not null default ''`.execute(
    db,
  );
  await sql
    .raw(`update "agendaItemTopics" set "audience" = (
      select ${audienceOf('i."visibility"', 'i."party"')}
      from "agendaItems" i where i."id" = "agendaItemTopics"."agendaItemId")`)
    .execute(db);
  await sql`drop index "agendaItemTopicsByTopic"`.execute(db);
  await sql`create index "agendaItemTopicsByTopic"
    on "agendaItemTopics" ("topicId", "audience", "agendaItemId")`.execute(db);
  if (postgres) {
    await sql
      .raw(`create function "agendaItemAudience"("visibility" text, "party" text)
      returns text language sql immutable
      as $$ select ${audienceOf('"visibility"', '"party"')} $$`)
      .execute(db);
    await sql
      .raw(`create function "agendaItemTopicTakesAudience"() returns trigger
      language plpgsql as $$
      begin
        select "agendaItemAudience"(i."visibility", i."party") into new."audience"
          from "agendaItems" i where i."id" = new."agendaItemId";
        return new;
      end $$`)
      .execute(db);
    await sql
      // On every write of a link, whatever it sets: its audience is never but its item's.
      .raw(`create trigger "agendaItemTopicTakesAudience"
      before insert or update on "agendaItemTopics"
      for each row execute function "agendaItemTopicTakesAudience"()`)
      .execute(db);
    await sql
      .raw(`create function "agendaItemMovesTopicLinks"() returns trigger
      language plpgsql as $$
      begin
        update "agendaItemTopics" set "audience" = "agendaItemAudience"(new."visibility", new."party")
          where "agendaItemId" = new."id";
        return null;
      end $$`)
      .execute(db);
    await sql
      .raw(`create trigger "agendaItemMovesTopicLinks"
      after update of "visibility", "party" on "agendaItems"
      for each row when (old."visibility" is distinct from new."visibility"
        or old."party" is distinct from new."party")
      execute function "agendaItemMovesTopicLinks"()`)
      .execute(db);
  } else {
    await sql
      .raw(`create trigger "agendaItemTopicTakesAudience"
      after insert on "agendaItemTopics"
      begin
        ${TAKE_ITEM_AUDIENCE}
      end`)
      .execute(db);
    // An update of a link, whatever it sets, puts its audience back to its item's; the update
    // this trigger makes does not fire it again (SQLite's recursive_triggers is off).
    await sql
      .raw(`create trigger "agendaItemTopicKeepsAudience"
      after update on "agendaItemTopics"
      begin
        ${TAKE_ITEM_AUDIENCE}
      end`)
      .execute(db);
    await sql
      .raw(`create trigger "agendaItemMovesTopicLinks"
      after update of "visibility", "party" on "agendaItems"
      begin
        update "agendaItemTopics" set "audience" = ${audienceOf('new."visibility"', 'new."party"')}
        where "agendaItemId" = new."id";
      end`)
      .execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql`drop trigger "agendaItemMovesTopicLinks" on "agendaItems"`.execute(db);
    await sql`drop trigger "agendaItemTopicTakesAudience" on "agendaItemTopics"`.execute(db);
    await sql`drop function "agendaItemMovesTopicLinks"()`.execute(db);
    await sql`drop function "agendaItemTopicTakesAudience"()`.execute(db);
    await sql`drop function "agendaItemAudience"(text, text)`.execute(db);
  } else {
    await sql`drop trigger "agendaItemMovesTopicLinks"`.execute(db);
    await sql`drop trigger "agendaItemTopicKeepsAudience"`.execute(db);
    await sql`drop trigger "agendaItemTopicTakesAudience"`.execute(db);
  }
  await sql`drop index "agendaItemTopicsByTopic"`.execute(db);
  await sql`create index "agendaItemTopicsByTopic"
    on "agendaItemTopics" ("topicId", "agendaItemId")`.execute(db);
  await sql`alter table "agendaItemTopics" drop column "audience"`.execute(db);
}
