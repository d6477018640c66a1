import type { Content } from '../../../shared/text-content.ts';
import { plainText } from '../../../shared/text-content.ts';
import type { Executor } from '../../db/database.ts';
import { type Invariant, rowField, type Violation, violation } from '../integrity/invariant.ts';
import { checkRecord, type RecordMaterial } from './record-check.ts';

/** What the database holds of the record, each row named as the export names it. */
export async function recordMaterialOf(db: Executor): Promise<RecordMaterial> {
  const log = await db.selectFrom('recordLog').selectAll().orderBy('id').execute();
  const keys = await db.selectFrom('partyKeys').selectAll().orderBy('id').execute();
  const records = await db
    .selectFrom('adoptionRecords')
    .select(['textId', 'canonical', 'sha256'])
    .orderBy('textId')
    .execute();
  const signatures = await db
    .selectFrom('textSignatures')
    .select(['textId', 'byParty', 'keyId', 'signature', 'at'])
    .orderBy('textId')
    .orderBy('byParty')
    .execute();
  return {
    log: log.map(({ id, ...entry }) => ({ ...entry, where: rowField('recordLog', id) })),
    keys: keys.map((k) => ({ ...k, where: rowField('partyKeys', k.id) })),
    records: records.map((r) => ({ ...r, where: rowField('adoptionRecords', r.textId) })),
    signatures: signatures.map((s) => ({
      ...s,
      where: rowField('textSignatures', s.textId, s.byParty),
    })),
  };
}

interface RecordedText {
  text?: { id?: string; version?: number; title?: string; kind?: string };
  languages?: Record<string, { paragraphs?: { id: string; text: string }[] }>;
}

/**
 * An adopted text's stored content still reads as its adoption record says: every paragraph
 * of every language version of the version adopted, word for word, and its title and kind.
 */
async function contentViolations(db: Executor): Promise<Violation[]> {
  const found: Violation[] = [];
  const records = await db
    .selectFrom('adoptionRecords')
    .select(['textId', 'canonical'])
    .orderBy('textId')
    .execute();
  for (const record of records) {
    let parsed: RecordedText;
    try {
      parsed = JSON.parse(record.canonical) as RecordedText;
    } catch {
      found.push(violation('adoptionRecords', record.textId, 'canonical is not JSON'));
      continue;
    }
    if (!parsed.languages || typeof parsed.text?.version !== 'number') continue;
    const version = parsed.text.version;
    const text = await db
      .selectFrom('texts')
      .select(['title', 'kind'])
      .where('id', '=', record.textId)
      .executeTakeFirst();
    for (const column of ['title', 'kind'] as const) {
      if (text && parsed.text[column] !== undefined && text[column] !== parsed.text[column]) {
        found.push(
          violation(
            'texts',
            record.textId,
            `${column} reads ${JSON.stringify(text[column])}, but the adoption record says ${JSON.stringify(parsed.text[column])}`,
          ),
        );
      }
    }
    const stored = await db
      .selectFrom('textVersions')
      .select('content')
      .where('textId', '=', record.textId)
      .where('version', '=', version)
      .executeTakeFirst();
    const where = [record.textId, version];
    if (!stored) {
      found.push(violation('textVersions', where, 'the version adopted is missing'));
      continue;
    }
    const content = JSON.parse(stored.content) as Content;
    for (const [language, recorded] of Object.entries(parsed.languages)) {
      const paragraphs = content[language] ?? [];
      const expected = recorded.paragraphs ?? [];
      if (paragraphs.length !== expected.length) {
        found.push(
          violation(
            'textVersions',
            where,
            `${language} has ${paragraphs.length} paragraphs, the adoption record ${expected.length}`,
          ),
        );
      }
      for (const [i, p] of expected.entries()) {
        const actual = paragraphs[i];
        const reads = actual ? plainText(actual) : undefined;
        if (!actual || actual.id !== p.id || reads !== p.text) {
          found.push(
            violation(
              'textVersions',
              where,
              `paragraph ${p.id} (${language}) reads ${JSON.stringify(reads ?? null)}, but the adoption record says ${JSON.stringify(p.text)}`,
            ),
          );
        }
      }
    }
  }
  return found;
}

/**
 * The record holds (checkRecord): the log's chains intact and signed, the keys those the log
 * registered, the adoption records those the log took the digest of, the signatures valid;
 * and every adopted text's rows still what its record says. The import refuses a file that
 * breaks any of them, and `council verify` runs them on the live database.
 */
export const RECORD_INVARIANTS: readonly Invariant[] = [
  {
    name: 'recordLog.verifies',
    check: async (db) => checkRecord(await recordMaterialOf(db)),
  },
  {
    name: 'adoptionRecords.match-content',
    check: contentViolations,
  },
];
