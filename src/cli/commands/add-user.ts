import type { Command } from 'commander';
import { OPERATOR } from '../../server/modules/access/actor.ts';
import { createUser } from '../../server/modules/auth/create-user.ts';
import { CreateUserSchema } from '../../shared/auth.schemas.ts';
import { ROLES } from '../../shared/common.schemas.ts';
import type { Role } from '../../shared/vocabularies.ts';
import { collectRole } from '../account.ts';
import { CliError, type CliIo, EXIT_USAGE, print, withCouncil } from '../io.ts';
import { readSecret } from '../read-secret.ts';

interface AddUserOptions {
  party: string;
  role: Role[];
  displayName?: string;
}

export function registerAddUser(parent: Command, io: CliIo): void {
  parent
    .command('add')
    .description(
      'add a user with its roles at once (chair and admin included: the operator needs no second admin); the password is the first line of standard input (asked for at a terminal)',
    )
    .argument('<name>', 'the username: 3 to 64 lower-case letters, digits, dot, dash or underscore')
    .requiredOption('--party <party>', 'the party the user works for, e.g. nato or russia')
    .requiredOption(
      '--role <role>',
      `${ROLES.join(', ')}; repeat for several (--role secretary --role chair)`,
      collectRole,
    )
    .option('--display-name <text>', 'the name shown to other users')
    .addHelpText(
      'after',
      "\nExample:\n  echo 'a long passphrase' | council user add robertson --party nato --role admin",
    )
    .action(async (name: string, options: AddUserOptions) => {
      const shape = CreateUserSchema.omit({ password: true }).safeParse({
        username: name,
        party: options.party,
        roles: options.role,
        displayName: options.displayName,
      });
      if (!shape.success) {
        const problems = shape.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
        throw new CliError(problems.join('; '), EXIT_USAGE);
      }
      const password = await readSecret(io, 'Password');
      if (password.length === 0) throw new CliError('the password is empty; nothing was changed');
      await withCouncil(io, async ({ deps }) => {
        const user = await createUser(deps, OPERATOR, { ...shape.data, password });
        print(
          io,
          `Added ${user.username} (${user.party}; ${user.roles.join(', ')}). They can sign in now, naming party ${user.party}.`,
        );
      });
    });
}
