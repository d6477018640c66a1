import type { Row } from '../../db/schema.ts';
import { notFound } from '../../domain/errors.ts';
import { OPERATOR } from '../access/actor.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { findTextRow } from '../texts/texts.repository.ts';
import { generateKeyPair, keyIdOf, signDigest } from './ed25519.ts';
import { insertPartyKey } from './register-party-key.ts';
import { storeSignature } from './sign-text.ts';

/** What a reference key's note says, for the party it signs on behalf of. */
export function referenceKeyNote(party: string): string {
  return `Reference key for texts reconstructed from public sources (the PJC fact sheet), not the original wording: it is not ${party}'s own key, and its signature does not count as ${party}'s.`;
}

/**
 * Signs the adoption records of reconstructed texts, for every party, with reference keys made
 * for this one call: each registered (a record event) with `kind: 'reference'` and a note
 * saying what it is, and its private key forgotten once the texts are signed, so that nothing
 * can sign with it again. Reference signatures verify, but never make a text signed by a party
 * (`signedBy` counts only a party's own keys). For the seed of the reference record; runs in
 * the caller's unit of work, after the texts are adopted. NotFound for a text with no record.
 */
export async function signWithReferenceKey(
  uow: UnitOfWork,
  textIds: readonly string[],
): Promise<{ keyIds: string[] }> {
  const texts: { row: Row<'texts'>; sha256: string }[] = [];
  for (const id of textIds) {
    const row = await findTextRow(uow.trx, OPERATOR, id);
    const record = await uow.trx
      .selectFrom('adoptionRecords')
      .select('sha256')
      .where('textId', '=', id)
      .executeTakeFirst();
    if (!record) throw notFound('adoption record');
    texts.push({ row, sha256: record.sha256 });
  }
  const parties = await uow.trx.selectFrom('parties').select('id').orderBy('position').execute();
  const keyIds: string[] = [];
  for (const { id: party } of parties) {
    const pair = generateKeyPair();
    const key: Row<'partyKeys'> = {
      id: keyIdOf(pair.publicKey),
      party,
      kind: 'reference',
      publicKey: pair.publicKey,
      privateKey: null,
      note: referenceKeyNote(party),
      registeredAt: uow.at,
      retiredAt: null,
    };
    await insertPartyKey(uow, key);
    for (const { row, sha256 } of texts) {
      await storeSignature(
        uow,
        row,
        { byParty: party, keyId: key.id, signature: signDigest(pair.privateKey, sha256) },
        sha256,
      );
    }
    keyIds.push(key.id);
  }
  return { keyIds };
}
