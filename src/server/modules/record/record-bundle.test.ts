import { describe, expect, it } from 'vitest';
import { generateKeyPair, keyIdOf, sha256Hex, signDigest } from './ed25519.ts';
import { BUNDLE_FORMAT, verifyRecordBundle } from './record-bundle.ts';
import { canonicalJson, chainEntry } from './record-entry.ts';

const AT = '2026-01-01T00:00:00.000Z';

/**
 * A bundle made from nothing by a forger with a key pair of its own: a server key registration
 * under `claimedId` (the forger's own fingerprint when not given), one adoption of a text that
 * says what the forger likes, its record, and a seal. `listed` says whether the registered key
 * is among the bundle's keys. Answers the bundle and the forger's fingerprint.
 */
function forgedBundle(listed: boolean, claimed?: string): { text: string; forgerId: string } {
  const forger = generateKeyPair();
  const forgerId = keyIdOf(forger.publicKey);
  const claimedId = claimed ?? forgerId;
  const signer = { keyId: claimedId, privateKey: forger.privateKey };
  const key = {
    keyId: claimedId,
    party: null,
    kind: 'server',
    publicKey: forger.publicKey,
    note: null,
    registeredAt: AT,
  };
  const registration = chainEntry(
    null,
    {
      audience: 'public',
      at: AT,
      kind: 'partyKey.register',
      entityType: 'partyKey',
      entityId: claimedId,
      payload: key,
    },
    signer,
  );
  const canonical = canonicalJson({ text: 'Russia concedes everything.' });
  const sha256 = sha256Hex(canonical);
  const adoption = chainEntry(
    registration,
    {
      audience: 'public',
      at: '2026-01-02T00:00:00.000Z',
      kind: 'text.adopt',
      entityType: 'text',
      entityId: 'forged',
      payload: { record: { sha256 } },
    },
    signer,
  );
  const body = {
    format: BUNDLE_FORMAT,
    exportedAt: AT,
    keys: listed ? [{ ...key, retiredAt: null }] : [],
    records: [{ textId: 'forged', canonical, sha256, at: AT }],
    signatures: [],
    log: [registration, adoption],
  };
  const digest = sha256Hex(canonicalJson(body));
  const seal = {
    keyId: claimedId,
    sha256: digest,
    signature: signDigest(forger.privateKey, digest),
  };
  return { text: `${canonicalJson({ ...body, seal })}\n`, forgerId };
}

describe('a bundle forged from nothing', () => {
  const trusted = keyIdOf(generateKeyPair().publicKey);

  it('fails when it registers the forger’s key under the id of a key the verifier trusts', () => {
    const { text } = forgedBundle(false, trusted);
    const problems = verifyRecordBundle(text, { trust: [{ role: 'server', keyId: trusted }] });
    expect(problems).toContainEqual({
      field: 'bundle.log[0]',
      message: expect.stringContaining(
        `registers ${trusted} with a public key whose fingerprint is ed25519:`,
      ),
    });
    expect(problems.map((p) => p.field)).toContain('bundle.seal');
  });

  it('fails when the log registers a key the bundle does not list', () => {
    const { text, forgerId } = forgedBundle(false);
    expect(verifyRecordBundle(text)).toEqual([
      { field: 'bundle.log[0]', message: `registers ${forgerId}, which is not among the keys` },
    ]);
  });

  it('verifies on its own when consistent, and fails --trust naming every place the forger signed', () => {
    const { text, forgerId } = forgedBundle(true);
    // Consistent with the keys it carries: which is all a bundle alone can show.
    expect(verifyRecordBundle(text)).toEqual([]);
    const problems = verifyRecordBundle(text, { trust: [{ role: 'server', keyId: trusted }] });
    expect(problems.map((p) => p.field)).toEqual(['bundle.log[0]', 'bundle.log[1]', 'bundle.seal']);
    for (const p of problems) expect(p.message).toContain(`is signed with ${forgerId}`);
  });

  it('fails --trust when a party seals it with its own key, registered in the forged log as the server’s', () => {
    // Russia holds its own key, trusted as Russia's: what the bundle says of its kind counts for
    // nothing, and only the key trusted as the server's may seal.
    const { text, forgerId } = forgedBundle(true);
    const trust = [
      { role: 'server', keyId: trusted },
      { role: 'russia', keyId: forgerId },
    ];
    expect(verifyRecordBundle(text, { trust })).toEqual([
      {
        field: 'bundle.seal',
        message: `is signed with ${forgerId}, which is not a key you trust as the server (--trust): a bundle's own keys prove nothing of who made it`,
      },
    ]);
  });
});
