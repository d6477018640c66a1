import type { SessionKind } from '../../../shared/vocabularies.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { UserActor } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { hashSecret, LIFETIME_MS, newSecret } from './session-secrets.ts';
import { toActor } from './user-actor.ts';

export interface Opened {
  secret: string;
  csrfToken: string | null;
  expiresAt: string;
  actor: UserActor;
  /** The session can do nothing but choose a new password (POST /api/me/password). */
  mustChangePassword: boolean;
}

/**
 * Opens a browser session or an API token for a user whose password was checked (or, in the
 * tests and the transfer fixture, for a user made a moment ago). Only the secret's hash is
 * stored. The sign-in is audited in the user's own party's caucus.
 */
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
    return {
      secret,
      csrfToken,
      expiresAt,
      actor,
      mustChangePassword: user.mustChangePassword === 1,
    };
  });
}
