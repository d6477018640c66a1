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
 * invariants check it names a marking. Existing councils start at NATO UNCLASSIFIED, or at the
 * highest marking of a text they already share, so that every shared text stays within.
 */
export async function up(db: Db): Promise<void> {
  await sql`alter table "parties"
    add column "jointMarkingCeiling" text not null default 'nato-unclassified'`.execute(db);
  await sql`update "parties" set "jointMarkingCeiling" = (
      select c."id" from "classifications" c
      where c."rank" = (
        select max(k."rank") from "classifications" k
        where k."id" = 'nato-unclassified'
           or k."id" in (select t."classification" from "texts" t where t."visibility" <> 'caucus'))
      order by c."id" limit 1)`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await sql`alter table "parties" drop column "jointMarkingCeiling"`.execute(db);
}
