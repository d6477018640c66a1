import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
//
// Row-level security for the notifications, which 2026-12-03T1100-row-level-security left
// out. A notification belongs to one user and tells of a text, and a text may be its party's
// caucus. A connection names a party (`party:<id>`), never a user (src/server/db/postgres.ts),
// so PostgreSQL keeps a party's notices from the other party and from the public; which of its
// own party's users a notice belongs to stays the application's filter (ownReadable).
//
// One policy per command, not one for all: a change made by a user of one party tells the
// users of both (a joint text tabled by NATO notifies Russia's readers), so a writer must be
// able to insert a notice it may not read afterwards.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * Reading, marking read, removing: a notice of a user of the viewer's party, about a text the
 * viewer may see (the texts' own policy answers the subquery), so that a notice about a caucus
 * text can never be read by the other party, even if one were written to it. The operator (the
 * system's own work: settlements, integrity checks, export) sees every notice.
 */
const READABLE = `"councilViewer"() = 'operator'
  or ("councilViewer"() like 'party:%'
      and exists (select 1 from "users" u
                  where u."id" = "notifications"."userId"
                    and u."party" = substr("councilViewer"(), 7))
      and "notifications"."entityType" = 'text'
      and exists (select 1 from "texts" t where t."id" = "notifications"."entityId"))`;

/**
 * Writing: a user's change may notify any user, of either party, about a text the writer may
 * see (the texts' policy) and the recipient's party may see too: a joint or public text tells
 * both parties, a caucus text only its own party's users. The check compares the text with the
 * recipient's party itself, since the writer's viewer is not the recipient's. The operator (the
 * silence timer, an import) writes any notice.
 */
const WRITABLE = `"councilViewer"() = 'operator'
  or ("councilViewer"() like 'party:%'
      and "notifications"."entityType" = 'text'
      and exists (select 1 from "users" u
                  join "texts" t on t."id" = "notifications"."entityId"
                  where u."id" = "notifications"."userId"
                    and (t."visibility" <> 'caucus' or t."party" = u."party")))`;

export async function up(db: Db): Promise<void> {
  await sql`alter table "notifications" enable row level security`.execute(db);
  await sql`alter table "notifications" force row level security`.execute(db);
  await sql
    .raw(`create policy "readableByViewer" on "notifications" for select using (${READABLE})`)
    .execute(db);
  // Marking read may not move a notice to another user's party: the new row must stay readable.
  await sql
    .raw(`create policy "markableByViewer" on "notifications" for update
      using (${READABLE}) with check (${READABLE})`)
    .execute(db);
  await sql
    .raw(`create policy "removableByViewer" on "notifications" for delete using (${READABLE})`)
    .execute(db);
  await sql
    .raw(`create policy "writableByViewer" on "notifications" for insert with check (${WRITABLE})`)
    .execute(db);
}
