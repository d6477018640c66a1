import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
// The table rebuild below is SQLite's own procedure (https://sqlite.org/lang_altertable.html,
// "Making Other Kinds Of Table Schema Changes"); on PostgreSQL the same change is
// `alter table users drop constraint ..., add unique (party, username)`.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/**
 * Accounts that reveal nothing of the other party and that no single admin can take over:
 *
 * - A username is unique within its party, not across parties, so creating one tells an admin
 *   nothing about the other party's names. SQLite cannot drop the column's UNIQUE constraint,
 *   so `users` is rebuilt with UNIQUE (party, username), keeping every row and every session.
 * - `mustChangePassword`: an account whose password an admin chose (a reset, or a new account
 *   made through the API) signs in to a session that can only choose a new password.
 *   `passwordResetAt`/`By`/`ConfirmedBy` say when and by whom, for the user to see.
 * - `roleGrants`: what one admin asked for that a second admin of the party must confirm
 *   (granting chair or admin, resetting the password of a chair or admin).
 * - `signInAttempts`: the per-account sign-in limit, kept in the database so that every
 *   server of a deployment counts the same attempts.
 */
export async function up(db: Db): Promise<void> {
  // Dropping `users` with foreign keys on would cascade to its sessions; SQLite ignores this
  // pragma inside a transaction, and Kysely runs SQLite migrations outside one.
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    // The rebuild is all or nothing: a failure half-way must not leave `users` gone.
    await sql`begin immediate`.execute(db);
    try {
      await rebuildUsers(db);
      await createRoleGrants(db);
      await createSignInAttempts(db);
      const { rows } = await sql`pragma foreign_key_check`.execute(db);
      if (rows.length > 0) throw new Error(`foreign keys broken: ${JSON.stringify(rows)}`);
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

async function rebuildUsers(db: Db): Promise<void> {
  await db.schema
    .createTable('usersNext')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('displayName', 'text')
    .addColumn('party', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('passwordHash', 'text', (c) => c.notNull())
    .addColumn('disabledAt', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addColumn('mustChangePassword', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql`"mustChangePassword" in (0, 1)`),
    )
    .addColumn('passwordResetAt', 'text')
    // The admins who reset the password (null: the operator, at the command line).
    .addColumn('passwordResetBy', 'text', (c) => c.references('users.id'))
    .addColumn('passwordResetConfirmedBy', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('usersPartyUsername', ['party', 'username'])
    .execute();
  await sql`insert into "usersNext"
      ("id", "username", "displayName", "party", "roles", "passwordHash", "disabledAt",
       "createdAt", "updatedAt")
    select "id", "username", "displayName", "party", "roles", "passwordHash", "disabledAt",
       "createdAt", "updatedAt"
    from "users"`.execute(db);
  await sql`drop table "users"`.execute(db);
  await sql`alter table "usersNext" rename to "users"`.execute(db);

  // The roles vocabulary went with the old table: the same frozen copy as in
  // 2026-12-01T1000-one-write-path, on the new one.
  const refused = `not json_valid(new."roles") or json_type(new."roles") <> 'array' or exists (select 1 from json_each(new."roles") where "value" not in ('member', 'secretary', 'chair', 'admin'))`;
  for (const event of ['insert', 'update']) {
    await sql
      .raw(
        `create trigger "users_roles_vocabulary_${event}" before ${event} on "users"
         when ${refused}
         begin select raise(abort, 'CHECK constraint failed: users.roles'); end`,
      )
      .execute(db);
  }
}

async function createRoleGrants(db: Db): Promise<void> {
  await db.schema
    .createTable('roleGrants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userId', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('party', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('role', 'password-reset')`))
    .addColumn('role', 'text', (c) => c.check(sql`role in ('chair', 'admin')`))
    // The new password's hash, until the reset is decided; never shown, never audited.
    .addColumn('passwordHash', 'text')
    .addColumn('requestedBy', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('requestedAt', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'confirmed', 'rejected', 'withdrawn')`),
    )
    .addColumn('decidedBy', 'text', (c) => c.references('users.id'))
    .addColumn('decidedAt', 'text')
    .addCheckConstraint(
      'roleGrants_kind_fields',
      sql`(kind = 'role' and role is not null and "passwordHash" is null) or (kind = 'password-reset' and role is null)`,
    )
    .execute();
  await db.schema
    .createIndex('roleGrantsByParty')
    .on('roleGrants')
    .columns(['party', 'status', 'requestedAt', 'id'])
    .execute();
  await db.schema
    .createIndex('roleGrantsByUser')
    .on('roleGrants')
    .columns(['userId', 'status'])
    .execute();
}

async function createSignInAttempts(db: Db): Promise<void> {
  // Keyed by what the caller typed, whether or not such an account exists: the limit must
  // answer the same for both, so no foreign key to users or parties.
  await db.schema
    .createTable('signInAttempts')
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('windowStartedAt', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('signInAttemptsKey', ['party', 'username'])
    .execute();
  await db.schema
    .createIndex('signInAttemptsByWindow')
    .on('signInAttempts')
    .column('windowStartedAt')
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('signInAttempts').ifExists().execute();
  await db.schema.dropTable('roleGrants').ifExists().execute();
}
