import type { KeyObject } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { unsealPrivateKey } from './ed25519.ts';
import { keyringOf } from './keyring.ts';

/** A live key the server holds for `party`, unsealed; null when it holds none it can open. */
export async function heldKeyOf(
  db: Executor,
  deps: Pick<Deps, 'keyring'>,
  party: string,
): Promise<{ id: string; privateKey: KeyObject } | null> {
  const held = await db
    .selectFrom('partyKeys')
    .select(['id', 'privateKey'])
    .where('party', '=', party)
    .where('kind', '=', 'server-held')
    .where('retiredAt', 'is', null)
    .where('privateKey', 'is not', null)
    .orderBy('registeredAt', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  const privateKey = held?.privateKey
    ? unsealPrivateKey(keyringOf(deps).sealKey, held.privateKey)
    : null;
  return held && privateKey ? { id: held.id, privateKey } : null;
}
