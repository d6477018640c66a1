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

// Every signed-in request runs it: compiled once (db/prepared-query.ts). Scalar subqueries on
// the session's key rather than a join of the two tables: on SQLite the join cost 24 µs a
// request and these 5 (bench/session-lookup.ts), the same rows either way.
const liveSession = preparedQuery(
  (db, _shape: null, values: { id: string; kind: SessionKind; now: string }) =>
    db
      .selectFrom('users')
      .select([
        'users.id',
        'users.username',
        'users.party',
        'users.roles',
        'users.mustChangePassword',
      ])
      .select((eb) => [
        eb
          .selectFrom('sessions')
          .select('sessions.csrfToken')
          .where('sessions.id', '=', values.id)
          .as('csrfToken'),
        eb
          .selectFrom('sessions')
          .select('sessions.expiresAt')
          .where('sessions.id', '=', values.id)
          .as('expiresAt'),
      ])
      .where('users.id', '=', (eb) =>
        eb
          .selectFrom('sessions')
          .select('sessions.userId')
          .where('sessions.id', '=', values.id)
          .where('sessions.kind', '=', values.kind)
          .where('sessions.expiresAt', '>', values.now),
      )
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
  // The session's own columns come from the row the condition found, in the same statement.
  if (!row || row.expiresAt === null) return null;
  return {
    actor: toActor(row),
    kind,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    mustChangePassword: row.mustChangePassword === 1,
  };
}
