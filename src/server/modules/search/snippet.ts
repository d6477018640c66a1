/**
 * The passage of a hit shown under its title, matches in [square brackets]. Built here from the
 * stored text rather than by FTS5's snippet(): snippet() re-runs the whole match for its row, and
 * a prefix term that occurs in every document reads the whole of its list again for each hit.
 * A word matches as FTS5 matched it: folded the same way (case, diacritics), as a prefix for
 * query words of MIN_PREFIX letters or more, whole otherwise. Stemmed forms the index matched
 * ("meetings" for "meeting") are not marked, which loses a bracket, never a hit.
 */
const TOKEN = /[\p{L}\p{N}]+/gu;
const WINDOW = 12;

export function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function matcher(terms: readonly { word: string; prefix: boolean }[]) {
  const folded = terms.map((t) => ({ word: fold(t.word), prefix: t.prefix }));
  return (token: string) => {
    const f = fold(token);
    return folded.some((t) => (t.prefix ? f.startsWith(t.word) : f === t.word));
  };
}

/** The best window of WINDOW tokens of the text for the terms, or null when none matches. */
function window(text: string, isMatch: (token: string) => boolean): string | null {
  const tokens = [...text.matchAll(TOKEN)];
  if (tokens.length === 0) return null;
  const hits = tokens.map((t) => isMatch(t[0]));
  if (!hits.some(Boolean)) return null;
  let best = 0;
  let bestCount = -1;
  for (let start = 0; start < Math.max(1, tokens.length - WINDOW + 1); start++) {
    const count = hits.slice(start, start + WINDOW).filter(Boolean).length;
    if (count > bestCount) {
      best = start;
      bestCount = count;
    }
  }
  const end = Math.min(tokens.length, best + WINDOW);
  let out = '';
  let cursor = (tokens[best] as RegExpMatchArray).index ?? 0;
  for (let i = best; i < end; i++) {
    const token = tokens[i] as RegExpMatchArray;
    const at = token.index ?? 0;
    out += text.slice(cursor, at);
    out += hits[i] ? `[${token[0]}]` : token[0];
    cursor = at + token[0].length;
  }
  const last = tokens[end - 1] as RegExpMatchArray;
  const tail = end < tokens.length ? '…' : text.slice((last.index ?? 0) + last[0].length);
  return `${best > 0 ? '…' : ''}${out}${tail}`.trim();
}

export function snippetOf(
  title: string,
  body: string,
  terms: readonly { word: string; prefix: boolean }[],
): string {
  const isMatch = matcher(terms);
  return window(body, isMatch) ?? window(title, isMatch) ?? title.slice(0, 80);
}
