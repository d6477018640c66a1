import type { Executor } from '../server/db/database.ts';
import type { UserActor } from '../server/modules/access/actor.ts';
import { toActor } from '../server/modules/auth/sessions.service.ts';
import { CliError } from './io.ts';

/**
 * The user a command acts as (`--as NAME`), so that what it does is checked by the same rules
 * and audited under the same name as through the API. A disabled user acts as nobody.
 */
export async function actingUser(db: Executor, username: string): Promise<UserActor> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'party', 'roles', 'disabledAt'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user) throw new CliError(`no user named ${username}`);
  if (user.disabledAt !== null) throw new CliError(`${username} is disabled`);
  return toActor(user);
}
