import { describe, expect, it } from 'vitest';
import { fold, snippetsFor } from './snippet.ts';

const terms = (...words: string[]) => words.map((word) => ({ word, prefix: word.length >= 3 }));
/** One hit's snippet, through a matcher of its own. */
const snippetOf = (title: string, body: string, searched: ReturnType<typeof terms>) =>
  snippetsFor(searched)(title, body);

describe('the snippet of a hit', () => {
  it('brackets the matched words of the body, prefixes included', () => {
    // "sea" is a prefix of "search" too, as in the index.
    expect(
      snippetOf('Title', 'Ministers agreed on search and rescue at sea.', terms('resc', 'sea')),
    ).toBe('Ministers agreed on [search] and [rescue] at [sea].');
  });

  it('matches short words whole only, as the index does', () => {
    expect(snippetOf('t', 'at the sea, a sailor', terms('a'))).toBe('at the sea, [a] sailor');
  });

  it('folds case and diacritics, so Cyrillic and accented text match as typed', () => {
    expect(snippetOf('t', 'Совет по Косову и Сербии', terms('косов'))).toBe(
      'Совет по [Косову] и Сербии',
    );
    expect(snippetOf('t', 'Le Conseil conjoint permanent a siégé', terms('siege'))).toBe(
      'Le Conseil conjoint permanent a [siégé]',
    );
    expect(fold('Siégé')).toBe('siege');
  });

  it('cuts a long text to the window with the most matches, marking the cuts', () => {
    const text = `${'one two three four five six seven eight nine ten '.repeat(3)}kosovo kfor kosovo end`;
    const snippet = snippetOf('t', text, terms('kosovo', 'kfor'));
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet).toContain('[kosovo] [kfor] [kosovo]');
  });

  it('keeps the first of equally good windows, and a page of hits matches each word alike', () => {
    const text = `kosovo ${'filler '.repeat(20)}kosovo ${'filler '.repeat(20)}`;
    expect(snippetOf('t', text, terms('kosovo')).startsWith('[kosovo] filler')).toBe(true);
    // One matcher for the page: a word seen in one hit is matched the same in the next,
    // Cyrillic with its decomposing letters (й) included.
    const page = snippetsFor(terms('мирн', 'kfor'));
    expect(page('t', 'Мирный процесс')).toBe('[Мирный] процесс');
    expect(page('t', 'Мирный план и KFOR')).toBe('[Мирный] план и [KFOR]');
    expect(page('t', 'Нет совпадений')).toBe('t');
  });

  it('falls back to the title when only the title matches', () => {
    expect(snippetOf('Search and rescue', 'Nothing relevant here.', terms('rescue'))).toBe(
      'Search and [rescue]',
    );
  });
});
