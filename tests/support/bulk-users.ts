import type { Executor } from '../../src/server/db/database.ts';
import type { NewRow } from '../../src/server/db/schema.ts';

/** Rows a bulk insert writes at once: within both dialects' bound values (15 a user). */
const USERS_PER_INSERT = 500;

/**
 * Writes `count` enabled users of `party` straight into the table (`<prefix>-0`, `<prefix>-1`,
 * ...), who never sign in: readers by the thousand, for what must not depend on how many a
 * party has. `clearance` by default the column's own (NATO UNCLASSIFIED).
 */
export async function insertUsers(
  db: Executor,
  options: {
    prefix: string;
    party: string | ((i: number) => string);
    count: number;
    at: string;
    clearance?: string;
  },
): Promise<void> {
  const users: NewRow<'users'>[] = Array.from({ length: options.count }, (_, i) => ({
    id: `${options.prefix}-${i}`,
    username: `${options.prefix}-${i}`,
    party: typeof options.party === 'string' ? options.party : options.party(i),
    roles: '["member"]',
    passwordHash: 'not a hash: these users never sign in',
    ...(options.clearance === undefined ? {} : { clearance: options.clearance }),
    createdAt: options.at,
    updatedAt: options.at,
  }));
  for (let i = 0; i < users.length; i += USERS_PER_INSERT) {
    await db
      .insertInto('users')
      .values(users.slice(i, i + USERS_PER_INSERT))
      .execute();
  }
}
