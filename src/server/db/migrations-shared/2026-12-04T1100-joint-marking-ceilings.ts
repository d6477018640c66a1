import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// One file for both dialects: every statement here means the same on SQLite and PostgreSQL.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * Each party declares the highest marking it accepts on the texts both parties share
 * (`jointMarkingCeiling`, a classification's id): a joint text is marked at most the lowest of
 * them. Until now the check read the clearances of the other party's users, so a request
 * told its caller whether that party had anyone cleared for a marking: a party's own user
 * administration, learned by the other. A declaration is made to be read by the other party.
 *
 * No foreign key: SQLite adds a column with a reference only when its default is null. The
 * invariants check it names a marking. An existing council starts each party at what the rule
 * read until now: the highest clearance an enabled user of its own holds (NATO UNCLASSIFIED at
 * least), so that every party can read up to its ceiling; a shared text marked above that was
 * already unreadable to the party, and `council verify` names it.
 */
export async function up(db: Db): Promise<void> {
  await sql`alter table "parties"
    add column "jointMarkingCeiling" text not null default 'nato-unclassified'`.execute(db);
  await sql`update "parties" set "jointMarkingCeiling" = (
      select c."id" from "classifications" c
      where c."rank" = (
        select max(k."rank") from "classifications" k
        where k."id" = 'nato-unclassified'
           or k."id" in (select u."clearance" from "users" u
                         where u."party" = "parties"."id" and u."disabledAt" is null))
      order by c."id" limit 1)`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await sql`alter table "parties" drop column "jointMarkingCeiling"`.execute(db);
}
