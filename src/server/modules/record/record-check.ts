import { keyIdOf, sha256Hex } from './ed25519.ts';
import { type LogEntry, replayLog } from './record-entry.ts';
import { signatureFault } from './signatures.repository.ts';

/** Something found wrong, and where: `tables.recordLog[12]` in a database, `bundle.log[3]` in a bundle. */
export interface RecordProblem {
  field: string;
  message: string;
}

type Where = { where: string };

export interface RecordMaterial {
  log: (LogEntry & Where)[];
  keys: ({
    id: string;
    party: string | null;
    kind: string;
    publicKey: string;
    registeredAt: string;
    retiredAt: string | null;
  } & Where)[];
  records: ({ textId: string; canonical: string; sha256: string } & Where)[];
  signatures: ({
    textId: string;
    byParty: string;
    keyId: string;
    signature: string;
    at: string;
  } & Where)[];
}

/**
 * Everything the record promises, checked over what a database or a bundle holds, with nothing
 * else: every audience's chain intact and signed (replayLog); every key the one its id and its
 * registration in the log say; every adoption record hashing to its SHA-256 and matching the
 * digest the log recorded at adoption; every signature verifying with its party's key over its
 * record. Answers each problem with where it is and what differs.
 */
export function checkRecord(material: RecordMaterial): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const replayed = replayLog(material.log);
  for (const { entry, message } of replayed.problems) {
    problems.push({
      field: (entry as LogEntry & Where).where,
      message: `${entry.audience} #${entry.seq} (${entry.kind}): ${message}`,
    });
  }
  const keys = new Map(material.keys.map((k) => [k.id, k]));
  // Every key the log registers is one the keys hold, where its fingerprint is checked too: a
  // key the log alone knows of would sign entries no one compared with anything.
  for (const keyId of replayed.keys.keys()) {
    if (keys.has(keyId)) continue;
    const registration = material.log.find(
      (e) => e.kind === 'partyKey.register' && e.entityId === keyId,
    );
    problems.push({
      field: registration?.where ?? 'keys',
      message: `registers ${keyId}, which is not among the keys`,
    });
  }
  for (const key of material.keys) {
    if (keyIdOf(key.publicKey) !== key.id) {
      problems.push({
        field: key.where,
        message: `publicKey is not the key ${key.id} names (its fingerprint is ${keyIdOf(key.publicKey)}): the key was replaced`,
      });
    }
    const logged = replayed.keys.get(key.id);
    if (!logged) {
      problems.push({
        field: key.where,
        message: `key ${key.id} has no registration in the record log`,
      });
    } else {
      for (const column of ['publicKey', 'party', 'kind', 'registeredAt'] as const) {
        if (logged[column] !== key[column]) {
          problems.push({
            field: key.where,
            message: `${column} is ${JSON.stringify(key[column])}, but the log registered ${JSON.stringify(logged[column])}`,
          });
        }
      }
      if (logged.retiredAt !== key.retiredAt) {
        problems.push({
          field: key.where,
          message: `retiredAt is ${JSON.stringify(key.retiredAt)}, but the log says ${JSON.stringify(logged.retiredAt)}`,
        });
      }
    }
  }
  // The digest the log took of each record at adoption (or, for a record adopted before the
  // log began, at its first signature).
  const logged = new Map<string, { sha256: string; where: string }>();
  for (const entry of material.log) {
    try {
      const payload = JSON.parse(entry.payload) as {
        record?: { sha256?: unknown } | null;
        sha256?: unknown;
      };
      const sha256 =
        entry.kind === 'text.sign' ? payload.sha256 : (payload.record?.sha256 ?? undefined);
      if (typeof sha256 === 'string' && !logged.has(entry.entityId)) {
        logged.set(entry.entityId, { sha256, where: entry.where });
      }
    } catch {
      // a payload that is not JSON is named by replayLog
    }
  }
  const records = new Map(material.records.map((r) => [r.textId, r]));
  for (const record of material.records) {
    const actual = sha256Hex(record.canonical);
    if (actual !== record.sha256) {
      problems.push({
        field: record.where,
        message: `canonical hashes to ${actual}, not to the sha256 stored with it (${record.sha256}): the record was changed`,
      });
    }
    const digest = logged.get(record.textId);
    if (!digest) {
      // An adoption is a record event: a record the log never took is one nobody adopted.
      problems.push({
        field: record.where,
        message: `has no adoption or signature in the record log: the record was added, not adopted`,
      });
    } else if (digest.sha256 !== record.sha256) {
      problems.push({
        field: record.where,
        message: `sha256 ${record.sha256} is not the digest the record log took (${digest.sha256}, ${digest.where}): the record was replaced`,
      });
    }
  }
  for (const signature of material.signatures) {
    const record = records.get(signature.textId);
    if (!record) {
      problems.push({
        field: signature.where,
        message: `signs text ${signature.textId}, which has no adoption record`,
      });
      continue;
    }
    const fault = signatureFault(signature, keys.get(signature.keyId), record.sha256);
    if (fault !== null)
      problems.push({
        field: signature.where,
        message: `${signature.byParty}'s signature ${fault}`,
      });
  }
  return problems;
}
