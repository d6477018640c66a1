import type { Text } from '../../../shared/texts.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { getText } from './text.view.ts';
import { labelsOf } from './texts.repository.ts';

/**
 * Everything an export of a text shows, read as the caller may read it: the text through the
 * same read as `GET /texts/{id}` (visibility and marking, 404 alike for what the caller may not
 * see), with the council, the parties and the source it cites. The formats (Akoma Ntoso, PDF)
 * are pure functions of this value, so two exports of the same version are byte for byte the
 * same.
 */
export interface TextExport {
  text: Text;
  council: { id: string; name: string; shortName: string };
  parties: { id: string; name: string; label: string }[];
  source: { id: string; title: string; publisher: string | null } | null;
}

export async function textExportOf(db: Executor, actor: Actor, id: string): Promise<TextExport> {
  const text = await getText(db, actor, id);
  const council = await db
    .selectFrom('council')
    .select(['id', 'name', 'shortName'])
    .executeTakeFirst();
  const { labels, parties } = await labelsOf(db);
  const source =
    text.sourceId === null
      ? undefined
      : await db
          .selectFrom('sources')
          .select(['id', 'title', 'publisher'])
          .where('id', '=', text.sourceId)
          .executeTakeFirst();
  return {
    text,
    council: council ?? { id: 'council', name: 'Joint Council', shortName: 'COUNCIL' },
    parties: parties.map((p) => ({ id: p.id, name: p.name, label: labels.get(p.id) ?? p.id })),
    source: source ?? null,
  };
}

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
  releasableTo: string;
  statements: { interpretative: string; reservation: string };
  notTranslated: string;
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
    releasableTo: 'Releasable to',
    statements: { interpretative: 'Interpretative statement', reservation: 'Reservation' },
    notTranslated: '(not yet translated)',
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
    releasableTo: 'Communicable à',
    statements: { interpretative: 'Déclaration interprétative', reservation: 'Réserve' },
    notTranslated: '(pas encore traduit)',
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
    releasableTo: 'Может быть передан',
    statements: { interpretative: 'Заявление о толковании', reservation: 'Оговорка' },
    notTranslated: '(ещё не переведено)',
  },
};

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
