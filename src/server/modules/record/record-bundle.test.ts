import { describe, expect, it } from 'vitest';
import { generateKeyPair, keyIdOf, sha256Hex, signDigest } from './ed25519.ts';
import {
  BUNDLE_FORMAT,
  chainHeadsOf,
  parseRecordBundle,
  recordsOf,
  verifyRecordBundle,
} from './record-bundle.ts';
import {
  ADOPTION_RECORD_FORMAT,
  canonicalJson,
  chainEntry,
  type LogEntry,
} from './record-entry.ts';

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
  const canonical = canonicalJson({
    format: ADOPTION_RECORD_FORMAT,
    text: { id: 'forged', title: 'Russia concedes everything.' },
  });
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
    exportedAt: '2026-01-03T00:00:00.000Z',
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

type Signer = { keyId: string; privateKey: ReturnType<typeof generateKeyPair>['privateKey'] };

/** A key pair with its registration as the bundle lists it. */
function keyOf(kind: string, party: string | null) {
  const pair = generateKeyPair();
  const keyId = keyIdOf(pair.publicKey);
  return {
    signer: { keyId, privateKey: pair.privateKey } as Signer,
    listed: {
      keyId,
      party,
      kind,
      publicKey: pair.publicKey,
      note: null,
      registeredAt: AT,
      retiredAt: null as string | null,
    },
  };
}

/**
 * A council's record as a server writes it: the server's key, NATO's key, one adopted joint
 * text and NATO's signature of it, each with its log entry. `change` alters the parts before
 * the bundle is sealed (by the server's key unless it names another), as whoever makes the
 * bundle could.
 */
function councilBundle(
  change: (
    parts: {
      log: LogEntry[];
      keys: ReturnType<typeof keyOf>['listed'][];
      records: { textId: string; canonical: string; sha256: string; at: string }[];
      signatures: {
        textId: string;
        byParty: string;
        keyId: string;
        signature: string;
        at: string;
      }[];
      exportedAt: string;
      sealer: Signer;
    },
    keys: { server: Signer; nato: Signer },
  ) => void = () => {},
) {
  const server = keyOf('server', null);
  const nato = keyOf('party', 'nato');
  const canonical = canonicalJson({
    format: ADOPTION_RECORD_FORMAT,
    text: { id: 't-1', title: 'Joint statement', number: '2001/1', adoptedAt: AT },
    procedure: { kind: 'concurrence' },
  });
  const sha256 = sha256Hex(canonical);
  const signature = signDigest(nato.signer.privateKey, sha256);
  const entry = (
    previous: LogEntry | null,
    audience: string,
    kind: string,
    entityId: string,
    payload: unknown,
    at = AT,
  ) =>
    chainEntry(
      previous,
      { audience, at, kind, entityType: kind.split('.')[0] ?? '', entityId, payload },
      server.signer,
    );
  const serverKey = entry(null, 'public', 'partyKey.register', server.listed.keyId, server.listed);
  const natoKey = entry(serverKey, 'public', 'partyKey.register', nato.listed.keyId, nato.listed);
  const adoption = entry(null, 'joint', 'text.adopt', 't-1', { record: { sha256, at: AT } });
  const signing = entry(adoption, 'joint', 'text.sign', 't-1', {
    text: 't-1',
    party: 'nato',
    keyId: nato.listed.keyId,
    sha256,
    signature,
    at: AT,
  });
  const parts = {
    log: [serverKey, natoKey, adoption, signing],
    keys: [server.listed, nato.listed],
    records: [{ textId: 't-1', canonical, sha256, at: AT }],
    signatures: [{ textId: 't-1', byParty: 'nato', keyId: nato.listed.keyId, signature, at: AT }],
    exportedAt: '2026-02-01T00:00:00.000Z',
    sealer: server.signer,
  };
  change(parts, { server: server.signer, nato: nato.signer });
  const { sealer, ...rest } = parts;
  const body = { format: BUNDLE_FORMAT, ...rest };
  const digest = sha256Hex(canonicalJson(body));
  const seal = {
    keyId: sealer.keyId,
    sha256: digest,
    signature: signDigest(sealer.privateKey, digest),
  };
  return {
    text: `${canonicalJson({ ...body, seal })}\n`,
    server,
    nato,
    entry,
    sha256,
  };
}

describe('a bundle the server makes', () => {
  it('verifies as written, and says who signed each record and where each chain ends', () => {
    const { text, nato } = councilBundle();
    expect(verifyRecordBundle(text)).toEqual([]);
    const bundle = parseRecordBundle(text);
    if (bundle === null) throw new Error('not a bundle');
    const trust = [{ role: 'nato', keyId: nato.listed.keyId }];
    expect(recordsOf(bundle, trust)).toEqual([
      expect.objectContaining({
        textId: 't-1',
        title: 'Joint statement',
        number: '2001/1',
        procedure: 'concurrence',
        signedBy: [{ party: 'nato', keyId: nato.listed.keyId, kind: 'party', trusted: true }],
      }),
    ]);
    expect(chainHeadsOf(bundle).map((h) => [h.audience, h.seq])).toEqual([
      ['joint', 2],
      ['public', 2],
    ]);
  });

  // The review's forgery: a record whose "canonical" is the preimage of a log entry that a key
  // (since retired) signed carries that entry's signature as the party's signature of a text.
  it('refuses a record that is not an adoption record, or the record of another text', () => {
    const notARecord = councilBundle((parts) => {
      const record = parts.records[0];
      if (record) record.canonical = `${'0'.repeat(64)}{"audience":"public"}`;
    });
    expect(verifyRecordBundle(notARecord.text)).toContainEqual({
      field: 'bundle.records[0]',
      message: 'canonical is not JSON: it is no adoption record',
    });
    const another = councilBundle((parts) => {
      const record = parts.records[0];
      if (record) record.textId = 't-2';
    });
    expect(verifyRecordBundle(another.text)).toContainEqual({
      field: 'bundle.records[0]',
      message: 'canonical is the adoption record of text "t-1", not of t-2',
    });
  });

  it('holds each signature to the log: none added, removed, re-dated or replaced', () => {
    const removed = councilBundle((parts) => {
      parts.signatures = [];
    });
    expect(verifyRecordBundle(removed.text)).toEqual([
      {
        field: 'bundle.log[3]',
        message:
          "records nato's signature of t-1, which the signatures no longer hold: it was removed",
      },
    ]);
    const redated = councilBundle((parts) => {
      const signature = parts.signatures[0];
      if (signature) signature.at = '2026-01-01T00:00:01.000Z';
    });
    expect(verifyRecordBundle(redated.text)).toContainEqual({
      field: 'bundle.signatures[0]',
      message:
        "nato's signature of t-1 is not the one the record log took (bundle.log[3]): it was replaced",
    });
    const added = councilBundle((parts) => {
      parts.log = parts.log.slice(0, 3);
    });
    expect(verifyRecordBundle(added.text)).toContainEqual({
      field: 'bundle.signatures[0]',
      message:
        "nato's signature of t-1 has no text.sign entry in the record log: it was added, not signed",
    });
  });

  it('refuses a seal made with a server key the log retired, and a bundle dated before its entries', () => {
    const retired = councilBundle((parts) => {
      const [serverKey, natoKey] = parts.log;
      const server = parts.keys[0];
      if (!serverKey || !natoKey || !server) throw new Error('no key');
      server.retiredAt = '2026-01-15T00:00:00.000Z';
      parts.log.push(
        chainEntry(
          natoKey,
          {
            audience: 'public',
            at: server.retiredAt,
            kind: 'partyKey.retire',
            entityType: 'partyKey',
            entityId: server.keyId,
            payload: { ...server },
          },
          parts.sealer,
        ),
      );
    });
    expect(verifyRecordBundle(retired.text)).toEqual([
      {
        field: 'bundle.seal',
        message: `is made with ${retired.server.listed.keyId}, a server key the log retired at 2026-01-15T00:00:00.000Z: a retired key seals nothing`,
      },
    ]);
    const early = councilBundle((parts) => {
      parts.exportedAt = '2025-12-31T00:00:00.000Z';
    });
    expect(verifyRecordBundle(early.text).map((p) => p.field)).toEqual([
      'bundle.log[0]',
      'bundle.log[1]',
      'bundle.log[2]',
      'bundle.log[3]',
    ]);
  });

  it('takes one spelling of a signature only: the seal with an unused bit set does not verify', () => {
    const { text } = councilBundle();
    const bundle = parseRecordBundle(text);
    if (bundle === null) throw new Error('not a bundle');
    // 64 bytes in base64 end in "==": the last character before them carries 4 unused bits.
    const spelt = bundle.seal.signature;
    const last = spelt.at(-3) ?? 'A';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const flipped = `${spelt.slice(0, -3)}${alphabet[alphabet.indexOf(last) ^ 1]}==`;
    expect(Buffer.from(flipped, 'base64')).toEqual(Buffer.from(spelt, 'base64'));
    const changed = canonicalJson({ ...bundle, seal: { ...bundle.seal, signature: flipped } });
    expect(verifyRecordBundle(`${changed}\n`)).toEqual([
      { field: 'bundle.seal', message: `signature does not verify with key ${bundle.seal.keyId}` },
    ]);
  });

  it('under --trust takes a former server key for the entries it signed, never for the seal', () => {
    const former = keyOf('server', null);
    const bundle = councilBundle((parts) => {
      parts.sealer = former.signer;
    });
    const trust = [
      { role: 'server', keyId: bundle.server.listed.keyId },
      { role: 'former-server', keyId: former.listed.keyId },
      { role: 'nato', keyId: bundle.nato.listed.keyId },
    ];
    // Sealed by a key the log never registered, and, under --trust, not the current one.
    expect(verifyRecordBundle(bundle.text, { trust }).map((p) => p.field)).toEqual([
      'bundle.seal',
      'bundle.seal',
    ]);
    const genuine = councilBundle();
    expect(
      verifyRecordBundle(genuine.text, {
        trust: [
          { role: 'server', keyId: genuine.server.listed.keyId },
          { role: 'former-server', keyId: former.listed.keyId },
          { role: 'nato', keyId: genuine.nato.listed.keyId },
        ],
      }),
    ).toEqual([]);
  });

  it("under --trust refuses a party's key speaking for the other party", () => {
    const bundle = councilBundle((parts, keys) => {
      // NATO's key, held by the server, signing an entry of Russia's caucus chain.
      parts.log.push(
        chainEntry(
          null,
          {
            audience: 'caucus:russia',
            at: AT,
            kind: 'text.adopt',
            entityType: 'text',
            entityId: 'r-1',
            payload: { record: null },
          },
          keys.nato,
        ),
      );
    });
    const trust = [
      { role: 'server', keyId: bundle.server.listed.keyId },
      { role: 'nato', keyId: bundle.nato.listed.keyId },
    ];
    expect(verifyRecordBundle(bundle.text, { trust })).toEqual([
      {
        field: 'bundle.log[4]',
        message: `is signed with ${bundle.nato.listed.keyId}, a key you trust as nato's, but speaks for russia: a party's key signs only what that party did`,
      },
    ]);
  });
});
