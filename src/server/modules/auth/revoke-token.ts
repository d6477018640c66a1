import type { Deps } from '../../deps.ts';
import type { UserActor } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { hashSecret } from './session-secrets.ts';

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
