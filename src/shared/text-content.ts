/**
 * The content of a negotiated text: per language, paragraphs with stable ids, each a run of
 * plain text and bracketed passages. A bracket holds alternatives, each held by the party that
 * proposed it. Pure functions, shared by the server, the CLI and the web client.
 *
 * The plain-text form writes a bracket as `[NATO: stable and secure | RUS: stable, secure and
 * undivided]`, a holder's label before each alternative; `[`, `]`, `|` and `\` in the text are
 * escaped with a backslash. `parseParagraph(formatParagraph(p))` gives back p's structure.
 */

export interface Alternative {
  id: string;
  /** The party holding (having proposed) the alternative. */
  holder: string;
  text: string;
  /** Who proposed it; the other party sees null. */
  proposedBy: string | null;
  proposedAt: string | null;
  reason: string | null;
}

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'bracket'; id: string; alternatives: Alternative[] };

export interface Paragraph {
  id: string;
  segments: Segment[];
}

/** Language code -> its paragraphs, in order. Every language has the same paragraph ids. */
export type Content = Record<string, Paragraph[]>;

/** Labels the plain-text form writes for each party (`NATO`, `RUS`). */
export type Labels = ReadonlyMap<string, string>;

const SPECIAL = /[[\]|\\]/g;
/** Stands for an escaped colon while a label is split off; no text holds it. */
const ESCAPED_COLON = String.fromCharCode(0);
const escapeSpecial = (text: string) => text.replace(SPECIAL, (c) => `\\${c}`);

export function formatParagraph(paragraph: Paragraph, labels: Labels): string {
  return paragraph.segments
    .map((segment) =>
      segment.kind === 'text'
        ? escapeSpecial(segment.text)
        : `[${segment.alternatives
            .map((a) => `${labels.get(a.holder) ?? a.holder}: ${escapeSpecial(a.text)}`)
            .join(' | ')}]`,
    )
    .join('');
}

export class TextFormatError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at character ${offset + 1}`);
    this.name = 'TextFormatError';
    this.offset = offset;
  }
}

export interface ParsedSegment {
  kind: 'text' | 'bracket';
  text?: string;
  alternatives?: { holder: string; text: string }[];
}

/**
 * Parses the plain-text form into segments (without ids or who proposed what; the caller
 * supplies those). `holderOf` resolves a label to a party id, or null for an unknown label.
 * Throws TextFormatError naming the offset of an unclosed bracket, an empty alternative list,
 * a missing or unknown label, or a dangling escape.
 */
export function parseParagraph(
  text: string,
  holderOf: (label: string) => string | null,
): ParsedSegment[] {
  const segments: ParsedSegment[] = [];
  let plain = '';
  let i = 0;
  const flush = () => {
    if (plain.length > 0) segments.push({ kind: 'text', text: plain });
    plain = '';
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined) throw new TextFormatError('a backslash escapes nothing', i);
      plain += next;
      i += 2;
      continue;
    }
    if (c === ']' || c === '|') throw new TextFormatError(`a "${c}" outside brackets`, i);
    if (c !== '[') {
      plain += c;
      i += 1;
      continue;
    }
    flush();
    const open = i;
    i += 1;
    const alternatives: { holder: string; text: string }[] = [];
    let current = '';
    let closed = false;
    const take = (at: number) => {
      const colon = current.indexOf(':');
      if (colon < 0) throw new TextFormatError('an alternative without "LABEL:"', at);
      const label = current.slice(0, colon).trim();
      const holder = holderOf(label);
      if (holder === null) throw new TextFormatError(`unknown holder "${label}"`, at);
      // One space after the colon belongs to the notation, the rest to the text.
      const body = current.slice(colon + 1);
      alternatives.push({ holder, text: body.startsWith(' ') ? body.slice(1) : body });
      current = '';
    };
    while (i < text.length) {
      const d = text[i] as string;
      if (d === '\\') {
        const next = text[i + 1];
        if (next === undefined) throw new TextFormatError('a backslash escapes nothing', i);
        // Kept escaped until the label is split off: an escaped colon is text, not a label.
        current += next === ':' ? ESCAPED_COLON : next;
        i += 2;
        continue;
      }
      if (d === '[') throw new TextFormatError('a bracket inside a bracket', i);
      if (d === '|' || d === ']') {
        take(i);
        i += 1;
        if (d === ']') {
          closed = true;
          break;
        }
        // The separator's own spaces are notation.
        if (alternatives.length > 0) {
          const last = alternatives[alternatives.length - 1];
          if (last?.text.endsWith(' ')) last.text = last.text.slice(0, -1);
        }
        if (text[i] === ' ') i += 1;
        continue;
      }
      current += d;
      i += 1;
    }
    if (!closed) throw new TextFormatError('a bracket that is never closed', open);
    for (const a of alternatives) a.text = a.text.split(ESCAPED_COLON).join(':');
    segments.push({ kind: 'bracket', alternatives });
  }
  flush();
  return segments;
}

/** Whether a language version has no bracket left: ready for ad referendum and adoption. */
export function isClean(paragraphs: readonly Paragraph[]): boolean {
  return paragraphs.every((p) => p.segments.every((s) => s.kind === 'text'));
}

/** The paragraph's text with each bracket shown as its first alternative (for search, lines). */
export function plainText(paragraph: Paragraph): string {
  return paragraph.segments
    .map((s) => (s.kind === 'text' ? s.text : (s.alternatives[0]?.text ?? '')))
    .join('');
}

/**
 * Whether every language version has the same paragraphs in the same order, none of them
 * empty: the condition for adoption. Answers the problems found (empty when aligned).
 */
export function alignmentProblems(
  content: Content,
  languages: readonly string[],
): { language: string; message: string }[] {
  const problems: { language: string; message: string }[] = [];
  const [first] = languages;
  const reference = first === undefined ? [] : (content[first] ?? []).map((p) => p.id);
  for (const language of languages) {
    const paragraphs = content[language];
    if (!paragraphs) {
      problems.push({ language, message: 'missing' });
      continue;
    }
    const ids = paragraphs.map((p) => p.id);
    if (ids.length !== reference.length || ids.some((id, i) => id !== reference[i])) {
      problems.push({ language, message: 'its paragraphs are not those of the other versions' });
    }
    paragraphs.forEach((p) => {
      if (plainText(p).trim() === '') {
        problems.push({ language, message: `paragraph ${p.id} is empty` });
      }
    });
  }
  return problems;
}

export const LINE_WIDTH = 72;

/**
 * The line numbers of each paragraph in the printed draft: paragraphs wrapped at LINE_WIDTH
 * characters, numbered on from the previous paragraph. Editing one paragraph renumbers the
 * lines after it, never a paragraph's id.
 */
export function lineNumbers(
  paragraphs: readonly Paragraph[],
  labels: Labels,
): Map<string, { firstLine: number; lines: number }> {
  const numbers = new Map<string, { firstLine: number; lines: number }>();
  let line = 1;
  for (const paragraph of paragraphs) {
    const lines = wrap(formatParagraph(paragraph, labels), LINE_WIDTH).length;
    numbers.set(paragraph.id, { firstLine: line, lines });
    line += lines;
  }
  return numbers;
}

/** Greedy word wrap; a word longer than the width has a line of its own. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (current.length === 0) current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  lines.push(current);
  return lines;
}

/**
 * The alternat: each party's own version of a joint text may name the parties in its own
 * order, "NATO and Russia" in one, "Russia and NATO" in the other, and that is no difference.
 * Rewrites every pair of party names joined by a conjunction into one order, so that two
 * versions compare equal when they differ only there.
 */
export function withoutAlternat(text: string, names: readonly string[]): string {
  if (names.length < 2) return text;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const alternation = escaped.join('|');
  const pair = new RegExp(`(${alternation})(\\s+(?:and|et|и)\\s+)(${alternation})`, 'g');
  return text.replace(pair, (match, a: string, joiner: string, b: string) => {
    if (a === b) return match;
    const [first, second] = names.indexOf(a) <= names.indexOf(b) ? [a, b] : [b, a];
    return `${first}${joiner}${second}`;
  });
}
