import { formatParagraph, type Paragraph, withoutAlternat } from '../../../shared/text-content.ts';
import type { Text } from '../../../shared/texts.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { languageVersions } from './text.view.ts';
import { checkLanguage } from './text-input.ts';
import { findTextRow, labelsOf, readableContentOf } from './texts.repository.ts';

export interface TextVersionEntry {
  version: number;
  at: string;
  party: string | null;
  summary: string;
}

/**
 * Every version of a text the caller may read, oldest first. A joint text's versions are its
 * own since it was tabled: the caucus drafting before that stays with the drafting party.
 */
export async function listTextVersions(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<TextVersionEntry[]> {
  const text = await findTextRow(db, actor, id);
  const rows = await db
    .selectFrom('textVersions')
    .select(['version', 'at', 'byParty', 'summary'])
    .where('textId', '=', text.id)
    .where(visibleTo(actor, 'textVersions'))
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ version: r.version, at: r.at, party: r.byParty, summary: r.summary }));
}

/** One version's language versions, as the caller may read them. NotFound for no such version. */
export async function getTextVersion(
  db: Executor,
  actor: Actor,
  id: string,
  version: number,
): Promise<{ version: number; languageVersions: Text['languageVersions'] }> {
  const text = await findTextRow(db, actor, id);
  if (version > text.version) throw notFound('version');
  const content = await readableContentOf(db, actor, text.id, version);
  const { labels } = await labelsOf(db);
  // Authenticity and agreements belong to the current version: an old one shows none.
  return {
    version,
    languageVersions: languageVersions(actor, text, content, labels, new Map(), 0),
  };
}

export interface TextDiff {
  from: number;
  to: number;
  language: string;
  paragraphs: {
    id: string;
    change: 'added' | 'removed' | 'changed' | 'unchanged';
    parts: { value: string; added: boolean; removed: boolean }[];
  }[];
}

/**
 * A word-level comparison of two versions of one language version (jsdiff's diffWords),
 * paragraph by paragraph, matched by their stable ids: brackets and their holders are part of
 * the compared text. With the alternat, a pair of party names in the other order is no change.
 */
export async function diffTextVersions(
  db: Executor,
  actor: Actor,
  id: string,
  query: {
    from: number;
    to: number;
    language?: string | undefined;
    alternat?: 'true' | 'false' | undefined;
  },
): Promise<TextDiff> {
  const text = await findTextRow(db, actor, id);
  for (const [field, v] of [
    ['from', query.from],
    ['to', query.to],
  ] as const) {
    if (v > text.version) throw invalid(field, `the text has ${text.version} versions`);
  }
  const language = query.language ?? text.originalLanguage;
  checkLanguage(JSON.parse(text.languages) as string[], language, 'language');
  const { labels, parties } = await labelsOf(db);
  const names = parties.flatMap((p) => [...(JSON.parse(p.names) as string[]), p.name, p.shortName]);
  const alternat = query.alternat !== 'false';
  const show = (p: Paragraph | undefined) => {
    if (!p) return '';
    const plain = formatParagraph(p, labels);
    return alternat ? withoutAlternat(plain, [...new Set(names)]) : plain;
  };
  const before = (await readableContentOf(db, actor, text.id, query.from))[language] ?? [];
  const after = (await readableContentOf(db, actor, text.id, query.to))[language] ?? [];
  // Loaded here, not at start: few requests compare versions, and every start would pay for it.
  const { diffWords } = await import('diff');
  const ids = [...after.map((p) => p.id)];
  // A removed paragraph is shown where it stood: after the paragraph that preceded it.
  before.forEach((p, i) => {
    if (ids.includes(p.id)) return;
    const previous = before[i - 1]?.id;
    const at = previous === undefined ? 0 : ids.indexOf(previous) + 1;
    ids.splice(at, 0, p.id);
  });
  return {
    from: query.from,
    to: query.to,
    language,
    paragraphs: ids.map((pid) => {
      const old = before.find((p) => p.id === pid);
      const now = after.find((p) => p.id === pid);
      const parts = diffWords(show(old), show(now)).map((c) => ({
        value: c.value,
        added: c.added === true,
        removed: c.removed === true,
      }));
      const change = !old
        ? 'added'
        : !now
          ? 'removed'
          : parts.some((c) => c.added || c.removed)
            ? 'changed'
            : 'unchanged';
      return { id: pid, change, parts };
    }),
  };
}
