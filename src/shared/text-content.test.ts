import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alignmentProblems,
  formatParagraph,
  isClean,
  lineNumbers,
  type Paragraph,
  parseParagraph,
  TextFormatError,
  withoutAlternat,
} from './text-content.ts';

const LABELS = new Map([
  ['nato', 'NATO'],
  ['russia', 'RUS'],
]);
const holderOf = (label: string) =>
  [...LABELS].find(([, l]) => l.toLowerCase() === label.toLowerCase())?.[0] ?? null;

const alt = (holder: string, text: string) => ({
  id: 'a',
  holder,
  text,
  proposedBy: null,
  proposedAt: null,
  reason: null,
});

describe('the plain-text form of a bracketed paragraph', () => {
  it('writes alternatives with their holders, and reads them back', () => {
    const paragraph: Paragraph = {
      id: 'p1',
      segments: [
        { kind: 'text', text: 'A ' },
        {
          kind: 'bracket',
          id: 'b1',
          alternatives: [
            alt('nato', 'stable and secure'),
            alt('russia', 'stable, secure and undivided'),
          ],
        },
        { kind: 'text', text: ' continent.' },
      ],
    };
    const text = formatParagraph(paragraph, LABELS);
    expect(text).toBe('A [NATO: stable and secure | RUS: stable, secure and undivided] continent.');
    expect(parseParagraph(text, holderOf)).toEqual([
      { kind: 'text', text: 'A ' },
      {
        kind: 'bracket',
        alternatives: [
          { holder: 'nato', text: 'stable and secure' },
          { holder: 'russia', text: 'stable, secure and undivided' },
        ],
      },
      { kind: 'text', text: ' continent.' },
    ]);
  });

  it('names what is wrong, and where', () => {
    const cases: [string, RegExp][] = [
      ['A [NATO: x', /never closed at character 3/],
      ['A [XYZ: x]', /unknown holder "XYZ"/],
      ['A [just text]', /without "LABEL:"/],
      ['A ] b', /outside brackets/],
      ['A [NATO: [x]]', /inside a bracket/],
      ['ends with \\', /escapes nothing/],
    ];
    for (const [text, message] of cases) {
      expect(() => parseParagraph(text, holderOf)).toThrow(TextFormatError);
      expect(() => parseParagraph(text, holderOf)).toThrow(message);
    }
  });

  // Text drawn from Latin, accented, Cyrillic and the notation's own characters.
  const characters = fc.constantFrom(
    ...'abc XYZ éèçàœ ÉÇ Совет Россия НАТО ё й [ ] | \\ : , . ’ « » 1 2'.split(''),
  );
  const text = fc.string({ unit: characters, minLength: 1, maxLength: 20 });
  const alternative = fc.record({
    holder: fc.constantFrom('nato', 'russia'),
    text: fc.string({ unit: characters, maxLength: 20 }),
  });
  const bracket = fc
    .array(alternative, { minLength: 1, maxLength: 3 })
    .map((alternatives) => ({ kind: 'bracket' as const, alternatives }));
  // Normalised: never two runs of plain text side by side (the parser joins them).
  const segments = fc
    .array(
      fc.oneof(
        text.map((t) => ({ kind: 'text' as const, text: t })),
        bracket,
      ),
      {
        maxLength: 6,
      },
    )
    .map((list) => list.filter((s, i) => !(s.kind === 'text' && list[i - 1]?.kind === 'text')));

  it('round-trips random structures, brackets inside Cyrillic and accented text included', () => {
    fc.assert(
      fc.property(segments, (parsed) => {
        const paragraph: Paragraph = {
          id: 'p',
          segments: parsed.map((s, i) =>
            s.kind === 'text'
              ? s
              : {
                  kind: 'bracket',
                  id: `b${i}`,
                  alternatives: s.alternatives.map((a, j) => ({
                    ...alt(a.holder, a.text),
                    id: `a${j}`,
                  })),
                },
          ),
        };
        expect(parseParagraph(formatParagraph(paragraph, LABELS), holderOf)).toEqual(parsed);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a text ready for adoption', () => {
  const p = (id: string, ...segments: Paragraph['segments']): Paragraph => ({ id, segments });
  it('is clean only when no bracket is left', () => {
    expect(isClean([p('1', { kind: 'text', text: 'Agreed.' })])).toBe(true);
    expect(isClean([p('1', { kind: 'bracket', id: 'b', alternatives: [alt('nato', 'x')] })])).toBe(
      false,
    );
  });

  it('has every language aligned on the same paragraphs, none empty', () => {
    const content = {
      en: [p('1', { kind: 'text', text: 'One.' }), p('2', { kind: 'text', text: 'Two.' })],
      fr: [p('1', { kind: 'text', text: 'Un.' }), p('2', { kind: 'text', text: ' ' })],
      ru: [p('1', { kind: 'text', text: 'Один.' })],
    };
    expect(alignmentProblems(content, ['en', 'fr', 'ru'])).toEqual([
      { language: 'fr', message: 'paragraph 2 is empty' },
      { language: 'ru', message: 'its paragraphs are not those of the other versions' },
    ]);
    expect(alignmentProblems(content, ['en'])).toEqual([]);
  });

  it('numbers lines per paragraph, so an edit renumbers lines, never ids', () => {
    const long = 'word '.repeat(40).trim();
    const numbers = lineNumbers(
      [p('a', { kind: 'text', text: long }), p('b', { kind: 'text', text: 'Short.' })],
      LABELS,
    );
    expect(numbers.get('a')).toEqual({ firstLine: 1, lines: 3 });
    expect(numbers.get('b')).toEqual({ firstLine: 4, lines: 1 });
  });
});

describe('the alternat', () => {
  it('takes "Russia and NATO" in one version and "NATO and Russia" in the other as the same', () => {
    const names = ['NATO', 'Russia'];
    expect(withoutAlternat('Russia and NATO agree.', names)).toBe('NATO and Russia agree.');
    expect(withoutAlternat('La Russie et l’OTAN', ['OTAN', 'Russie'])).toBe('La Russie et l’OTAN');
    expect(withoutAlternat('Россия и НАТО', ['НАТО', 'Россия'])).toBe('НАТО и Россия');
  });
});
