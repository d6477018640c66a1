import { z } from 'zod';
import type { Executor } from '../../db/database.ts';
import type { Keyring } from '../../deps.ts';
import { keyIdOf, sha256Hex, signDigest, verifyDigest } from './ed25519.ts';
import { checkRecord, type RecordProblem } from './record-check.ts';
import { canonicalJson, keysOfLog } from './record-entry.ts';
import { keyPayload } from './record-log.ts';

export const BUNDLE_FORMAT = 'joint-council-record-bundle/1';

const LogEntrySchema = z.strictObject({
  audience: z.string(),
  seq: z.number().int(),
  at: z.string(),
  kind: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  payload: z.string(),
  prevHash: z.string(),
  hash: z.string(),
  signerKeyId: z.string().nullable(),
  signature: z.string().nullable(),
});

const BundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  exportedAt: z.string(),
  keys: z.array(
    z.strictObject({
      keyId: z.string(),
      party: z.string().nullable(),
      kind: z.string(),
      publicKey: z.string(),
      note: z.string().nullable(),
      registeredAt: z.string(),
      retiredAt: z.string().nullable(),
    }),
  ),
  records: z.array(
    z.strictObject({
      textId: z.string(),
      canonical: z.string(),
      sha256: z.string(),
      at: z.string(),
    }),
  ),
  signatures: z.array(
    z.strictObject({
      textId: z.string(),
      byParty: z.string(),
      keyId: z.string(),
      signature: z.string(),
      at: z.string(),
    }),
  ),
  log: z.array(LogEntrySchema),
  seal: z.strictObject({ keyId: z.string(), sha256: z.string(), signature: z.string() }),
});
export type RecordBundle = z.infer<typeof BundleSchema>;

/**
 * The record as a bundle another node verifies offline: every adoption record (the adopted
 * texts in all their languages), every signature, every public key, every audience's log,
 * sealed by the server's key over the canonical JSON of all the rest. Written in canonical
 * JSON itself, so that any byte changed is either a change of content, named by what it
 * breaks, or a departure from the canonical form, named by its offset.
 */
export async function buildRecordBundle(
  db: Executor,
  keyring: Pick<Keyring, 'server'>,
  at: string,
): Promise<string> {
  const keys = await db
    .selectFrom('partyKeys')
    .selectAll()
    .orderBy('registeredAt')
    .orderBy('id')
    .execute();
  const records = await db
    .selectFrom('adoptionRecords')
    .select(['textId', 'canonical', 'sha256', 'at'])
    .orderBy('textId')
    .execute();
  const signatures = await db
    .selectFrom('textSignatures')
    .select(['textId', 'byParty', 'keyId', 'signature', 'at'])
    .orderBy('textId')
    .orderBy('byParty')
    .execute();
  const log = await db.selectFrom('recordLog').selectAll().orderBy('id').execute();
  const body = {
    format: BUNDLE_FORMAT,
    exportedAt: at,
    keys: keys.map(keyPayload),
    records,
    signatures,
    log: log.map(({ id: _id, ...entry }) => entry),
  };
  const sha256 = sha256Hex(canonicalJson(body));
  const seal = {
    keyId: keyIdOf(keyring.server.publicKey),
    sha256,
    signature: signDigest(keyring.server.privateKey, sha256),
  };
  return `${canonicalJson({ ...body, seal })}\n`;
}

/** A key a bundle rests on: what it is, and how many things in the bundle it signed. */
export interface SigningKey {
  keyId: string;
  party: string | null;
  kind: string;
  signed: number;
}

/**
 * The keys that sign something in a bundle (its log entries, the parties' signatures, its
 * seal), with what the bundle itself says of each. A bundle carries its own keys, so it proves
 * itself only to someone who knows those keys from elsewhere: a forger can make a whole new
 * bundle, consistent with keys of its own. Each party compares these fingerprints with the keys
 * it holds (its own, the other party's as exchanged, the server's), or names them to verify.
 */
export function signingKeysOf(bundle: RecordBundle): SigningKey[] {
  const counts = new Map<string, number>();
  const count = (keyId: string | null) => {
    if (keyId !== null) counts.set(keyId, (counts.get(keyId) ?? 0) + 1);
  };
  for (const entry of bundle.log) count(entry.signerKeyId);
  for (const signature of bundle.signatures) count(signature.keyId);
  count(bundle.seal.keyId);
  const described = new Map(bundle.keys.map((k) => [k.keyId, k]));
  return [...counts]
    .map(([keyId, signed]) => ({
      keyId,
      party: described.get(keyId)?.party ?? null,
      kind: described.get(keyId)?.kind ?? 'unknown',
      signed,
    }))
    .sort((a, b) => a.keyId.localeCompare(b.keyId));
}

/** An adopted text's record in a bundle, as a verifier reads it: what it is and who signed it. */
export interface RecordSummary {
  textId: string;
  title: string | null;
  number: string | null;
  adoptedAt: string | null;
  /** How it was adopted: `concurrence`, `silence`, `chair-statement`... */
  procedure: string | null;
  sha256: string;
  /**
   * Each party's signature of it, with the key's kind as the bundle says it (`reference`: a
   * reconstructed text's stand-in, never the party's own) and, under --trust, whether the key
   * is one the verifier trusts as that party's (null without --trust).
   */
  signedBy: { party: string; keyId: string; kind: string; trusted: boolean | null }[];
}

/**
 * The adopted records of a bundle with the parties that signed each: what a verifier needs to
 * know beyond "every signature valid", since a record no party signed rests on the server's
 * word alone (its log entry, its seal). Read from a bundle that verifies.
 */
export function recordsOf(bundle: RecordBundle, trust?: readonly TrustedKey[]): RecordSummary[] {
  const kinds = new Map(bundle.keys.map((k) => [k.keyId, k.kind]));
  return bundle.records.map((record) => {
    let content: {
      text?: { title?: string; number?: string | null; adoptedAt?: string | null };
      procedure?: { kind?: string };
    } = {};
    try {
      content = JSON.parse(record.canonical) as typeof content;
    } catch {
      // verifyRecordBundle names a record that is not JSON
    }
    return {
      textId: record.textId,
      title: content.text?.title ?? null,
      number: content.text?.number ?? null,
      adoptedAt: content.text?.adoptedAt ?? null,
      procedure: content.procedure?.kind ?? null,
      sha256: record.sha256,
      signedBy: bundle.signatures
        .filter((s) => s.textId === record.textId)
        .map((s) => ({
          party: s.byParty,
          keyId: s.keyId,
          kind: kinds.get(s.keyId) ?? 'unknown',
          trusted:
            trust === undefined
              ? null
              : trust.some((t) => t.role === s.byParty && t.keyId === s.keyId),
        })),
    };
  });
}

/**
 * Where each of a bundle's chains ends: its audience, the number of its last entry and that
 * entry's hash. A later bundle of the same council holds these very entries, and more: a
 * verifier who noted them can tell an older bundle passed off as the latest (a rollback).
 */
export function chainHeadsOf(
  bundle: RecordBundle,
): { audience: string; seq: number; hash: string }[] {
  const heads = new Map<string, { audience: string; seq: number; hash: string }>();
  for (const entry of bundle.log) {
    const head = heads.get(entry.audience);
    if (head === undefined || entry.seq > head.seq) {
      heads.set(entry.audience, { audience: entry.audience, seq: entry.seq, hash: entry.hash });
    }
  }
  return [...heads.values()].sort((a, b) => a.audience.localeCompare(b.audience));
}

/** A bundle's content, when it is one at all (verifyRecordBundle says what else is wrong). */
export function parseRecordBundle(text: string): RecordBundle | null {
  try {
    const shaped = BundleSchema.safeParse(JSON.parse(text));
    return shaped.success ? shaped.data : null;
  } catch {
    return null;
  }
}

/**
 * Everything wrong with a bundle, found with the bundle alone (no database, no network): not
 * JSON, not in canonical form (the offset of the first byte that differs), not of the bundle's
 * shape, a broken chain or signature, a key, record or signature that differs from what the
 * log says, or a seal that does not cover the content. With `trust` (the keys the verifier
 * holds from elsewhere, each with whose it is), also anything signed otherwise than they say
 * (untrusted): a bundle's own keys prove nothing of who made it (signingKeysOf). Empty when the
 * bundle verifies.
 */
export function verifyRecordBundle(
  text: string,
  options: { trust?: readonly TrustedKey[] } = {},
): RecordProblem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return [{ field: 'bundle', message: `is not JSON: ${(error as Error).message}` }];
  }
  const problems: RecordProblem[] = [];
  const canonical = canonicalJson(parsed);
  const written = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (written !== canonical) {
    let offset = 0;
    while (offset < written.length && written[offset] === canonical[offset]) offset++;
    problems.push({
      field: 'bundle',
      message: `is not in the canonical form it was written in: it differs at character ${offset} (${JSON.stringify(written.slice(Math.max(0, offset - 20), offset + 20))})`,
    });
  }
  const shaped = BundleSchema.safeParse(parsed);
  if (!shaped.success) {
    for (const issue of shaped.error.issues.slice(0, 20)) {
      problems.push({ field: ['bundle', ...issue.path].join('.'), message: issue.message });
    }
    return problems;
  }
  const bundle = shaped.data;
  problems.push(
    ...checkRecord({
      log: bundle.log.map((e, i) => ({ ...e, where: `bundle.log[${i}]` })),
      keys: bundle.keys.map((k, i) => ({ ...k, id: k.keyId, where: `bundle.keys[${i}]` })),
      records: bundle.records.map((r, i) => ({ ...r, where: `bundle.records[${i}]` })),
      signatures: bundle.signatures.map((s, i) => ({ ...s, where: `bundle.signatures[${i}]` })),
    }),
  );
  // The keys as the log registers them, read once (each read re-verified the whole log).
  const registered = keysOfLog(bundle.log).keys;
  for (const [i, key] of bundle.keys.entries()) {
    const note = registered.get(key.keyId)?.note;
    if (note !== undefined && note !== key.note) {
      problems.push({
        field: `bundle.keys[${i}]`,
        message: `note is ${JSON.stringify(key.note)}, but the log registered ${JSON.stringify(note)}`,
      });
    }
  }
  // Exported after everything it holds: a bundle dated before its own last entry says of
  // itself a moment it was not made at (and a retired key's seal could hide behind it).
  for (const [i, entry] of bundle.log.entries()) {
    if (entry.at > bundle.exportedAt) {
      problems.push({
        field: `bundle.log[${i}]`,
        message: `is dated ${entry.at}, after the bundle's exportedAt (${bundle.exportedAt})`,
      });
    }
  }
  const { seal, ...body } = bundle;
  const sha256 = sha256Hex(canonicalJson(body));
  const sealer = registered.get(seal.keyId);
  if (sealer?.kind !== 'server') {
    problems.push({
      field: 'bundle.seal',
      message: `is made with ${seal.keyId}, which the log does not register as the server's key`,
    });
  } else if (sealer.retiredAt !== null) {
    // A server key is retired when another replaces it (record-key.pem): one that leaked
    // afterwards (an old backup) must not seal what it likes.
    problems.push({
      field: 'bundle.seal',
      message: `is made with ${seal.keyId}, a server key the log retired at ${sealer.retiredAt}: a retired key seals nothing`,
    });
  } else if (seal.sha256 !== sha256) {
    problems.push({
      field: 'bundle.seal',
      message: `covers content hashing to ${seal.sha256}, but the bundle's content hashes to ${sha256}: something in it was changed after it was sealed`,
    });
  } else if (!verifyDigest(sealer.publicKey, seal.sha256, seal.signature)) {
    problems.push({
      field: 'bundle.seal',
      message: `signature does not verify with key ${seal.keyId}`,
    });
  }
  if (options.trust !== undefined) problems.push(...untrusted(bundle, options.trust));
  return problems;
}

/**
 * A key the verifier holds from elsewhere, and whose it is: `server` (the council server's
 * current key, which seals bundles and signs system events), `former-server` (a server key
 * that another has since replaced: its log entries count, its seal never does) or a party's
 * id. The role is the verifier's own knowledge: what the bundle says of a key's kind or party
 * counts for nothing, since a party holding a key of its own could register it in a forged
 * log as the server's, and whoever holds an old server key could leave its retirement out.
 */
export interface TrustedKey {
  role: string;
  keyId: string;
}

/** `server=ed25519:...` or `nato=ed25519:...`, as `council verify --trust` takes them. */
export function parseTrustedKey(given: string): TrustedKey | null {
  const at = given.indexOf('=');
  if (at <= 0) return null;
  const role = given.slice(0, at);
  const keyId = given.slice(at + 1);
  return /^[a-z][a-z0-9-]*$/.test(role) && keyId.startsWith('ed25519:') ? { role, keyId } : null;
}

/**
 * The party an entry speaks for, when it is one party's alone: its caucus chain's, or the
 * party whose key it registers or retires. Null for what either party may do (public and
 * joint events of either, the server's own keys).
 */
function foreignTo(entry: RecordBundle['log'][number]): string | null {
  if (entry.audience.startsWith('caucus:')) return entry.audience.slice('caucus:'.length);
  if (entry.kind === 'partyKey.register' || entry.kind === 'partyKey.retire') {
    try {
      const party = (JSON.parse(entry.payload) as { party?: unknown }).party;
      return typeof party === 'string' ? party : null;
    } catch {
      return null; // named by replayLog
    }
  }
  return null;
}

/**
 * Each place of a bundle signed otherwise than the verifier's trust says: the seal by the
 * trusted server key, each party's signature of a record by a key trusted as that party's,
 * each log entry by a trusted key (the server's, or the acting party's when the server holds
 * it for that party). Key ids are fingerprints, so trusting an id is trusting one public key.
 */
function untrusted(bundle: RecordBundle, trust: readonly TrustedKey[]): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const holders = (role: string) => trust.filter((t) => t.role === role).map((t) => t.keyId);
  const every = new Set(trust.map((t) => t.keyId));
  const refuse = (field: string, keyId: string, as: string) =>
    problems.push({
      field,
      message: `is signed with ${keyId}, which is not a key you trust as ${as} (--trust): a bundle's own keys prove nothing of who made it`,
    });
  const serverKeys = new Set([...holders('server'), ...holders('former-server')]);
  for (const [i, entry] of bundle.log.entries()) {
    if (entry.signerKeyId === null) continue;
    if (!every.has(entry.signerKeyId)) {
      refuse(`bundle.log[${i}]`, entry.signerKeyId, 'the server or a party');
      continue;
    }
    if (serverKeys.has(entry.signerKeyId)) continue;
    // A party's key (one the server holds for it) signs what that party did: never an entry
    // of the other party's caucus, nor the registration or retirement of another's key.
    const parties = trust.filter((t) => t.keyId === entry.signerKeyId).map((t) => t.role);
    const foreign = foreignTo(entry);
    if (foreign !== null && !parties.includes(foreign)) {
      problems.push({
        field: `bundle.log[${i}]`,
        message: `is signed with ${entry.signerKeyId}, a key you trust as ${parties.join(' and ')}'s, but speaks for ${foreign}: a party's key signs only what that party did`,
      });
    }
  }
  for (const [i, signature] of bundle.signatures.entries()) {
    if (!holders(signature.byParty).includes(signature.keyId)) {
      refuse(`bundle.signatures[${i}]`, signature.keyId, `${signature.byParty}'s`);
    }
  }
  if (!holders('server').includes(bundle.seal.keyId)) {
    refuse('bundle.seal', bundle.seal.keyId, 'the server');
  }
  return problems;
}
