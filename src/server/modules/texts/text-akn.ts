import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';

/**
 * Text as xmlbuilder2 must be given it to write it as it is: the library leaves alone any `&`
 * that begins something shaped like an entity (`&A;`), so a wording holding `&A;` would come
 * out as an entity reference. Every `&` escaped here first is one the library then keeps.
 */
const xmlText = (text: string) => text.replaceAll('&', '&amp;');

import type { TextKind } from '../../../shared/vocabularies.ts';
import {
  documentDate,
  longDate,
  printable,
  refDate,
  stateLine,
  wordsFor,
} from './document-words.ts';
import { AKN_MEDIA_TYPE, type TextExport } from './text-export.ts';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/** The `name` of the Akoma Ntoso `doc` for each kind of text. */
export const AKN_DOC_NAMES: Record<TextKind, string> = {
  'joint-statement': 'jointStatement',
  communique: 'communique',
  'press-statement': 'pressStatement',
  'chair-statement': 'chairStatement',
  'summary-record': 'summaryRecord',
  'work-programme': 'workProgramme',
  'exchange-of-letters': 'exchangeOfLetters',
  'decision-sheet': 'decisionSheet',
};

/** A value safe in an AKN URI or id: what the text's number or id is made of, dashes for the rest. */
const slug = (value: string) =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'text';

/**
 * The text as an OASIS LegalDocML (Akoma Ntoso 3.0) document, valid against the standard's
 * schema:
 *
 * - a `documentCollection` whose `name` is the kind (`workProgramme`, `exchangeOfLetters` ...)
 *   holds one component `doc` (same `name`) per language version: one FRBR expression each,
 *   with its `FRBRlanguage`; the original's expression is `FRBRauthoritative` true, and so is a
 *   translation every party declared equally authentic; the collection's own expression lists
 *   every language and names the original in `references/original`;
 * - the classification marking is a `classification` keyword (and `releasableTo` keywords), and
 *   is printed in each version's preface;
 * - paragraphs are `paragraph` elements whose `wId` is the text's stable paragraph id, the same
 *   in every language version (the `eId` is positional within the component: `cmp_2__para_3`);
 * - a bracket is `<inline name="bracket" wId="<bracket id>">` holding one
 *   `<inline name="alternative" wId="<alternative id>" refersTo="#<party>">` per alternative,
 *   the party being a `TLCOrganization` of the collection's references: the holder of each
 *   wording, not who proposed it;
 * - a reconstructed text says so in its preface and names its source.
 *
 * Deterministic: the dates are the text's own (adoption, else its last change).
 */
export function textToAkn(data: TextExport): string {
  const { text, council } = data;
  const name = AKN_DOC_NAMES[text.kind];
  const date = documentDate(text).slice(0, 10);
  const number = text.number ?? text.id;
  const work = `/akn/int/doc/${name}/${date}/${slug(number)}`;
  const expressionOf = (language: string) => `${work}/${language}@${date}`;
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(AKN_NAMESPACE, 'akomaNtoso');
  const collection = root.ele('documentCollection', { name, contains: 'originalVersion' });

  const meta = collection.ele('meta');
  identification(meta, {
    work,
    expression: `${work}/${text.originalLanguage}@${date}`,
    date,
    name,
    number: text.number,
    languages: text.languages,
    authoritative: null,
    version: text.version,
  });
  if (text.publishedAt) {
    meta.ele('publication', {
      date: text.publishedAt.slice(0, 10),
      name: slug(council.shortName),
      showAs: `${council.name}: published by both parties`,
    });
  }
  const classification = meta.ele('classification', { source: '#secretariat' });
  classification.ele('keyword', {
    value: text.classification.id,
    showAs: text.classification.name,
    dictionary: '#markings',
  });
  for (const party of text.releasableTo ?? []) {
    classification.ele('keyword', {
      value: `releasable-to-${slug(party)}`,
      showAs: `Releasable to ${labelOf(data, party)}`,
      dictionary: '#releasability',
    });
  }
  const references = meta.ele('references', { source: '#secretariat' });
  references.ele('original', {
    eId: 'original',
    href: expressionOf(text.originalLanguage),
    showAs: wordsFor('en').languageName(text.originalLanguage),
  });
  references.ele('TLCOrganization', {
    eId: 'council',
    href: `/akn/ontology/organizations/int/${slug(council.shortName)}`,
    showAs: printable(council.name),
  });
  references.ele('TLCOrganization', {
    eId: 'secretariat',
    href: `/akn/ontology/organizations/int/${slug(council.shortName)}-secretariat`,
    showAs: printable(`${council.name}, secretariat`),
  });
  for (const party of data.parties) {
    references.ele('TLCOrganization', {
      eId: partyRef(party.id),
      href: `/akn/ontology/organizations/int/${slug(party.id)}`,
      showAs: printable(party.name),
    });
  }
  references.ele('TLCRole', {
    eId: 'author',
    href: '/akn/ontology/roles/int/author',
    showAs: 'Author',
  });
  if (text.reconstructed) {
    references.ele('TLCConcept', {
      eId: 'reconstructed',
      href: '/akn/ontology/concepts/int/reconstructed',
      showAs: wordsFor('en').reconstructed,
    });
  }
  if (data.source) {
    references.ele('TLCReference', {
      eId: `src_${slug(data.source.id)}`,
      href: `/api/sources/${encodeURIComponent(data.source.id)}`,
      name: 'source',
      showAs: printable(data.source.title),
    });
  }

  const body = collection.ele('collectionBody');
  text.languageVersions.forEach((version, i) => {
    const cmp = `cmp_${i + 1}`;
    const words = wordsFor(version.language);
    const doc = body
      .ele('component', { eId: cmp, wId: version.language })
      .ele('doc', { name, contains: 'originalVersion' });
    identification(doc.ele('meta'), {
      work,
      expression: expressionOf(version.language),
      date,
      name,
      number: text.number,
      languages: [version.language],
      authoritative: version.original || version.authentic,
      version: text.version,
    });
    const preface = doc.ele('preface');
    preface
      .ele('p', { class: 'marking' })
      .ele('docStatus', { refersTo: '#markings' })
      .txt(xmlText(text.classification.name));
    if (text.releasableTo) {
      preface
        .ele('p', { class: 'releasability' })
        .txt(
          xmlText(
            `${words.releasableTo}: ${text.releasableTo.map((p) => labelOf(data, p)).join(', ')}`,
          ),
        );
    }
    preface
      .ele('p', { class: 'council' })
      .ele('docAuthority')
      .txt(xmlText(printable(council.name)));
    if (text.number) preface.ele('p').ele('docNumber').txt(xmlText(text.number));
    preface
      .ele('p')
      .ele('docDate', { date })
      .txt(xmlText(longDate(date, version.language)));
    preface.ele('p', { class: 'kind' }).ele('docType').txt(xmlText(words.kind[text.kind]));
    preface
      .ele('longTitle')
      .ele('p')
      .ele('docTitle')
      .txt(xmlText(printable(text.title)));
    preface
      .ele('p', { class: 'original' })
      .txt(xmlText(`${words.original}: ${words.languageName(text.originalLanguage)}`));
    preface
      .ele('p', { class: 'state' })
      .ele('docStage')
      .txt(xmlText(stateLine(text, words)));
    if (data.ref) {
      const on = refDate(data.ref, version.language);
      preface
        .ele('p', { class: `ref-${data.ref.kind}` })
        .txt(xmlText(`${words.ref[data.ref.kind]}: ${printable(data.ref.title)}${on}`));
    }
    if (text.chairStatement) {
      preface
        .ele('p', { class: 'chair-statement' })
        .ele('docProponent', { refersTo: `#${partyRef(text.chairStatement.party)}` })
        .txt(xmlText(words.chairStatement(labelOf(data, text.chairStatement.party))));
    }
    if (text.reconstructed) {
      preface
        .ele('p', { class: 'reconstructed', refersTo: '#reconstructed' })
        .txt(xmlText(words.reconstructed));
    }
    if (data.source) {
      preface
        .ele('p', { class: 'source' })
        .txt(xmlText(`${words.source}: `))
        .ele('ref', { href: `/api/sources/${encodeURIComponent(data.source.id)}` })
        .txt(xmlText(printable(data.source.title)));
    }

    const main = doc.ele('mainBody');
    version.paragraphs.forEach((paragraph, p) => {
      const eId = `${cmp}__para_${p + 1}`;
      const line = main
        .ele('paragraph', { eId, wId: paragraph.id })
        .ele('num')
        .txt(xmlText(`${p + 1}.`))
        .up()
        .ele('content')
        .ele('p');
      if (paragraph.segments.length === 0) line.txt(xmlText(words.notTranslated));
      let bracket = 0;
      for (const segment of paragraph.segments) {
        if (segment.kind === 'text') {
          line.txt(xmlText(printable(segment.text)));
          continue;
        }
        bracket += 1;
        const brk = line.ele('inline', {
          name: 'bracket',
          eId: `${eId}__brk_${bracket}`,
          wId: segment.id,
        });
        segment.alternatives.forEach((alternative, a) => {
          brk
            .ele('inline', {
              name: 'alternative',
              eId: `${eId}__brk_${bracket}__alt_${a + 1}`,
              wId: alternative.id,
              refersTo: `#${partyRef(alternative.holder)}`,
              title: labelOf(data, alternative.holder),
            })
            .txt(xmlText(printable(alternative.text)));
        });
      }
    });
    if (text.statements.length > 0) {
      const conclusions = doc.ele('conclusions');
      text.statements.forEach((statement, s) => {
        conclusions
          .ele('p', {
            class: statement.kind,
            eId: `${cmp}__statement_${s + 1}`,
            refersTo: `#${partyRef(statement.party)}`,
          })
          .txt(
            xmlText(
              `${words.statements[statement.kind]} (${labelOf(data, statement.party)}): ${printable(statement.text)}`,
            ),
          );
      });
    }
  });
  return root.end({ prettyPrint: true });
}

const partyRef = (party: string) => `party_${slug(party)}`;

function labelOf(data: TextExport, party: string): string {
  return data.parties.find((p) => p.id === party)?.label ?? party;
}

function identification(
  meta: XMLBuilder,
  spec: {
    work: string;
    expression: string;
    date: string;
    name: string;
    number: string | null;
    languages: readonly string[];
    /** null: the collection, whose expression holds every language. */
    authoritative: boolean | null;
    version: number;
  },
): void {
  const identification = meta.ele('identification', { source: '#secretariat' });
  const core = (parent: XMLBuilder, thisUri: string, uri: string, dateName: string) => {
    parent.ele('FRBRthis', { value: thisUri });
    parent.ele('FRBRuri', { value: uri });
    parent.ele('FRBRdate', { date: spec.date, name: dateName });
    parent.ele('FRBRauthor', { href: '#council', as: '#author' });
  };
  const work = identification.ele('FRBRWork');
  core(work, `${spec.work}/!main`, spec.work, 'adoption');
  work.ele('FRBRcountry', { value: 'int' });
  if (spec.number) work.ele('FRBRnumber', { value: spec.number });
  work.ele('FRBRname', { value: spec.name });
  const expression = identification.ele('FRBRExpression');
  core(expression, `${spec.expression}/!main`, spec.expression, 'version');
  expression.ele('FRBRversionNumber', { value: String(spec.version) });
  if (spec.authoritative !== null) {
    expression.ele('FRBRauthoritative', { value: String(spec.authoritative) });
  }
  for (const language of spec.languages) expression.ele('FRBRlanguage', { language });
  const manifestation = identification.ele('FRBRManifestation');
  core(manifestation, `${spec.expression}/!main.xml`, `${spec.expression}.akn`, 'generation');
  manifestation.ele('FRBRformat', { value: AKN_MEDIA_TYPE });
}
