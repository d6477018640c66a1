import type { Executor } from '../server/db/database.ts';
import type { UserActor } from '../server/modules/access/actor.ts';
import { toActor } from '../server/modules/auth/user-actor.ts';
import { CliError } from './io.ts';

/** How `--as` names a user: `NAME`, or `PARTY/NAME` when both parties have the name. */
export const ACTING_USER_HELP = 'NAME, or PARTY/NAME when both parties have that username';

/**
 * The user a command acts as (`--as NAME` or `--as PARTY/NAME`), so that what it does is
 * checked by the same rules and audited under the same name as through the API. Usernames
 * are unique within a party only: a name both parties hold must say which. A disabled user
 * acts as nobody.
 */
export async function actingUser(db: Executor, name: string): Promise<UserActor> {
  const slash = name.indexOf('/');
  const party = slash === -1 ? null : name.slice(0, slash);
  const username = slash === -1 ? name : name.slice(slash + 1);
  let query = db
    .selectFrom('users')
    .select(['id', 'username', 'party', 'roles', 'disabledAt'])
    .where('username', '=', username);
  if (party !== null) query = query.where('party', '=', party);
  const users = await query.orderBy('party').execute();
  const [user, other] = users;
  if (!user) throw new CliError(`no user named ${name}`);
  if (other) {
    const parties = users.map((u) => u.party).join(' and ');
    throw new CliError(
      `${username} is a username in ${parties}: say which, e.g. ${user.party}/${username}`,
    );
  }
  if (user.disabledAt !== null) throw new CliError(`${name} is disabled`);
  return toActor(user);
}
