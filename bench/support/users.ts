import type { Deps } from '../../src/server/deps.ts';
import { OPERATOR } from '../../src/server/modules/access/actor.ts';
import { createUser } from '../../src/server/modules/auth/create-user.ts';
import { openSession } from '../../src/server/modules/auth/open-session.ts';
import type { Role } from '../../src/shared/vocabularies.ts';

let counter = 0;

/** A user with a bearer token, answered as the headers that authenticate as it. */
export async function addUserTo(
  deps: Deps,
  party: string,
  role: Role,
): Promise<Record<string, string>> {
  const user = await createUser(deps, OPERATOR, {
    username: `bench-${party}-${role}-${++counter}`,
    password: 'a long benchmark passphrase',
    roles: [role],
    party,
  });
  const row = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  const opened = await openSession(deps, row, 'token');
  return { authorization: `Bearer ${opened.secret}` };
}
