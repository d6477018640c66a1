import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * A pending notice names a text and words what happened to it, so it is as secret as the text.
 * A user's change writes one about a text its viewer may see (the texts' own policy answers the
 * subquery); only the operator, the server handing notices out after the commit, reads,
 * changes or removes them. No user's request ever reads one.
 */
export async function up(db: Db): Promise<void> {
  await sql`alter table "pendingNotifications" enable row level security`.execute(db);
  await sql`alter table "pendingNotifications" force row level security`.execute(db);
  await sql
    .raw(`create policy "handedOutByOperator" on "pendingNotifications" for all
      using ("councilViewer"() = 'operator') with check ("councilViewer"() = 'operator')`)
    .execute(db);
  await sql
    .raw(`create policy "writtenAboutVisibleText" on "pendingNotifications" for insert
      with check ("councilViewer"() like 'party:%'
        and exists (select 1 from "texts" t where t."id" = "pendingNotifications"."textId"))`)
    .execute(db);
}

export async function down(db: Db): Promise<void> {
  await sql`drop policy "writtenAboutVisibleText" on "pendingNotifications"`.execute(db);
  await sql`drop policy "handedOutByOperator" on "pendingNotifications"`.execute(db);
  await sql`alter table "pendingNotifications" disable row level security`.execute(db);
}
