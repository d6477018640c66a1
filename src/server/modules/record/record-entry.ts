import type { KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import { keyIdOf, sha256Hex, signDigest, verifyDigest } from './ed25519.ts';

/** What an adoption record says it is (its canonical JSON's `format`). */
export const ADOPTION_RECORD_FORMAT = 'joint-council-adoption-record/1';

/**
 * One entry of the record log, as stored and as exported: everything a node needs to replay it
 * with nothing but the log. `payload` is RFC 8785 canonical JSON; `hash` is the SHA-256 of
 * `prevHash` followed by the canonical entry (`canonicalEntry`), and `signature` the Ed25519
 * signature of that hash by `signerKeyId`, a key whose registration is itself in the log.
 */
export interface LogEntry {
  audience: string;
  seq: number;
  at: string;
  /** `<entity>.<action>`, a record event of src/shared/entities.ts. */
  kind: string;
  entityType: string;
  entityId: string;
  payload: string;
  prevHash: string;
  hash: string;
  signerKeyId: string | null;
  signature: string | null;
}

/** The prevHash of each audience's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export const ENTRY_FORMAT = 'joint-council-record-entry/1';

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('no JSON form');
  return text;
}

/** The canonical form of an entry, which its hash covers: every field but the hash and signature. */
export function canonicalEntry(entry: Omit<LogEntry, 'hash' | 'signature'>): string {
  return canonicalJson({
    format: ENTRY_FORMAT,
    audience: entry.audience,
    seq: entry.seq,
    at: entry.at,
    kind: entry.kind,
    entity: { type: entry.entityType, id: entry.entityId },
    payload: JSON.parse(entry.payload) as unknown,
    prevHash: entry.prevHash,
    signerKeyId: entry.signerKeyId,
  });
}

export function entryHash(entry: Omit<LogEntry, 'hash' | 'signature'>): string {
  return sha256Hex(entry.prevHash + canonicalEntry(entry));
}

/** A new entry after `previous` (null for the first of its audience), hashed and signed. */
export function chainEntry(
  previous: Pick<LogEntry, 'seq' | 'hash'> | null,
  fields: Pick<LogEntry, 'audience' | 'at' | 'kind' | 'entityType' | 'entityId'> & {
    payload: unknown;
  },
  signer: { keyId: string; privateKey: KeyObject },
): LogEntry {
  const unsigned = {
    ...fields,
    payload: canonicalJson(fields.payload),
    seq: (previous?.seq ?? 0) + 1,
    prevHash: previous?.hash ?? GENESIS_HASH,
    signerKeyId: signer.keyId,
  };
  const hash = entryHash(unsigned);
  return { ...unsigned, hash, signature: signDigest(signer.privateKey, hash) };
}

/** What an entry says about a key: its registration or its retirement. */
export interface KeyRegistration {
  keyId: string;
  party: string | null;
  kind: string;
  publicKey: string;
  note: string | null;
  registeredAt: string;
  retiredAt: string | null;
}

export interface LogProblem {
  entry: LogEntry;
  message: string;
}

/**
 * Replays a log (every audience's chain, in any order) and answers what is wrong: a gap or a
 * reordering in an audience's numbering, a prevHash that is not the previous entry's hash, a
 * hash that is not its entry's, a payload not in canonical form, a signature that does not
 * verify with the key the log registered under its id, or that the key was retired before. Also
 * answers the keys the log registers, so that the caller can check signatures of its own.
 * Pure: it needs nothing but the entries.
 */
export function replayLog(entries: readonly LogEntry[]): {
  problems: LogProblem[];
  keys: Map<string, KeyRegistration>;
} {
  const { problems, keys } = keysOfLog(entries);
  const byAudience = new Map<string, LogEntry[]>();
  for (const entry of entries) {
    byAudience.set(entry.audience, [...(byAudience.get(entry.audience) ?? []), entry]);
  }
  for (const chain of byAudience.values()) {
    let previous: LogEntry | null = null;
    for (const entry of chain) {
      const expectedSeq = (previous?.seq ?? 0) + 1;
      const expectedPrev = previous?.hash ?? GENESIS_HASH;
      if (entry.seq !== expectedSeq) {
        problems.push({
          entry,
          message: `is number ${entry.seq} of audience ${entry.audience}, where ${expectedSeq} comes next: entries were removed, added or reordered`,
        });
      }
      if (entry.prevHash !== expectedPrev) {
        problems.push({
          entry,
          message: `prevHash ${entry.prevHash} is not the hash of the entry before it (${expectedPrev}): the chain is broken`,
        });
      }
      let payloadOk = true;
      try {
        payloadOk = canonicalJson(JSON.parse(entry.payload)) === entry.payload;
      } catch {
        payloadOk = false;
      }
      if (!payloadOk) {
        problems.push({
          entry,
          message: 'payload is not canonical JSON (RFC 8785): it was edited',
        });
      } else {
        const hash = entryHash(entry);
        if (hash !== entry.hash) {
          problems.push({
            entry,
            message: `hash ${entry.hash} is not the hash of the entry's content (${hash}): the entry was changed`,
          });
        }
      }
      const key = entry.signerKeyId === null ? undefined : keys.get(entry.signerKeyId);
      if (entry.signerKeyId === null || entry.signature === null) {
        problems.push({ entry, message: 'is not signed' });
      } else if (!key) {
        problems.push({
          entry,
          message: `is signed by ${entry.signerKeyId}, a key the log never registered`,
        });
      } else if (!verifyDigest(key.publicKey, entry.hash, entry.signature)) {
        problems.push({
          entry,
          message: `signature does not verify with key ${entry.signerKeyId}: the entry or its signature was changed`,
        });
      } else if (
        key.registeredAt > entry.at ||
        (key.retiredAt !== null && key.retiredAt < entry.at)
      ) {
        problems.push({
          entry,
          message: `is signed by key ${entry.signerKeyId} outside the time it was registered (${key.registeredAt} to ${key.retiredAt ?? 'now'})`,
        });
      }
      previous = entry;
    }
  }
  return { problems, keys };
}

/**
 * The keys a log registers (and retires), from its entries alone, with what is wrong with a
 * registration: a fingerprint that is not the key's, a key registered twice. No signature is
 * checked here (replayLog does): what a bundle's seal or notes are held to needs only these.
 */
export function keysOfLog(entries: readonly LogEntry[]): {
  problems: LogProblem[];
  keys: Map<string, KeyRegistration>;
} {
  const problems: LogProblem[] = [];
  const keys = new Map<string, KeyRegistration>();
  for (const entry of entries) {
    if (entry.kind !== 'partyKey.register' && entry.kind !== 'partyKey.retire') continue;
    let payload: Partial<KeyRegistration>;
    try {
      payload = JSON.parse(entry.payload) as Partial<KeyRegistration>;
    } catch {
      continue; // named by replayLog, with the entry's other faults
    }
    if (typeof payload.keyId !== 'string') continue;
    if (entry.kind === 'partyKey.register' && typeof payload.publicKey === 'string') {
      // A key's id is its fingerprint: a registration under another key's id would let
      // whoever holds the key registered sign as the key named (a forged bundle's way in).
      const fingerprint = keyIdOf(payload.publicKey);
      if (fingerprint !== payload.keyId) {
        problems.push({
          entry,
          message: `registers ${payload.keyId} with a public key whose fingerprint is ${fingerprint}: a key is registered under its own fingerprint only`,
        });
        continue;
      }
      const earlier = keys.get(payload.keyId);
      // A key is registered once: a second registration, of the same key under another kind
      // or party, would rewrite whose it is.
      if (earlier) {
        problems.push({ entry, message: `registers ${payload.keyId} a second time` });
        continue;
      }
      keys.set(payload.keyId, {
        keyId: payload.keyId,
        party: payload.party ?? null,
        kind: payload.kind ?? 'party',
        publicKey: payload.publicKey,
        note: payload.note ?? null,
        registeredAt: payload.registeredAt ?? entry.at,
        retiredAt: keys.get(payload.keyId)?.retiredAt ?? null,
      });
    } else if (entry.kind === 'partyKey.retire') {
      const known = keys.get(payload.keyId);
      if (known) known.retiredAt = payload.retiredAt ?? entry.at;
    }
  }
  return { problems, keys };
}
