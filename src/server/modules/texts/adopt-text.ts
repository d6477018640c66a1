import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { plainText } from '../../../shared/text-content.ts';
import type { Row } from '../../db/schema.ts';
import { type Audience, audienceOf } from '../access/audience.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { ADOPTION_RECORD_FORMAT } from '../record/record-entry.ts';
import { contentOf } from './texts.repository.ts';

/** How a text came to be adopted: concurrences of every chair, silence held, or a chair alone. */
export type Procedure =
  | { kind: 'concurrence'; concurrences: { party: string; version: number; at: string }[] }
  | {
      kind: 'silence';
      deadline: string;
      timeZone: string;
      startedBy: string | null;
      participants: string[];
    }
  | { kind: 'chair-statement'; issuedBy: string };

/**
 * The next number in the council's series for the text's audience and year: joint texts share
 * one series (`PJC(2001)003`), each party's caucus positions another (`NATO/PJC(2001)001`), so a
 * caucus adoption never takes, and never shows a gap in, the numbers the other party reads.
 */
async function nextNumber(uow: UnitOfWork, audience: Audience, year: number): Promise<string> {
  const { trx } = uow;
  const series = audience === 'public' ? 'joint' : audience;
  const row = await trx
    .selectFrom('textSeries')
    .select('last')
    .where('audience', '=', series)
    .where('year', '=', year)
    .executeTakeFirst();
  const last = (row?.last ?? 0) + 1;
  await trx
    .insertInto('textSeries')
    .values({ audience: series, year, last })
    .onConflict((oc) => oc.columns(['audience', 'year']).doUpdateSet({ last }))
    .execute();
  const council = await trx.selectFrom('council').select('shortName').executeTakeFirst();
  const prefix = council?.shortName ?? 'COUNCIL';
  const own = series.startsWith('caucus:')
    ? `${
        (
          await trx
            .selectFrom('parties')
            .select(['label', 'shortName'])
            .where('id', '=', series.slice('caucus:'.length))
            .executeTakeFirst()
        )?.label ?? series.slice('caucus:'.length)
      }/`
    : '';
  return `${own}${prefix}(${year})${String(last).padStart(3, '0')}`;
}

/**
 * Adopts a text at `at` (for silence, the deadline itself, not whenever a timer fired): it
 * takes its number, and its adoption record is built: the RFC 8785 canonical JSON of the text
 * in every language version, its metadata and procedure, the statements lodged, and its
 * SHA-256, which each party signs. Answers the adopted row.
 */
export async function adoptText(
  uow: UnitOfWork,
  before: Row<'texts'>,
  procedure: Procedure,
  at: string,
  state: 'adopted' | 'published' = 'adopted',
  changes: Partial<Row<'texts'>> = {},
): Promise<Row<'texts'>> {
  const { trx } = uow;
  const number = await nextNumber(
    uow,
    audienceOf({ ...before, ...changes }),
    Number(at.slice(0, 4)),
  );
  const after: Row<'texts'> = {
    ...before,
    ...changes,
    state,
    number,
    adoptedAt: at,
    publishedAt: state === 'published' ? at : before.publishedAt,
    silenceDeadline: null,
    silenceTimeZone: null,
    silenceStartedBy: null,
    updatedAt: uow.at,
  };
  const { id, createdAt: _c, ...columns } = after;
  await trx.updateTable('texts').set(columns).where('id', '=', id).execute();
  const canonical = await adoptionRecordOf(uow, after, procedure);
  await trx
    .insertInto('adoptionRecords')
    .values({
      textId: id,
      canonical,
      sha256: createHash('sha256').update(canonical).digest('hex'),
      at,
      visibility: after.visibility,
      party: after.party,
    })
    .execute();
  uow.record({
    entity: 'text',
    id,
    action: procedure.kind === 'chair-statement' ? 'issue' : 'adopt',
    before,
    after,
  });
  return after;
}

/** The adoption record's canonical JSON (RFC 8785), from the stored rows alone. */
export async function adoptionRecordOf(
  uow: Pick<UnitOfWork, 'trx'>,
  text: Row<'texts'>,
  procedure: Procedure,
): Promise<string> {
  const { trx } = uow;
  const content = await contentOf(trx, text.id, text.version);
  const languages = JSON.parse(text.languages) as string[];
  const authentic = await trx
    .selectFrom('textAgreements')
    .select(['kind', 'byParty'])
    .where('textId', '=', text.id)
    .where('version', '=', text.version)
    .where('kind', 'like', 'authentic:%')
    .execute();
  const statements = await trx
    .selectFrom('textStatements')
    .select(['id', 'kind', 'byParty', 'text', 'at'])
    .where('textId', '=', text.id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const record = {
    format: ADOPTION_RECORD_FORMAT,
    text: {
      id: text.id,
      kind: text.kind,
      title: text.title,
      number: text.number,
      version: text.version,
      classification: text.classification,
      releasableTo: text.releasableTo === null ? null : JSON.parse(text.releasableTo),
      ref: text.refKind && text.refId ? { kind: text.refKind, id: text.refId } : null,
      originalLanguage: text.originalLanguage,
      reconstructed: text.reconstructed === 1,
      adoptedAt: text.adoptedAt,
    },
    languages: Object.fromEntries(
      languages.map((language) => [
        language,
        {
          original: language === text.originalLanguage,
          authenticatedBy: authentic
            .filter((a) => a.kind === `authentic:${language}`)
            .map((a) => a.byParty)
            .sort(),
          paragraphs: (content[language] ?? []).map((p) => ({ id: p.id, text: plainText(p) })),
        },
      ]),
    ),
    procedure,
    statements: statements.map((s) => ({
      id: s.id,
      kind: s.kind,
      party: s.byParty,
      text: s.text,
      at: s.at,
    })),
  };
  const canonical = canonicalize(record);
  if (canonical === undefined) throw new Error('the adoption record has no JSON form');
  return canonical;
}
