import type { Deps } from '../../deps.ts';
import { hashSecret } from './session-secrets.ts';

/** Signs a browser session out. Open to anyone who holds the secret: a stale cookie too. */
export async function closeSession(deps: Deps, secret: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('id', '=', hashSecret(secret)).execute();
}
