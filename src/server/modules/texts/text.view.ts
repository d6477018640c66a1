import type { Content, Labels } from '../../../shared/text-content.ts';
import {
  alignmentProblems,
  formatParagraph,
  isClean,
  lineNumbers,
} from '../../../shared/text-content.ts';
import type { Text, TextSummary } from '../../../shared/texts.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import { type Actor, isOwnParty } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { partiesAsking } from '../publication/publication-requests.ts';
import { signaturesOf } from '../record/signatures.repository.ts';
import { cited } from '../sources/source-ref.ts';
import { localDeadline } from './silence.policy.ts';
import { contentOf, findTextRow, labelsOf } from './texts.repository.ts';

/** The council's markings by id, to show each text's by name. */
export async function markingNames(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('classifications').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function toSummary(row: Row<'texts'>, markings: ReadonlyMap<string, string>): TextSummary {
  const marking = {
    id: row.classification,
    name: markings.get(row.classification) ?? row.classification,
  };
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    state: row.state,
    version: row.version,
    number: row.number,
    ref: row.refKind && row.refId ? { kind: row.refKind, id: row.refId } : null,
    classification: marking,
    releasableTo: row.releasableTo === null ? null : (JSON.parse(row.releasableTo) as string[]),
    originalLanguage: row.originalLanguage,
    languages: JSON.parse(row.languages) as string[],
    visibility: row.visibility,
    party: row.party,
    chairStatement: row.chairParty === null ? null : { party: row.chairParty },
    reconstructed: row.reconstructed === 1,
    adoptedAt: row.adoptedAt,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ...cited(row),
  };
}

/** The other party never learns which of a party's officials proposed an alternative. */
function forReader(actor: Actor, content: Content): Content {
  const copy = structuredClone(content);
  for (const paragraphs of Object.values(copy)) {
    for (const p of paragraphs) {
      for (const s of p.segments) {
        if (s.kind !== 'bracket') continue;
        for (const a of s.alternatives) if (!isOwnParty(actor, a.holder)) a.proposedBy = null;
      }
    }
  }
  return copy;
}

export function languageVersions(
  actor: Actor,
  row: Pick<Row<'texts'>, 'originalLanguage' | 'languages'>,
  content: Content,
  labels: Labels,
  authentic: Map<string, string[]>,
  partyCount: number,
): Text['languageVersions'] {
  const seen = forReader(actor, content);
  const languages = JSON.parse(row.languages) as string[];
  return languages.map((language) => {
    const paragraphs = seen[language] ?? [];
    const numbers = lineNumbers(paragraphs, labels);
    const by = authentic.get(language) ?? [];
    return {
      language,
      original: language === row.originalLanguage,
      authentic: language === row.originalLanguage || (partyCount > 0 && by.length === partyCount),
      authenticatedBy: by,
      clean: isClean(paragraphs),
      paragraphs: paragraphs.map((p) => ({
        id: p.id,
        firstLine: numbers.get(p.id)?.firstLine ?? 0,
        lines: numbers.get(p.id)?.lines ?? 0,
        text: formatParagraph(p, labels),
        segments: p.segments,
      })),
    };
  });
}

/** One text as the caller may read it, at its current version. NotFound when it may not. */
export async function getText(db: Executor, actor: Actor, id: string): Promise<Text> {
  const row = await findTextRow(db, actor, id);
  const content = await contentOf(db, row.id, row.version);
  const { labels, parties } = await labelsOf(db);
  const agreements = await db
    .selectFrom('textAgreements')
    .select(['kind', 'byParty', 'version', 'at'])
    .where('textId', '=', row.id)
    .where('version', '=', row.version)
    .where(visibleTo(actor, 'textAgreements'))
    .orderBy('byParty')
    .execute();
  const of = (kind: string) =>
    agreements
      .filter((a) => a.kind === kind)
      .map((a) => ({ party: a.byParty, version: a.version, at: a.at }));
  const authentic = new Map<string, string[]>();
  for (const a of agreements) {
    if (!a.kind.startsWith('authentic:')) continue;
    const language = a.kind.slice('authentic:'.length);
    authentic.set(language, [...(authentic.get(language) ?? []), a.byParty]);
  }
  const statements = await db
    .selectFrom('textStatements')
    .select(['id', 'kind', 'byParty', 'text', 'at'])
    .where('textId', '=', row.id)
    .where(visibleTo(actor, 'textStatements'))
    .orderBy('at')
    .orderBy('id')
    .execute();
  const participants = await db
    .selectFrom('silenceParticipants')
    .select('participant')
    .where('textId', '=', row.id)
    .orderBy('participant')
    .execute();
  const breaks = await db
    .selectFrom('silenceBreaks')
    .select(['participant', 'reason', 'amendment', 'version', 'at'])
    .where('textId', '=', row.id)
    .where(visibleTo(actor, 'silenceBreaks'))
    .orderBy('at')
    .orderBy('id')
    .execute();
  const record = await db
    .selectFrom('adoptionRecords')
    .select('sha256')
    .where('textId', '=', row.id)
    .executeTakeFirst();
  const languages = JSON.parse(row.languages) as string[];
  const allContent = languages.map((l) => content[l] ?? []);
  return {
    ...toSummary(row, await markingNames(db)),
    clean: allContent.every(isClean),
    aligned: alignmentProblems(content, languages),
    languageVersions: languageVersions(actor, row, content, labels, authentic, parties.length),
    adReferendum: of('ad-ref'),
    concurrences: of('concur'),
    statements: statements.map((s) => ({
      id: s.id,
      kind: s.kind,
      party: s.byParty,
      text: s.text,
      at: s.at,
    })),
    publication: {
      requestedBy:
        row.visibility === 'joint' ? await partiesAsking(db, 'text', row.id, row.version) : [],
    },
    // The draft's link to the joint text it became: its own party's to know.
    tabledAs: isOwnParty(actor, row.party) && row.visibility === 'caucus' ? row.tabledAs : null,
    silence:
      row.state === 'under-silence' && row.silenceDeadline && row.silenceTimeZone
        ? {
            deadline: row.silenceDeadline,
            localDeadline: localDeadline(row.silenceDeadline, row.silenceTimeZone),
            timeZone: row.silenceTimeZone,
            startedBy: row.silenceStartedBy,
            participants: participants.map((p) => p.participant),
          }
        : null,
    silenceBreaks: breaks.map((b) => ({
      participant: b.participant,
      reason: b.reason,
      amendment: b.amendment,
      version: b.version,
      at: b.at,
    })),
    ...(await signaturesOf(db, row.id, record?.sha256 ?? null)),
  };
}
