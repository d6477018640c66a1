import type { Command } from 'commander';
import { OPERATOR } from '../../server/modules/access/actor.ts';
import { updateUser } from '../../server/modules/auth/update-user.ts';
import { accountNamed } from '../account.ts';
import { type CliIo, print, withCouncil } from '../io.ts';

export function registerDisableUser(parent: Command, io: CliIo): void {
  parent
    .command('disable')
    .description('stop a user from signing in, ending their sessions and API tokens at once')
    .argument('<name>', 'the username')
    .requiredOption('--party <party>', 'the party of the user (usernames are unique per party)')
    .action(async (name: string, options: { party: string }) => {
      await withCouncil(io, async ({ deps }) => {
        const row = await accountNamed(deps.db, options.party, name);
        if (row.disabledAt !== null) {
          print(io, `${name} (${row.party}) has been disabled since ${row.disabledAt}.`);
          return;
        }
        await updateUser(deps, OPERATOR, row.id, { disabled: true });
        print(io, `Disabled ${name} (${row.party}): their sessions and API tokens have ended.`);
      });
    });
}
