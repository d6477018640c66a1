import type { Command } from 'commander';
import { OPERATOR } from '../../server/modules/access/actor.ts';
import { updateUser } from '../../server/modules/auth/users.service.ts';
import { CliError, type CliIo, print, withCouncil } from '../io.ts';

export function registerDisableUser(parent: Command, io: CliIo): void {
  parent
    .command('disable')
    .description('stop a user from signing in, ending their sessions and API tokens at once')
    .argument('<name>', 'the username')
    .action(async (name: string) => {
      await withCouncil(io, async ({ deps }) => {
        const row = await deps.db
          .selectFrom('users')
          .select(['id', 'disabledAt'])
          .where('username', '=', name)
          .executeTakeFirst();
        if (!row) throw new CliError(`no user named ${name}`);
        if (row.disabledAt !== null) {
          print(io, `${name} has been disabled since ${row.disabledAt}.`);
          return;
        }
        await updateUser(deps, OPERATOR, row.id, { disabled: true });
        print(io, `Disabled ${name}: their sessions and API tokens have ended.`);
      });
    });
}
