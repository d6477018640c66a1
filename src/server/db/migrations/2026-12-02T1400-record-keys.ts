import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * What kind of key each party key is, since a signature counts for a party only when made with
 * a key that is the party's own:
 *
 * - `party`: a public key the party registered; its private key never left the party.
 * - `server-held`: a key the server generated and holds for a party that chose so (sealed).
 * - `reference`: a key that signs texts reconstructed from public sources, never a party's.
 * - `server`: the server's own key, which signs the record log's system events (no party).
 *
 * And the signatures of one key, for retiring it and for verifying.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('partyKeys')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('party')
        .check(sql`"kind" in ('party', 'server-held', 'reference', 'server')`),
    )
    .execute();
  await sql`update "partyKeys" set "kind" = 'server' where "party" is null`.execute(db);
  await db.schema
    .createIndex('textSignaturesByKey')
    .on('textSignatures')
    .columns(['keyId'])
    .execute();
  await db.schema.createIndex('partyKeysByParty').on('partyKeys').columns(['party']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('partyKeysByParty').ifExists().execute();
  await db.schema.dropIndex('textSignaturesByKey').ifExists().execute();
  await db.schema.alterTable('partyKeys').dropColumn('kind').execute();
}
