import fc from 'fast-check';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { aknSchema, validateAkn } from '../../../../tests/support/akn-schema.ts';
import type { Segment } from '../../../shared/text-content.ts';
import type { Text } from '../../../shared/texts.schemas.ts';
import { TEXT_KINDS, TEXT_STATES } from '../../../shared/vocabularies.ts';
import { printable } from './document-words.ts';
import { textToAkn } from './text-akn.ts';
import type { TextExport } from './text-export.ts';
import { textToPdf } from './text-pdf.ts';

/**
 * The two formats as pure functions of whatever a text may hold: random kinds, states,
 * markings and wording, brackets with holders, accents, Cyrillic, XML's own characters and the
 * characters XML cannot carry at all. Every document stays valid Akoma Ntoso, and every PDF
 * opens and holds the wording.
 */

const PARTIES = [
  { id: 'nato', name: 'North Atlantic Treaty Organization', label: 'NATO' },
  { id: 'russia', name: 'Russian Federation', label: 'RUS' },
];

// Words that test what escaping and the fonts must get right, and characters XML forbids.
const word = fc.oneof(
  fc.constantFrom(
    'Council',
    'приветствует',
    'Постоянный',
    'félicite',
    'Ärger',
    '«résumé»',
    '<b>',
    'A&B',
    ']]>',
    '"quoted"',
    "l'OTAN",
    '[brackets]',
    'a|b',
    'back\\slash',
    '\u0000',
    '\u0007',
    '\uD800',
    '\uFFFE',
    '😀',
  ),
  fc.string({ maxLength: 12 }),
);
const wording = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));

const segment: fc.Arbitrary<Segment> = fc.oneof(
  wording.map((text) => ({ kind: 'text' as const, text })),
  fc
    .array(
      fc.record({
        holder: fc.constantFrom('nato', 'russia'),
        text: fc.oneof(wording, fc.constant('')),
      }),
      { minLength: 1, maxLength: 3 },
    )
    .map((alternatives) => ({
      kind: 'bracket' as const,
      id: 'b',
      alternatives: alternatives.map((a) => ({
        ...a,
        id: 'a',
        proposedBy: null,
        proposedAt: null,
        reason: null,
      })),
    })),
);

const exportOf = fc
  .record({
    kind: fc.constantFrom(...TEXT_KINDS),
    state: fc.constantFrom(...TEXT_STATES),
    title: wording,
    number: fc.option(fc.constant('PJC(2001)004')),
    reconstructed: fc.boolean(),
    releasableTo: fc.option(fc.constant(['nato'])),
    chair: fc.boolean(),
    paragraphs: fc.array(fc.array(segment, { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
    languages: fc.constantFrom(['en'], ['en', 'fr', 'ru'], ['ru', 'en']),
    statement: fc.option(wording),
  })
  .map((r): TextExport => {
    // Unique ids, as stored texts have them: the same paragraph id in every language.
    const ids = r.paragraphs.map((_, i) => `p${i + 1}`);
    let n = 0;
    const withIds = (segments: Segment[]) =>
      segments.map((s) =>
        s.kind === 'text'
          ? s
          : {
              ...s,
              id: `b${++n}`,
              alternatives: s.alternatives.map((a) => ({ ...a, id: `a${++n}` })),
            },
      );
    const [original = 'en'] = r.languages;
    const text: Text = {
      id: 'text-1',
      kind: r.kind,
      title: r.title,
      state: r.state,
      version: 3,
      number: r.number,
      ref: null,
      classification: { id: 'nato-unclassified', name: 'NATO UNCLASSIFIED' },
      releasableTo: r.releasableTo === null ? null : [...r.releasableTo],
      originalLanguage: original,
      languages: [...r.languages],
      visibility: 'joint',
      party: 'nato',
      chairStatement: r.chair ? { party: 'nato' } : null,
      reconstructed: r.reconstructed,
      adoptedAt: null,
      publishedAt: null,
      createdAt: '2001-03-01T09:00:00.000Z',
      updatedAt: '2001-03-02T10:00:00.000Z',
      sourceId: null,
      source: null,
      clean: false,
      aligned: [],
      languageVersions: r.languages.map((language, l) => ({
        language,
        original: l === 0,
        authentic: l === 0,
        authenticatedBy: [],
        clean: false,
        paragraphs: r.paragraphs.map((segments, i) => ({
          id: ids[i] ?? `p${i}`,
          firstLine: 0,
          lines: 0,
          text: '',
          segments: withIds(segments),
        })),
      })),
      adReferendum: [],
      concurrences: [],
      statements: r.statement
        ? [{ id: 's1', kind: 'reservation', party: 'russia', text: r.statement, at: '2001-03-02' }]
        : [],
      publication: { requestedBy: [] },
      tabledAs: null,
      silence: null,
      silenceBreaks: [],
      signatures: [],
      signedBy: [],
      signedByBoth: false,
    };
    return {
      text,
      council: { id: 'pjc', name: 'NATO-Russia Permanent Joint Council', shortName: 'PJC' },
      parties: PARTIES,
      source: null,
      ref: null,
    };
  });

const schema = aknSchema();
if (!schema.found) console.warn(`Akoma Ntoso validation skipped: ${schema.reason}`);

describe('the Akoma Ntoso of any text', () => {
  it.runIf(schema.found)('is valid against the schema', async () => {
    if (!schema.found) return;
    const samples = fc.sample(exportOf, { numRuns: 60, seed: 7 });
    const documents = samples.map((data, i) => ({ name: `sample-${i}.xml`, xml: textToAkn(data) }));
    expect(await validateAkn(schema, documents)).toEqual([]);
  });

  it('holds every printable character of the wording, and only those', () => {
    fc.assert(
      fc.property(exportOf, (data) => {
        const xml = textToAkn(data);
        const forbidden = [...xml].filter((c) => c.charCodeAt(0) < 9 || c === '\uFFFE');
        expect(forbidden).toEqual([]);
        const first = data.text.languageVersions[0]?.paragraphs[0]?.segments[0];
        if (first?.kind === 'text' && printable(first.text).trim() !== '') {
          const escaped = printable(first.text)
            .replace(/&/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;');
          expect(xml).toContain(escaped.trim());
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('the PDF of any text', () => {
  it('opens, with its marking and its wording in Latin and Cyrillic', async () => {
    const samples = fc.sample(exportOf, { numRuns: 8, seed: 11 });
    for (const data of samples) {
      for (const language of data.text.languages) {
        const bytes = await textToPdf(data, language);
        const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
        expect(text).toContain('NATO UNCLASSIFIED');
      }
    }
    const cyrillic = fc.sample(exportOf, { numRuns: 1, seed: 3 })[0] as TextExport;
    const version = cyrillic.text.languageVersions[0];
    if (version?.paragraphs[0]) {
      version.paragraphs[0].segments = [{ kind: 'text', text: 'Постоянный совместный совет' }];
    }
    const bytes = await textToPdf(cyrillic, cyrillic.text.originalLanguage);
    const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
    expect(text).toContain('Постоянный совместный совет');
  });
});
