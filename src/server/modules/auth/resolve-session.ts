import type { SessionKind } from '../../../shared/vocabularies.ts';
import { type Deps, nowIso } from '../../deps.ts';
import type { UserActor } from '../access/actor.ts';
import { hashSecret } from './session-secrets.ts';
import { toActor } from './user-actor.ts';

export interface ResolvedSession {
  actor: UserActor;
  kind: SessionKind;
  csrfToken: string | null;
  expiresAt: string;
  /** The user must choose a new password before anything else. */
  mustChangePassword: boolean;
}

/**
 * Finds the live session for a secret. One indexed query: a disabled user or an expired
 * session resolves to nothing, so disabling takes effect on the very next request, and the
 * roles are read afresh, so a role removed is gone at the next request too.
 */
export async function resolveSession(
  deps: Deps,
  secret: string,
  kind: SessionKind,
): Promise<ResolvedSession | null> {
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'users.id',
      'users.username',
      'users.party',
      'users.roles',
      'users.mustChangePassword',
      'sessions.csrfToken',
      'sessions.expiresAt',
    ])
    .where('sessions.id', '=', hashSecret(secret))
    .where('sessions.kind', '=', kind)
    .where('sessions.expiresAt', '>', nowIso(deps))
    .where('users.disabledAt', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    actor: toActor(row),
    kind,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    mustChangePassword: row.mustChangePassword === 1,
  };
}
