import { describe, expect, it } from 'vitest';
import { MAX_WORD_LETTERS, termsOf, toMatchQuery } from './full-text-store.ts';

describe('the words of a search', () => {
  it('are letters and digits, short ones whole and longer ones prefixes', () => {
    expect(termsOf('Kosovo, a "KFOR" AND*')).toEqual([
      { word: 'Kosovo', prefix: true },
      { word: 'a', prefix: false },
      { word: 'KFOR', prefix: true },
      { word: 'AND', prefix: true },
    ]);
    expect(toMatchQuery('" OR *')).toBe('"OR"');
    expect(toMatchQuery('***')).toBeNull();
  });

  it('cut a word longer than any language has to its first letters, searched as a prefix', () => {
    // NFKC makes five letters of each of these: 680 letters, 2,045 bytes as one word.
    const [term] = termsOf(`${'\u3315'.repeat(136)}aaaaa`);
    expect([...(term?.word ?? '')]).toHaveLength(MAX_WORD_LETTERS);
    expect(term?.prefix).toBe(true);
    expect(termsOf(`${'я'.repeat(MAX_WORD_LETTERS)}`)).toEqual([
      { word: 'я'.repeat(MAX_WORD_LETTERS), prefix: true },
    ]);
  });
});
