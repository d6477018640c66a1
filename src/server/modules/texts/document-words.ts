import type { Text } from '../../../shared/texts.schemas.ts';
import type { TextExport } from './text-export.ts';

/*
 * The words and dates a text's documents print around it: pure, with no application code, so
 * that the PDF's worker thread loads nothing else.
 */

/** The date a text's exports carry: its adoption, else its last change. Never "now". */
export function documentDate(text: Pick<Text, 'adoptedAt' | 'updatedAt'>): string {
  return text.adoptedAt ?? text.updatedAt;
}

/** Characters XML 1.0 cannot hold (C0 controls but tab and newlines, lone surrogates, U+FFFE/F). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as a document can hold it: characters XML and PDF text cannot carry are dropped. */
export function printable(text: string): string {
  return text.replace(NOT_XML, '');
}

/** The words a document prints around the text, in the language version it shows. */
export interface DocumentWords {
  original: string;
  languageName: (code: string) => string;
  page: (n: number, of: number) => string;
  reconstructed: string;
  source: string;
  chairStatement: (party: string) => string;
  draft: string;
  state: Record<Text['state'], string>;
  /** A chair's statement is issued, never adopted: nobody but its chair agreed to it. */
  issued: string;
  releasableTo: string;
  statements: { interpretative: string; reservation: string };
  notTranslated: string;
  kind: Record<Text['kind'], string>;
  ref: { meeting: string; decision: string };
}

const STATE_EN: DocumentWords['state'] = {
  draft: 'Draft',
  tabled: 'Tabled for negotiation',
  'ad-ref': 'Agreed ad referendum',
  'under-silence': 'Under silence procedure',
  adopted: 'Adopted',
  published: 'Adopted and published',
  withdrawn: 'Withdrawn',
};

const WORDS: Record<string, Omit<DocumentWords, 'languageName'>> = {
  en: {
    original: 'Original',
    page: (n, of) => `Page ${n} of ${of}`,
    reconstructed: 'Reconstructed from the fact sheet, not the original wording.',
    source: 'Source',
    chairStatement: (party) =>
      `Chair's statement, issued by the ${party} chair on the chair's own authority: it binds nobody else.`,
    draft: 'Draft: not agreed.',
    state: STATE_EN,
    issued: 'Issued',
    releasableTo: 'Releasable to',
    statements: { interpretative: 'Interpretative statement', reservation: 'Reservation' },
    notTranslated: '(not yet translated)',
    kind: {
      'joint-statement': 'Joint statement',
      communique: 'Communiqué',
      'press-statement': 'Press statement',
      'chair-statement': 'Chair’s statement',
      'summary-record': 'Summary record',
      'work-programme': 'Work programme',
      'exchange-of-letters': 'Exchange of letters',
      'decision-sheet': 'Decision sheet',
    },
    ref: { meeting: 'Meeting', decision: 'Decision' },
  },
  fr: {
    original: 'Original',
    page: (n, of) => `Page ${n} sur ${of}`,
    reconstructed: 'Reconstitué à partir de la fiche d’information, et non le texte original.',
    source: 'Source',
    chairStatement: (party) =>
      `Déclaration de la présidence, faite par le président (${party}) sous sa seule autorité : elle n’engage personne d’autre.`,
    draft: 'Projet : non agréé.',
    state: {
      draft: 'Projet',
      tabled: 'Déposé pour négociation',
      'ad-ref': 'Agréé ad referendum',
      'under-silence': 'Sous procédure d’accord tacite',
      adopted: 'Adopté',
      published: 'Adopté et publié',
      withdrawn: 'Retiré',
    },
    issued: 'Émise',
    releasableTo: 'Communicable à',
    statements: { interpretative: 'Déclaration interprétative', reservation: 'Réserve' },
    notTranslated: '(pas encore traduit)',
    kind: {
      'joint-statement': 'Déclaration commune',
      communique: 'Communiqué',
      'press-statement': 'Communiqué de presse',
      'chair-statement': 'Déclaration de la présidence',
      'summary-record': 'Compte rendu analytique',
      'work-programme': 'Programme de travail',
      'exchange-of-letters': 'Échange de lettres',
      'decision-sheet': 'Relevé de décisions',
    },
    ref: { meeting: 'Réunion', decision: 'Décision' },
  },
  ru: {
    original: 'Оригинал',
    page: (n, of) => `Страница ${n} из ${of}`,
    reconstructed: 'Восстановлено по информационной справке, а не подлинный текст.',
    source: 'Источник',
    chairStatement: (party) =>
      `Заявление председателя (${party}), сделанное им от своего имени: оно никого больше не обязывает.`,
    draft: 'Проект: не согласован.',
    state: {
      draft: 'Проект',
      tabled: 'Внесён для переговоров',
      'ad-ref': 'Согласован ad referendum',
      'under-silence': 'Процедура молчания',
      adopted: 'Принят',
      published: 'Принят и опубликован',
      withdrawn: 'Отозван',
    },
    issued: 'Сделано',
    releasableTo: 'Может быть передан',
    statements: { interpretative: 'Заявление о толковании', reservation: 'Оговорка' },
    notTranslated: '(ещё не переведено)',
    kind: {
      'joint-statement': 'Совместное заявление',
      communique: 'Коммюнике',
      'press-statement': 'Заявление для печати',
      'chair-statement': 'Заявление председателя',
      'summary-record': 'Краткий отчёт',
      'work-programme': 'Программа работы',
      'exchange-of-letters': 'Обмен письмами',
      'decision-sheet': 'Перечень решений',
    },
    ref: { meeting: 'Заседание', decision: 'Решение' },
  },
};

/** The state a document prints: an issued chair's statement says "issued", not "adopted". */
export function stateLine(
  text: Pick<Text, 'state' | 'chairStatement'>,
  words: DocumentWords,
): string {
  const issued = text.chairStatement && (text.state === 'adopted' || text.state === 'published');
  return issued ? words.issued : words.state[text.state];
}

/** ", 15 December 2000" after a meeting or decision, unless its title already dates it. */
export function refDate(ref: NonNullable<TextExport['ref']>, language: string): string {
  if (ref.date === null || ref.title.includes(ref.date.slice(0, 4))) return '';
  return `, ${longDate(ref.date, language)}`;
}

/**
 * A date as the document prints it, in its language ("15 December 2000"), at the precision
 * known: a year or a month stays so; an instant is printed as its day in UTC.
 */
export function longDate(date: string, language: string): string {
  // British usage for English, as NATO's documents write it: "15 December 2000".
  const locale = language === 'en' || !WORDS[language] ? 'en-GB' : language;
  const [year, month, day] = date.slice(0, 10).split('-').map(Number);
  if (year === undefined || Number.isNaN(year)) return date;
  const at = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions =
    day !== undefined
      ? { day: 'numeric', month: 'long', year: 'numeric' }
      : month !== undefined
        ? { month: 'long', year: 'numeric' }
        : { year: 'numeric' };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(at);
}

/** The words for a language version; English for a language the council's exports do not know. */
export function wordsFor(language: string): DocumentWords {
  const words = WORDS[language] ?? (WORDS.en as Omit<DocumentWords, 'languageName'>);
  const names = new Intl.DisplayNames([WORDS[language] ? language : 'en'], { type: 'language' });
  return {
    ...words,
    languageName: (code) => {
      const name = names.of(code) ?? code;
      return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
    },
  };
}
