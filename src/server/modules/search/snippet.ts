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

// Printable ASCII: the words a search folds are letters and digits (TOKEN).
const ASCII = /^[ -~]*$/;

export function fold(word: string): string {
  // Most words of most texts are ASCII, which has nothing to decompose: a search folds every
  // word of every hit on its page, and normalizing each cost most of a snippet.
  if (ASCII.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Whether a word of a text matches a term, remembered for the words it has seen: a page of
 * hits repeats its words (the same few hundred common words), and folding a Cyrillic or
 * accented word is most of a snippet's cost. One per search, never shared between callers,
 * so that how long a caller's snippets take depends on its own hits alone.
 */
function matcher(terms: readonly { word: string; prefix: boolean }[]) {
  const folded = terms.map((t) => ({ word: fold(t.word), prefix: t.prefix }));
  const seen = new Map<string, boolean>();
  return (token: string) => {
    let match = seen.get(token);
    if (match === undefined) {
      const f = fold(token);
      match = folded.some((t) => (t.prefix ? f.startsWith(t.word) : f === t.word));
      seen.set(token, match);
    }
    return match;
  };
}

/** The best window of WINDOW tokens of the text for the terms, or null when none matches. */
function window(text: string, isMatch: (token: string) => boolean): string | null {
  const tokens = [...text.matchAll(TOKEN)];
  if (tokens.length === 0) return null;
  const hits = tokens.map((t) => isMatch(t[0]));
  if (!hits.some(Boolean)) return null;
  // The window with the most matches, the first of equals: a count kept as the window slides.
  let count = 0;
  for (let i = 0; i < Math.min(WINDOW, tokens.length); i++) if (hits[i]) count += 1;
  let best = 0;
  let bestCount = count;
  for (let start = 1; start + WINDOW <= tokens.length; start++) {
    if (hits[start - 1]) count -= 1;
    if (hits[start + WINDOW - 1]) count += 1;
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

/** Makes the snippets of one search's hits, for its terms. */
export function snippetsFor(
  terms: readonly { word: string; prefix: boolean }[],
): (title: string, body: string) => string {
  const isMatch = matcher(terms);
  return (title, body) => window(body, isMatch) ?? window(title, isMatch) ?? title.slice(0, 80);
}
