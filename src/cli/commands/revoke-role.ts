import type { Command } from 'commander';
import { OPERATOR } from '../../server/modules/access/actor.ts';
import { revokeRoles } from '../../server/modules/auth/revoke-roles.ts';
import { ROLES } from '../../shared/common.schemas.ts';
import type { Role } from '../../shared/vocabularies.ts';
import { accountNamed, collectRole } from '../account.ts';
import { type CliIo, print, withCouncil } from '../io.ts';

export function registerRevokeRole(parent: Command, io: CliIo): void {
  parent
    .command('revoke')
    .description('take roles from a user at once, and withdraw any grant of them still pending')
    .argument('<name>', 'the username')
    .requiredOption('--party <party>', 'the party of the user (usernames are unique per party)')
    .requiredOption('--role <role>', `${ROLES.join(', ')}; repeat for several`, collectRole)
    .action(async (name: string, options: { party: string; role: Role[] }) => {
      await withCouncil(io, async ({ deps }) => {
        const row = await accountNamed(deps.db, options.party, name);
        const user = await revokeRoles(deps, OPERATOR, row.id, options.role);
        print(io, `${name} (${user.party}) now holds ${user.roles.join(', ')}.`);
      });
    });
}
