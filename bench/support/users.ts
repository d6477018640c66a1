import type { Deps } from '../../src/server/deps.ts';
import { OPERATOR } from '../../src/server/modules/access/actor.ts';
import { createUser } from '../../src/server/modules/auth/create-user.ts';
import { openSession } from '../../src/server/modules/auth/open-session.ts';
import { toActor } from '../../src/server/modules/auth/user-actor.ts';
import type { Role } from '../../src/shared/vocabularies.ts';
import type { BenchUser } from '../targets/target.ts';

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

/** `accounts` members of `party` and `tokens` bearer tokens opened for them in turn. */
export async function addUsers(
  deps: Deps,
  name: string,
  party: string,
  accounts: number,
  tokens: number,
): Promise<BenchUser[]> {
  const rows = [];
  for (let i = 0; i < accounts; i++) {
    const user = await createUser(deps, OPERATOR, {
      username: `bench-${name}-${i}`,
      password: 'a long benchmark passphrase',
      roles: ['member'],
      party,
    });
    rows.push(
      await deps.db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow(),
    );
  }
  const users: BenchUser[] = [];
  for (let i = 0; i < tokens; i++) {
    const row = rows[i % rows.length];
    if (row === undefined) break;
    const opened = await openSession(deps, row, 'token');
    users.push({ token: opened.secret, actor: toActor(row) });
  }
  return users;
}

/** The writers of the mixed load: one of each party in turn. */
export function inTurn(nato: BenchUser[], russia: BenchUser[]): BenchUser[] {
  return nato.flatMap((u, i) => {
    const other = russia[i];
    return other === undefined ? [u] : [u, other];
  });
}
