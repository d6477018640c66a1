import { CONFIRMED_ROLES, type ConfirmedRole, type Role } from '../../../shared/vocabularies.ts';

/**
 * The two-person rule for a party's powers. Chair speaks for the party and admin makes
 * accounts; one admin alone must never be able to hand either to anyone, itself included, nor
 * take over an account that holds one. Pure rules: the use cases read and write.
 */

const CONFIRMED = new Set<Role>(CONFIRMED_ROLES);

export function needsSecondAdmin(role: Role): role is ConfirmedRole {
  return CONFIRMED.has(role);
}

/** Whether whoever knows this account's password holds a confirmed role's powers. */
export function holdsConfirmedRole(roles: readonly Role[]): boolean {
  return roles.some(needsSecondAdmin);
}

export interface RolePlan {
  /** The roles the user holds once the change is made. */
  roles: Role[];
  /** Confirmed roles to ask a second admin for. */
  request: ConfirmedRole[];
  /** Pending roles no longer asked for. */
  withdraw: ConfirmedRole[];
}

/**
 * What asking for `asked` does to a user holding `held` with `pending` grants. The operator
 * (`direct`) sets the roles outright and settles every pending grant. An admin removes and
 * adds member and secretary at once, and asks a second admin for chair and admin; a pending
 * role left out of `asked` is withdrawn. Order follows `asked`, so the roles read as given.
 */
export function planRoles(
  held: readonly Role[],
  asked: readonly Role[],
  pending: readonly ConfirmedRole[],
  direct: boolean,
): RolePlan {
  const wanted = [...new Set(asked)];
  if (direct) return { roles: wanted, request: [], withdraw: [...pending] };
  return {
    roles: wanted.filter((role) => held.includes(role) || !needsSecondAdmin(role)),
    request: wanted.filter(
      (role): role is ConfirmedRole =>
        needsSecondAdmin(role) && !held.includes(role) && !pending.includes(role),
    ),
    withdraw: pending.filter((role) => !wanted.includes(role)),
  };
}

/** Whether `asked` changes the roles `held` (order and repetition aside). */
export function changesRoles(held: readonly Role[], asked: readonly Role[]): boolean {
  const wanted = new Set(asked);
  return wanted.size !== new Set(held).size || held.some((role) => !wanted.has(role));
}

/**
 * Why `adminId` may not confirm a grant, or null when it may: the confirming admin is a
 * second person, neither the one who asked nor the one who would gain by it.
 */
export function confirmationProblem(
  adminId: string,
  grant: { requestedBy: string; userId: string },
): string | null {
  if (grant.requestedBy === adminId) {
    return 'you asked for this: a second admin of your party must confirm it';
  }
  if (grant.userId === adminId) return 'nobody confirms a grant to itself';
  return null;
}
