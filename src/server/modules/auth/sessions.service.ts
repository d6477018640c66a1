import { createHash, randomBytes } from 'node:crypto';
import type { Credentials } from '../../../shared/auth.schemas.ts';
import type { Role } from '../../../shared/vocabularies.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { UserActor } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { decoyHash, verifyPassword } from './password-hash.ts';

export type SessionKind = 'session' | 'token';

const LIFETIME_MS: Record<SessionKind, number> = {
  session: 12 * 60 * 60 * 1000,
  token: 30 * 24 * 60 * 60 * 1000,
};

/** Only the hash of a secret is stored, so a copy of the database opens no session. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function toActor(
  user: Pick<Row<'users'>, 'id' | 'username' | 'party' | 'roles'>,
): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    party: user.party,
    roles: JSON.parse(user.roles) as Role[],
  };
}

export interface Opened {
  secret: string;
  csrfToken: string | null;
  expiresAt: string;
  actor: UserActor;
}

/**
 * Checks a username and password and opens a browser session or an API token. A wrong
 * username, a wrong password and a disabled user all get the same InvalidCredentials, after
 * the same amount of hashing work.
 */
export async function signIn(
  deps: Deps,
  credentials: Credentials,
  kind: SessionKind,
): Promise<Opened> {
  const user = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', credentials.username)
    .executeTakeFirst();
  const hash = user?.passwordHash ?? (await decoyHash());
  const matches = await verifyPassword(hash, credentials.password);
  if (!user || !matches || user.disabledAt !== null) {
    throw new DomainError('InvalidCredentials', 'the username or password is not right');
  }
  return openSession(deps, user, kind);
}

export async function openSession(
  deps: Deps,
  user: Row<'users'>,
  kind: SessionKind,
): Promise<Opened> {
  const secret = newSecret();
  const csrfToken = kind === 'session' ? newSecret() : null;
  const actor = toActor(user);
  return change(deps, actor, async ({ trx, at, record }) => {
    const expiresAt = new Date(Date.parse(at) + LIFETIME_MS[kind]).toISOString();
    // Expired sessions and tokens open nothing; signing in is a quiet moment to clear them.
    await trx.deleteFrom('sessions').where('expiresAt', '<=', at).execute();
    await trx
      .insertInto('sessions')
      .values({
        id: hashSecret(secret),
        userId: user.id,
        kind,
        csrfToken,
        createdAt: at,
        expiresAt,
        lastUsedAt: null,
      })
      .execute();
    // A user is its own party's business: the entry is that party's caucus.
    record({
      entity: 'user',
      id: user.id,
      action: kind === 'session' ? 'sign-in' : 'create-token',
      scope: { visibility: 'caucus', party: user.party },
    });
    return { secret, csrfToken, expiresAt, actor };
  });
}

export interface ResolvedSession {
  actor: UserActor;
  kind: SessionKind;
  csrfToken: string | null;
  expiresAt: string;
}

/**
 * Finds the live session for a secret. One indexed query: a disabled user or an expired
 * session resolves to nothing, so disabling takes effect on the very next request.
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
      'sessions.csrfToken',
      'sessions.expiresAt',
    ])
    .where('sessions.id', '=', hashSecret(secret))
    .where('sessions.kind', '=', kind)
    .where('sessions.expiresAt', '>', nowIso(deps))
    .where('users.disabledAt', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return { actor: toActor(row), kind, csrfToken: row.csrfToken, expiresAt: row.expiresAt };
}

export async function closeSession(deps: Deps, secret: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('id', '=', hashSecret(secret)).execute();
}

/** Revokes the API token a script is using, so that a leaked token can be ended at once. */
export async function revokeToken(deps: Deps, actor: UserActor, secret: string): Promise<void> {
  await change(deps, actor, async ({ trx, record }) => {
    await trx
      .deleteFrom('sessions')
      .where('id', '=', hashSecret(secret))
      .where('kind', '=', 'token')
      .execute();
    record({
      entity: 'user',
      id: actor.userId,
      action: 'revoke-token',
      scope: { visibility: 'caucus', party: actor.party },
    });
  });
}
