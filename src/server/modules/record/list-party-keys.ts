import type { PartyKey } from '../../../shared/record.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { keysOfParty, requireParty, toPartyKey } from './keys.repository.ts';

/** A party's public keys with when each was registered and retired: open to anyone. NotFound. */
export async function listPartyKeys(db: Executor, party: string): Promise<{ items: PartyKey[] }> {
  await requireParty(db, party);
  return { items: (await keysOfParty(db, party)).map(toPartyKey) };
}
