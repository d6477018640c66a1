import type { AdoptionRecord, SignatureInput } from '../../../shared/record.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change, type UnitOfWork } from '../changes/unit-of-work.ts';
import { findTextRow } from '../texts/texts.repository.ts';
import { signDigest } from './ed25519.ts';
import { getAdoptionRecord } from './get-adoption-record.ts';
import { heldKeyOf } from './held-keys.ts';
import { findKey } from './keys.repository.ts';
import { signatureFault } from './signatures.repository.ts';

/**
 * Stores `party`'s signature of a text's adoption record and records it (`text.sign`, a record
 * event whose entry holds the signature, so the log alone can verify it). A party signs once;
 * signing again (after a key rotation) replaces its signature.
 */
export async function storeSignature(
  uow: UnitOfWork,
  text: Row<'texts'>,
  signature: Pick<Row<'textSignatures'>, 'byParty' | 'keyId' | 'signature'>,
  sha256: string,
): Promise<void> {
  const row: Row<'textSignatures'> = {
    textId: text.id,
    ...signature,
    at: uow.at,
    visibility: text.visibility,
    party: text.party,
  };
  await uow.trx
    .insertInto('textSignatures')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['textId', 'byParty']).doUpdateSet({
        keyId: row.keyId,
        signature: row.signature,
        at: row.at,
        visibility: row.visibility,
        party: row.party,
      }),
    )
    .execute();
  uow.record({
    entity: 'text',
    id: text.id,
    action: 'sign',
    scope: { visibility: text.visibility, party: text.party },
    audit: {
      after: {
        text: text.id,
        party: row.byParty,
        keyId: row.keyId,
        sha256,
        signature: row.signature,
        at: row.at,
      },
    },
  });
}

/**
 * A chair signs, for its own party, the adoption record of a text it may read
 * (respond-to-decisions): with a signature made offline by `council sign` over the record's
 * SHA-256, verified against the party's registered key before it is stored (ValidationFailed
 * naming `signature` or `keyId`), or with `serverHeld: true` by the key the server holds for
 * the party (ValidationFailed when it holds none), naming the record's SHA-256 the chair read
 * (VersionRequired without it, StaleVersion when it is not the record's). NotFound for a text the caller may not read
 * or one not adopted; a retired key signs nothing. The same signature sent again changes nothing.
 */
export async function signText(
  deps: Deps,
  actor: Actor,
  textId: string,
  input: SignatureInput,
): Promise<AdoptionRecord> {
  const user = requirePermission(actor, 'respond-to-decisions');
  return change(deps, actor, async (uow) => {
    const text = await findTextRow(uow.trx, actor, textId);
    const record = await uow.trx
      .selectFrom('adoptionRecords')
      .select('sha256')
      .where('textId', '=', text.id)
      .executeTakeFirst();
    if (!record) throw notFound('adoption record');
    // A chair agrees to exactly the record it read: the server-held key signs nothing else,
    // and an offline signature names it by what it signed (and may name it here too).
    if (input.serverHeld || input.sha256 !== undefined) {
      assertCurrentVersion('adoption record', record.sha256, input.sha256, 'sha256');
    }
    let keyId: string;
    let signature: string;
    if (input.serverHeld) {
      const held = await heldKeyOf(uow.trx, deps, user.party);
      if (!held) throw invalid('serverHeld', `the server holds no live key for ${user.party}`);
      keyId = held.id;
      signature = signDigest(held.privateKey, record.sha256);
    } else {
      keyId = input.keyId as string;
      signature = input.signature as string;
      const key = await findKey(uow.trx, keyId);
      if (!key || key.party !== user.party || !['party', 'server-held'].includes(key.kind)) {
        throw invalid('keyId', `not a registered key of ${user.party}`);
      }
      if (key.retiredAt !== null) throw invalid('keyId', `key ${keyId} was retired`);
      const fault = signatureFault(
        { byParty: user.party, keyId, signature, at: uow.at },
        key,
        record.sha256,
      );
      if (fault !== null) throw invalid('signature', fault);
    }
    const stored = await uow.trx
      .selectFrom('textSignatures')
      .select(['keyId', 'signature'])
      .where('textId', '=', text.id)
      .where('byParty', '=', user.party)
      .executeTakeFirst();
    // The same signature again (a retry, or Ed25519's deterministic server-held signature) is
    // already on the record: a second log entry would say the party signed twice.
    if (stored?.keyId !== keyId || stored.signature !== signature) {
      await storeSignature(uow, text, { byParty: user.party, keyId, signature }, record.sha256);
    }
    return getAdoptionRecord(uow.trx, actor, text.id);
  });
}
