import { InvalidArgumentError } from 'commander';
import type { Executor } from '../server/db/database.ts';
import type { Row } from '../server/db/schema.ts';
import { findAccount } from '../server/modules/auth/users.repository.ts';
import { ROLES } from '../shared/common.schemas.ts';
import type { Role } from '../shared/vocabularies.ts';
import { CliError } from './io.ts';

/** The account `NAME --party P` names; usernames are unique within a party only. */
export async function accountNamed(
  db: Executor,
  party: string,
  name: string,
): Promise<Row<'users'>> {
  const row = await findAccount(db, party, name);
  if (!row) throw new CliError(`no user named ${name} in ${party}`);
  return row;
}

/** Commander's collector for a repeatable `--role`. */
export function collectRole(value: string, previous: Role[] = []): Role[] {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return [...previous, role];
}
