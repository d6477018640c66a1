import type { SessionKind } from '../../../shared/vocabularies.ts';
import { runAsAnyViewer } from '../../db/postgres.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
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

// Every signed-in request runs it: compiled once (db/prepared-query.ts).
const liveSession = preparedQuery(
  (db, _shape: null, values: { id: string; kind: SessionKind; now: string }) =>
    db
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
      .where('sessions.id', '=', values.id)
      .where('sessions.kind', '=', values.kind)
      .where('sessions.expiresAt', '>', values.now)
      .where('users.disabledAt', 'is', null),
);

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
  // Neither table is under row-level security: any connection may answer (db/postgres.ts).
  const [row] = await runAsAnyViewer(() =>
    liveSession(deps.db, null, { id: hashSecret(secret), kind, now: nowIso(deps) }),
  );
  if (!row) return null;
  return {
    actor: toActor(row),
    kind,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    mustChangePassword: row.mustChangePassword === 1,
  };
}
