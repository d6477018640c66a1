import type { RoleGrant, User } from '../../../shared/auth.schemas.ts';
import type { ConfirmedRole, Role } from '../../../shared/vocabularies.ts';
import type { Row } from '../../db/schema.ts';

export function rolesOf(row: Pick<Row<'users'>, 'roles'>): Role[] {
  return JSON.parse(row.roles) as Role[];
}

/** What a role grant contributes to its user's `pendingRoles`. */
export function pendingRolesOf(grants: readonly Row<'roleGrants'>[]): ConfirmedRole[] {
  return [
    ...new Set(grants.flatMap((g) => (g.kind === 'role' && g.role !== null ? [g.role] : []))),
  ];
}

/** A user as its own party's admins see it; `pending` are the user's pending grants. */
export function toUser(row: Row<'users'>, pending: readonly Row<'roleGrants'>[]): User {
  const own = pending.filter((g) => g.userId === row.id && g.status === 'pending');
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    party: row.party,
    roles: rolesOf(row),
    pendingRoles: pendingRolesOf(own),
    pendingPasswordReset: own.some((g) => g.kind === 'password-reset'),
    mustChangePassword: row.mustChangePassword === 1,
    clearance: row.clearance,
    delegationId: row.delegationId,
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
  };
}

const refOf = (names: ReadonlyMap<string, string>, id: string) => ({
  id,
  username: names.get(id) ?? '',
});

/** A grant as the admins of its party see it (never its password hash). */
export function toRoleGrant(row: Row<'roleGrants'>, names: ReadonlyMap<string, string>): RoleGrant {
  return {
    id: row.id,
    kind: row.kind,
    user: refOf(names, row.userId),
    role: row.role,
    requestedBy: refOf(names, row.requestedBy),
    requestedAt: row.requestedAt,
    status: row.status,
    decidedBy: row.decidedBy === null ? null : refOf(names, row.decidedBy),
    decidedAt: row.decidedAt,
  };
}
