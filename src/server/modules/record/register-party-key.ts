import type { PartyKey, RegisterKeyInput } from '../../../shared/record.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requireOwnParty, requirePermission } from '../access/roles.policy.ts';
import { change, type UnitOfWork } from '../changes/unit-of-work.ts';
import { generateKeyPair, keyIdOf, parsePublicKey, sealPrivateKey } from './ed25519.ts';
import { keyringOf } from './keyring.ts';
import { findKey, requireParty, toPartyKey } from './keys.repository.ts';
import { keyPayload } from './record-log.ts';

/** Stores a key and records its registration (a record event: the log holds the public key). */
export async function insertPartyKey(uow: UnitOfWork, key: Row<'partyKeys'>): Promise<void> {
  if (await findKey(uow.trx, key.id)) {
    throw new DomainError('AlreadyExists', `key ${key.id} is already registered`);
  }
  await uow.trx.insertInto('partyKeys').values(key).execute();
  uow.record({
    entity: 'partyKey',
    id: key.id,
    action: 'register',
    after: key,
    scope: { visibility: 'public', party: null },
    audit: { after: keyPayload(key) },
  });
}

/**
 * A party admin registers its party's Ed25519 public key (SPKI PEM or base64 DER), or asks the
 * server to generate one and hold it, sealed with the council secret, for a party that chose
 * so (manage-users, own party: Forbidden, NotYourParty; ValidationFailed for a key that is not
 * Ed25519; AlreadyExists for a key registered before). Keys are public and so is their
 * registration, a record event; the private key of a registered key never reaches the server.
 */
export async function registerPartyKey(
  deps: Deps,
  actor: Actor,
  party: string,
  input: RegisterKeyInput,
): Promise<PartyKey> {
  const user = requirePermission(actor, 'manage-users');
  await requireParty(deps.db, party);
  requireOwnParty(user, party, 'keys');
  let publicKey: string;
  let privateKey: string | null = null;
  if (input.serverHeld) {
    const pair = generateKeyPair();
    publicKey = pair.publicKey;
    privateKey = sealPrivateKey(keyringOf(deps).sealKey, pair.privateKey);
  } else {
    const parsed = parsePublicKey(input.publicKey ?? '');
    if (parsed === null) {
      throw invalid('publicKey', 'not an Ed25519 public key in SPKI PEM or base64 DER');
    }
    publicKey = parsed;
  }
  return change(deps, actor, async (uow) => {
    const key: Row<'partyKeys'> = {
      id: keyIdOf(publicKey),
      party,
      kind: input.serverHeld ? 'server-held' : 'party',
      publicKey,
      privateKey,
      note: input.note ?? null,
      registeredAt: uow.at,
      retiredAt: null,
    };
    await insertPartyKey(uow, key);
    return toPartyKey(key);
  });
}
