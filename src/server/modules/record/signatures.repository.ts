import type { TextSignature } from '../../../shared/record.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import { verifyDigest } from './ed25519.ts';

/** The kinds of key whose signature is the party's own: a reference key's never is. */
export const OWN_KEY_KINDS: ReadonlySet<string> = new Set(['party', 'server-held']);

/**
 * Whether a stored signature holds: made by a key of the signing party, registered by the
 * time it signed and not retired before, verifying over the record's SHA-256. Null when it
 * holds, else what is wrong.
 */
export function signatureFault(
  signature: Pick<Row<'textSignatures'>, 'byParty' | 'keyId' | 'signature' | 'at'>,
  key: Pick<Row<'partyKeys'>, 'party' | 'publicKey' | 'registeredAt' | 'retiredAt'> | undefined,
  sha256: string,
): string | null {
  if (!key) return `is made with key ${signature.keyId}, which is not registered`;
  if (key.party !== signature.byParty) {
    return `is ${signature.byParty}'s, but key ${signature.keyId} is ${key.party ?? 'the server'}'s`;
  }
  if (!verifyDigest(key.publicKey, sha256, signature.signature)) {
    return `does not verify with key ${signature.keyId} over the adoption record's SHA-256 ${sha256}`;
  }
  if (key.registeredAt > signature.at || (key.retiredAt !== null && key.retiredAt < signature.at)) {
    return `was made at ${signature.at}, outside the life of key ${signature.keyId}`;
  }
  return null;
}

/**
 * The signatures of a text's adoption record, each verified now, and which parties they make
 * it signed by: only signatures that verify with a key of the party's own count, so a text is
 * signed by both only when both parties' signatures verify.
 */
export async function signaturesOf(
  db: Executor,
  textId: string,
  sha256: string | null,
): Promise<{ signatures: TextSignature[]; signedBy: string[]; signedByBoth: boolean }> {
  const rows = await db
    .selectFrom('textSignatures')
    .leftJoin('partyKeys', 'partyKeys.id', 'textSignatures.keyId')
    .select([
      'textSignatures.byParty',
      'textSignatures.keyId',
      'textSignatures.signature',
      'textSignatures.at',
      'partyKeys.party',
      'partyKeys.publicKey',
      'partyKeys.registeredAt',
      'partyKeys.retiredAt',
      'partyKeys.kind',
    ])
    .where('textSignatures.textId', '=', textId)
    .orderBy('textSignatures.byParty')
    .execute();
  const signatures = rows.map((row) => {
    const key =
      row.publicKey === null || row.registeredAt === null
        ? undefined
        : {
            party: row.party,
            publicKey: row.publicKey,
            registeredAt: row.registeredAt,
            retiredAt: row.retiredAt,
          };
    return {
      party: row.byParty,
      keyId: row.keyId,
      keyKind: row.kind ?? 'party',
      signature: row.signature,
      at: row.at,
      valid: sha256 !== null && signatureFault(row, key, sha256) === null,
    };
  });
  const signedBy = signatures
    .filter((s) => s.valid && OWN_KEY_KINDS.has(s.keyKind))
    .map((s) => s.party);
  const parties = await db.selectFrom('parties').select('id').execute();
  return {
    signatures,
    signedBy,
    signedByBoth: parties.length > 0 && parties.every((p) => signedBy.includes(p.id)),
  };
}
