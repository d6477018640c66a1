import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';

/**
 * Whether `party` (a value or a column) has an enabled user cleared to `rank` (a value or SQL):
 * the one question the rules about a party's readers ask of its users (a ceiling declared, a
 * clearance lowered, a joint silence started), each of the party's own users or, for the
 * silence, only whether there is one.
 */
export function hasUserClearedTo(
  party: Expression<string> | string,
  rank: Expression<number> | number,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from "users" "reader"
    join "classifications" "held" on "held"."id" = "reader"."clearance"
    where "reader"."party" = ${party} and "reader"."disabledAt" is null
      and "held"."rank" >= ${rank})`;
}

/** A user by id, whatever its party: callers check the party before answering anything. */
export function findUser(db: Executor, id: string): Promise<Row<'users'> | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The account a party and username name; usernames are unique within a party only. */
export function findAccount(
  db: Executor,
  party: string,
  username: string,
): Promise<Row<'users'> | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('party', '=', party)
    .where('username', '=', username)
    .executeTakeFirst();
}

/** One party's users, by username: the only list of accounts anyone but the operator gets. */
export function listUsersOfParty(db: Executor, party: string): Promise<Row<'users'>[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('party', '=', party)
    .orderBy('username')
    .orderBy('id')
    .execute();
}

/** The pending grants of the given users (their pendingRoles and pending resets). */
export async function pendingGrantsOf(
  db: Executor,
  userIds: readonly string[],
): Promise<Row<'roleGrants'>[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('roleGrants')
    .selectAll()
    .where('userId', 'in', [...userIds])
    .where('status', '=', 'pending')
    .orderBy('requestedAt')
    .orderBy('id')
    .execute();
}

export function findRoleGrant(db: Executor, id: string): Promise<Row<'roleGrants'> | undefined> {
  return db.selectFrom('roleGrants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A party's grants waiting for a second admin, oldest first. */
export function listPendingGrantsOfParty(
  db: Executor,
  party: string,
): Promise<Row<'roleGrants'>[]> {
  return db
    .selectFrom('roleGrants')
    .selectAll()
    .where('party', '=', party)
    .where('status', '=', 'pending')
    .orderBy('requestedAt')
    .orderBy('id')
    .execute();
}

/** Usernames by id, for naming the users a grant or a reset mentions. */
export async function usernamesOf(
  db: Executor,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((row) => [row.id, row.username]));
}
