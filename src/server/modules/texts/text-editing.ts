import {
  type Alternative,
  type Content,
  type Paragraph,
  type ParsedSegment,
  plainText,
  type Segment,
} from '../../../shared/text-content.ts';
import { DomainError, invalid } from '../../domain/errors.ts';

/**
 * The edits of a negotiated text, as pure functions from one content to the next. Ids come from
 * the caller (the unit of work's id generator), so that a test can name them. Paragraph ids are
 * stable: an edit never gives a paragraph that stays a new id.
 */

export interface Proposal {
  holder: string;
  userId: string | null;
  at: string;
  reason: string | null;
}

const clone = (content: Content): Content => structuredClone(content);

function paragraphOf(paragraphs: Paragraph[], id: string): Paragraph {
  const found = paragraphs.find((p) => p.id === id);
  if (!found) throw invalid('paragraphId', `no paragraph ${id}`);
  return found;
}

/** Builds segments from parsed plain text, giving each bracket and alternative an id. */
export function segmentsOf(
  parsed: readonly ParsedSegment[],
  newId: () => string,
  proposal: Omit<Proposal, 'holder'> & { party: string },
): Segment[] {
  return parsed.map((s) =>
    s.kind === 'text'
      ? { kind: 'text', text: s.text ?? '' }
      : {
          kind: 'bracket',
          id: newId(),
          alternatives: (s.alternatives ?? []).map((a) => ({
            id: newId(),
            holder: a.holder,
            text: a.text,
            // Writing down the other party's position is not proposing it: no name to show.
            proposedBy: a.holder === proposal.party ? proposal.userId : null,
            proposedAt: proposal.at,
            reason: proposal.reason,
          })),
        },
  );
}

/**
 * A party proposes an alternative wording: either in an existing bracket, or for a passage of
 * plain text (offsets within one run of text), which becomes a bracket holding the present
 * wording (held by `presentHolder`, the party that tabled the text) and the proposal.
 */
export function proposeAlternative(
  content: Content,
  language: string,
  target:
    | { paragraphId: string; bracketId: string }
    | { paragraphId: string; segment: number; start: number; end: number },
  text: string,
  proposal: Proposal,
  presentHolder: string,
  newId: () => string,
): Content {
  const next = clone(content);
  const paragraph = paragraphOf(next[language] ?? [], target.paragraphId);
  const alternative: Alternative = {
    id: newId(),
    holder: proposal.holder,
    text,
    proposedBy: proposal.userId,
    proposedAt: proposal.at,
    reason: proposal.reason,
  };
  if ('bracketId' in target) {
    const bracket = paragraph.segments.find(
      (s): s is Extract<Segment, { kind: 'bracket' }> =>
        s.kind === 'bracket' && s.id === target.bracketId,
    );
    if (!bracket) throw invalid('bracketId', `no bracket ${target.bracketId} in that paragraph`);
    bracket.alternatives.push(alternative);
    return next;
  }
  const segment = paragraph.segments[target.segment];
  if (segment?.kind !== 'text') {
    throw invalid('segment', 'must name a run of plain text of the paragraph');
  }
  const { start, end } = target;
  if (start > end || end > segment.text.length) {
    throw invalid('end', `must lie within the run of text (0-${segment.text.length})`);
  }
  const present = segment.text.slice(start, end);
  const replacement: Segment[] = [];
  if (start > 0) replacement.push({ kind: 'text', text: segment.text.slice(0, start) });
  replacement.push({
    kind: 'bracket',
    id: newId(),
    alternatives: [
      {
        id: newId(),
        holder: presentHolder,
        text: present,
        proposedBy: null,
        proposedAt: null,
        reason: null,
      },
      alternative,
    ],
  });
  if (end < segment.text.length) replacement.push({ kind: 'text', text: segment.text.slice(end) });
  paragraph.segments.splice(target.segment, 1, ...replacement);
  return next;
}

/** A new paragraph proposed by one party: wholly bracketed, in every language version. */
export function proposeParagraph(
  content: Content,
  original: string,
  after: string | null,
  text: string,
  proposal: Proposal,
  newId: () => string,
): { content: Content; paragraphId: string } {
  const next = clone(content);
  const id = newId();
  for (const [language, paragraphs] of Object.entries(next)) {
    const at = after === null ? 0 : paragraphs.findIndex((p) => p.id === after) + 1;
    if (after !== null && at === 0) throw invalid('after', `no paragraph ${after}`);
    const segments: Segment[] =
      language === original
        ? [
            {
              kind: 'bracket',
              id: newId(),
              alternatives: [
                {
                  id: newId(),
                  holder: proposal.holder,
                  text,
                  proposedBy: proposal.userId,
                  proposedAt: proposal.at,
                  reason: proposal.reason,
                },
              ],
            },
          ]
        : [];
    paragraphs.splice(at, 0, { id, segments });
  }
  return { content: next, paragraphId: id };
}

function locate(content: Content, alternativeId: string) {
  for (const [language, paragraphs] of Object.entries(content)) {
    for (const paragraph of paragraphs) {
      for (const [index, segment] of paragraph.segments.entries()) {
        if (segment.kind !== 'bracket') continue;
        const alternative = segment.alternatives.find((a) => a.id === alternativeId);
        if (alternative) return { language, paragraphs, paragraph, index, segment, alternative };
      }
    }
  }
  return null;
}

/** Joins neighbouring runs of plain text, as the plain-text form reads them back. */
function normalise(paragraph: Paragraph): void {
  const merged: Segment[] = [];
  for (const segment of paragraph.segments) {
    const last = merged[merged.length - 1];
    if (segment.kind === 'text' && last?.kind === 'text') last.text += segment.text;
    else if (!(segment.kind === 'text' && segment.text === '')) merged.push(segment);
  }
  paragraph.segments = merged;
}

/**
 * The holding party withdraws its alternative (NotYourParty for another's). A bracket left
 * with none is gone; a paragraph left with nothing (one a party proposed) goes from every
 * language version.
 */
export function withdrawAlternative(
  content: Content,
  alternativeId: string,
  party: string,
): Content {
  const next = clone(content);
  const found = locate(next, alternativeId);
  if (!found) throw invalid('alternativeId', `no alternative ${alternativeId}`);
  if (found.alternative.holder !== party) {
    throw new DomainError('NotYourParty', 'only the holding party withdraws its alternative');
  }
  found.segment.alternatives = found.segment.alternatives.filter((a) => a.id !== alternativeId);
  if (found.segment.alternatives.length === 0) found.paragraph.segments.splice(found.index, 1);
  normalise(found.paragraph);
  if (found.paragraph.segments.length === 0) {
    for (const paragraphs of Object.values(next)) {
      const at = paragraphs.findIndex((p) => p.id === found.paragraph.id);
      if (at >= 0) paragraphs.splice(at, 1);
    }
  }
  return next;
}

/**
 * A party accepts the other party's alternative: the bracket gives way to its wording. A party
 * cannot accept its own (Conflict): the other side has not said yes to it.
 */
export function acceptAlternative(content: Content, alternativeId: string, party: string): Content {
  const next = clone(content);
  const found = locate(next, alternativeId);
  if (!found) throw invalid('alternativeId', `no alternative ${alternativeId}`);
  if (found.alternative.holder === party) {
    throw new DomainError('Conflict', 'a party cannot accept its own alternative: the other must');
  }
  found.paragraph.segments.splice(found.index, 1, { kind: 'text', text: found.alternative.text });
  normalise(found.paragraph);
  return next;
}

/**
 * Replaces a draft's paragraphs (its own party's caucus text, edited freely): a paragraph named
 * by id keeps it, a new one gets one, one left out is gone from every language version.
 */
export function replaceParagraphs(
  content: Content,
  language: string,
  paragraphs: readonly { id?: string | undefined; segments: Segment[] }[],
  newId: () => string,
): Content {
  const next = clone(content);
  const existing = new Set((next[language] ?? []).map((p) => p.id));
  const seen = new Set<string>();
  const replaced: Paragraph[] = paragraphs.map((p, i) => {
    if (p.id !== undefined && !existing.has(p.id)) {
      throw invalid(`paragraphs.${i}.id`, `no paragraph ${p.id}`);
    }
    if (p.id !== undefined && seen.has(p.id)) {
      throw invalid(`paragraphs.${i}.id`, 'named twice');
    }
    const id = p.id ?? newId();
    seen.add(id);
    return { id, segments: p.segments };
  });
  const ids = replaced.map((p) => p.id);
  for (const [other, list] of Object.entries(next)) {
    if (other === language) continue;
    const byId = new Map(list.map((p) => [p.id, p]));
    next[other] = ids.map((id) => byId.get(id) ?? { id, segments: [] });
  }
  next[language] = replaced;
  return next;
}

/** Sets one paragraph of a language version (a translation). */
export function setParagraph(
  content: Content,
  language: string,
  paragraphId: string,
  segments: Segment[],
): Content {
  const next = clone(content);
  const paragraphs = next[language];
  if (!paragraphs) throw invalid('language', `the text has no ${language} version`);
  const paragraph = paragraphs.find((p) => p.id === paragraphId);
  if (!paragraph) throw invalid('paragraphId', `no paragraph ${paragraphId}`);
  paragraph.segments = segments;
  normalise(paragraph);
  return next;
}

/** The current text in one language, brackets as their first wording: what search reads. */
export function plainOf(content: Content, language: string): string {
  return (content[language] ?? []).map(plainText).join('\n');
}

/** A content with every language version present, empty paragraphs where not yet translated. */
export function withLanguages(
  content: Content,
  languages: readonly string[],
  original: string,
): Content {
  const next = clone(content);
  const ids = (next[original] ?? []).map((p) => p.id);
  for (const language of languages) {
    if (!next[language]) next[language] = ids.map((id) => ({ id, segments: [] }));
  }
  return next;
}

/**
 * The content a caucus draft is tabled with: its words and its ids, nothing of how the caucus
 * came to them. Each alternative is proposed when tabled, and the reasons written in caucus
 * stay there.
 */
export function asTabled(content: Content, at: string): Content {
  const next = clone(content);
  for (const paragraphs of Object.values(next)) {
    for (const paragraph of paragraphs) {
      for (const segment of paragraph.segments) {
        if (segment.kind !== 'bracket') continue;
        for (const a of segment.alternatives) {
          a.proposedAt = at;
          a.reason = null;
        }
      }
    }
  }
  return next;
}
