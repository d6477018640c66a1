import { createHash } from 'node:crypto';
import type { Content } from '../../../shared/text-content.ts';
import type { Row } from '../../db/schema.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { adoptionRecordOf, type Procedure } from '../texts/adopt-text.ts';
import type { PjcRecord } from './pjc-record.schemas.ts';
import { signSeededAdoptionRecords } from './sign-seeded-texts.ts';

type SeededText = PjcRecord['texts']['texts'][number];

/** The content of a seeded text's one version: its paragraphs, in its original language. */
export function contentOfSeededText(text: SeededText): Content {
  return {
    [text.originalLanguage]: text.paragraphs.map((p) => ({
      id: p.id,
      segments: [{ kind: 'text' as const, text: p.text }],
    })),
  };
}

/**
 * What the texts table alone does not hold of a seeded text, written after the texts rows (in
 * the seed's one unit of work): its version 1, each party's concurrence in it (the decision's
 * responses in decisions.yaml, no user named), and its adoption record, built from those rows
 * as an adoption builds it. Idempotent: a row equal to the record is left alone, one that
 * differs is brought in line (a correction of the reference record), nothing is removed.
 * Answers the ids of the texts whose adoption record was written, for the signing hook.
 */
export async function seedTextRecords(uow: UnitOfWork, record: PjcRecord): Promise<string[]> {
  const { trx } = uow;
  const written: string[] = [];
  const decisions = new Map(record.decisions.decisions.map((d) => [d.id, d]));
  for (const seeded of record.texts.texts) {
    const text = await trx
      .selectFrom('texts')
      .selectAll()
      .where('id', '=', seeded.id)
      .executeTakeFirstOrThrow();
    const scope = { visibility: text.visibility, party: text.party };
    const content = JSON.stringify(contentOfSeededText(seeded));
    const version = await trx
      .selectFrom('textVersions')
      .select('content')
      .where('textId', '=', text.id)
      .where('version', '=', 1)
      .executeTakeFirst();
    if (!version) {
      await trx
        .insertInto('textVersions')
        .values({
          textId: text.id,
          version: 1,
          content,
          at: seeded.adoptedOn,
          byParty: null,
          userId: null,
          summary: 'reconstructed from the fact sheet',
          ...scope,
        })
        .execute();
    } else if (version.content !== content) {
      await trx
        .updateTable('textVersions')
        .set({ content })
        .where('textId', '=', text.id)
        .where('version', '=', 1)
        .execute();
    }

    const concurrences = (decisions.get(seeded.decisionId)?.responses ?? [])
      .filter((r) => r.response === 'concur')
      .map((r) => ({ party: r.party, version: 1, at: seeded.adoptedOn }))
      .sort((a, b) => a.party.localeCompare(b.party));
    for (const concurrence of concurrences) {
      await trx
        .insertInto('textAgreements')
        .values({
          textId: text.id,
          kind: 'concur',
          byParty: concurrence.party,
          version: 1,
          userId: null,
          at: concurrence.at,
          ...scope,
        })
        .onConflict((oc) => oc.columns(['textId', 'kind', 'byParty']).doNothing())
        .execute();
    }

    if (await writeAdoptionRecord(uow, text, { kind: 'concurrence', concurrences })) {
      written.push(text.id);
    }
  }
  await signSeededAdoptionRecords(uow, written);
  return written;
}

async function writeAdoptionRecord(
  uow: UnitOfWork,
  text: Row<'texts'>,
  procedure: Procedure,
): Promise<boolean> {
  const { trx } = uow;
  const canonical = await adoptionRecordOf(uow, text, procedure);
  const sha256 = createHash('sha256').update(canonical).digest('hex');
  const stored = await trx
    .selectFrom('adoptionRecords')
    .select('sha256')
    .where('textId', '=', text.id)
    .executeTakeFirst();
  if (stored?.sha256 === sha256) return false;
  const at = text.adoptedAt ?? uow.at;
  if (stored) {
    await trx
      .updateTable('adoptionRecords')
      .set({ canonical, sha256, at })
      .where('textId', '=', text.id)
      .execute();
  } else {
    await trx
      .insertInto('adoptionRecords')
      .values({
        textId: text.id,
        canonical,
        sha256,
        at,
        visibility: text.visibility,
        party: text.party,
      })
      .execute();
  }
  return true;
}
