import { keyIdOf, sha256Hex } from './ed25519.ts';
import { ADOPTION_RECORD_FORMAT, canonicalJson, type LogEntry, replayLog } from './record-entry.ts';
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
    const fault = recordContentFault(record.canonical, record.textId);
    if (fault !== null) problems.push({ field: record.where, message: fault });
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
  problems.push(...signaturesAgainstLog(material));
  return problems;
}

/**
 * Why `canonical` is not the adoption record of text `textId`, or null. A signature is made
 * over a record's SHA-256 alone, so a record must be one: a string that merely hashes to what
 * some key once signed (a log entry's hash, another text's record) would otherwise carry that
 * signature as an adoption (the review replayed a retired key's log signature so).
 */
export function recordContentFault(canonical: string, textId: string): string | null {
  let content: { format?: unknown; text?: { id?: unknown } | null } | null;
  try {
    content = JSON.parse(canonical) as typeof content;
  } catch {
    return 'canonical is not JSON: it is no adoption record';
  }
  if (canonicalJson(content) !== canonical) {
    return 'canonical is not in canonical form (RFC 8785): it was edited';
  }
  if (
    content === null ||
    typeof content !== 'object' ||
    content.format !== ADOPTION_RECORD_FORMAT
  ) {
    return `canonical is not an adoption record (its format is not ${ADOPTION_RECORD_FORMAT})`;
  }
  if (content.text?.id !== textId) {
    return `canonical is the adoption record of text ${JSON.stringify(content.text?.id ?? null)}, not of ${textId}`;
  }
  return null;
}

/**
 * Each party's signature of a text as the log has it: the last \`text.sign\` entry of each text
 * and party holds the signature stored (its key, its bytes, its instant), and every stored
 * signature has that entry. Whoever writes the signatures could otherwise add, drop or
 * re-date one that the log, signed entry by entry, says otherwise of.
 */
function signaturesAgainstLog(material: RecordMaterial): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const signed = new Map<
    string,
    { keyId: unknown; signature: unknown; at: unknown; where: string }
  >();
  // In the order the entries happened (each signed with its instant); a stable sort keeps a
  // chain's own order among entries of one instant.
  const ordered = [...material.log].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const entry of ordered) {
    if (entry.kind !== 'text.sign') continue;
    try {
      const payload = JSON.parse(entry.payload) as Record<string, unknown>;
      signed.set(`${entry.entityId}|${String(payload.party)}`, {
        keyId: payload.keyId,
        signature: payload.signature,
        at: payload.at,
        where: entry.where,
      });
    } catch {
      // a payload that is not JSON is named by replayLog
    }
  }
  const stored = new Set<string>();
  for (const signature of material.signatures) {
    const key = `${signature.textId}|${signature.byParty}`;
    stored.add(key);
    const logged = signed.get(key);
    if (!logged) {
      problems.push({
        field: signature.where,
        message: `${signature.byParty}'s signature of ${signature.textId} has no text.sign entry in the record log: it was added, not signed`,
      });
    } else if (
      logged.keyId !== signature.keyId ||
      logged.signature !== signature.signature ||
      logged.at !== signature.at
    ) {
      problems.push({
        field: signature.where,
        message: `${signature.byParty}'s signature of ${signature.textId} is not the one the record log took (${logged.where}): it was replaced`,
      });
    }
  }
  for (const [key, logged] of signed) {
    if (stored.has(key)) continue;
    const [textId, party] = key.split('|');
    problems.push({
      field: logged.where,
      message: `records ${party}'s signature of ${textId}, which the signatures no longer hold: it was removed`,
    });
  }
  return problems;
}
