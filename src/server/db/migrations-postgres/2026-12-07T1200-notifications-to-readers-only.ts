import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * Since notices are handed out after the commit (2026-12-07T1100), every notification is
 * written by the server's own work, as the operator, whom the insert policy of
 * 2026-12-03T1300 let write any notice: the database no longer stood behind the application's
 * rule that a caucus text tells its own party's users only. The operator now writes under the
 * same check as a party's connection: the recipient's party may see the text (a joint or
 * public text, or a caucus text of the recipient's own party).
 */
const WRITABLE = `("councilViewer"() = 'operator' or "councilViewer"() like 'party:%')
  and "notifications"."entityType" = 'text'
  and exists (select 1 from "users" u
              join "texts" t on t."id" = "notifications"."entityId"
              where u."id" = "notifications"."userId"
                and (t."visibility" <> 'caucus' or t."party" = u."party"))`;

const BEFORE = `"councilViewer"() = 'operator'
  or ("councilViewer"() like 'party:%'
      and "notifications"."entityType" = 'text'
      and exists (select 1 from "users" u
                  join "texts" t on t."id" = "notifications"."entityId"
                  where u."id" = "notifications"."userId"
                    and (t."visibility" <> 'caucus' or t."party" = u."party")))`;

export async function up(db: Db): Promise<void> {
  await sql`drop policy "writableByViewer" on "notifications"`.execute(db);
  await sql
    .raw(`create policy "writableByViewer" on "notifications" for insert with check (${WRITABLE})`)
    .execute(db);
}

export async function down(db: Db): Promise<void> {
  await sql`drop policy "writableByViewer" on "notifications"`.execute(db);
  await sql
    .raw(`create policy "writableByViewer" on "notifications" for insert with check (${BEFORE})`)
    .execute(db);
}
