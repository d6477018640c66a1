import type { Command } from 'commander';
import { OPERATOR } from '../../server/modules/access/actor.ts';
import { grantRoles } from '../../server/modules/auth/grant-roles.ts';
import { ROLES } from '../../shared/common.schemas.ts';
import type { Role } from '../../shared/vocabularies.ts';
import { accountNamed, collectRole } from '../account.ts';
import { type CliIo, print, withCouncil } from '../io.ts';

export function registerGrantRole(parent: Command, io: CliIo): void {
  parent
    .command('grant')
    .description(
      'give a user roles at once (chair and admin too: the operator needs no second admin)',
    )
    .argument('<name>', 'the username')
    .requiredOption('--party <party>', 'the party of the user (usernames are unique per party)')
    .requiredOption(
      '--role <role>',
      `${ROLES.join(', ')}; repeat for several (--role chair --role admin)`,
      collectRole,
    )
    .action(async (name: string, options: { party: string; role: Role[] }) => {
      await withCouncil(io, async ({ deps }) => {
        const row = await accountNamed(deps.db, options.party, name);
        const user = await grantRoles(deps, OPERATOR, row.id, options.role);
        print(io, `${name} (${user.party}) now holds ${user.roles.join(', ')}.`);
      });
    });
}
