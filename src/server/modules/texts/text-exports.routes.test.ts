import { extractTextItems, type StructuredTextItem } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aknSchema, validateAkn } from '../../../../tests/support/akn-schema.ts';
import {
  addUser,
  callApi,
  callOk,
  createTestContext,
  type Method,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { TEXT_KINDS } from '../../../shared/vocabularies.ts';
import { AKN_DOC_NAMES } from './text-akn.ts';

/**
 * The exports of a text, on the seeded PJC council (English, French and Russian): Akoma Ntoso
 * valid against the OASIS schema with the shared paragraph ids, and PDFs a secretariat would
 * circulate, with the marking on every page. Both are reads of the text: what the caller may
 * not read answers 404 like a missing text.
 */

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;
let natoAdmin: TestUser;
let natoChair: TestUser;

const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callApi(ctx, user, method, url, payload);
const ok = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callOk(ctx, user, method, url, payload);

beforeAll(async () => {
  ctx = await createTestContext({ seed: 'pjc' });
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  natoAdmin = await addUser(ctx, 'nato', ['admin']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
});
afterAll(async () => ctx.close());

const ENGLISH = [
  'The Permanent Joint Council [NATO: welcomes | RUS: notes] the opening of the office.',
  'Ministers met at NATO headquarters in Brussels; the co-chairs’ “résumé” follows.',
  'A long paragraph to wrap onto several lines of the printed draft, so that its numbered lines are seen to run on from one paragraph to the next without a gap or a repeat.',
];
const FRENCH = [
  'Le Conseil conjoint permanent [NATO: se félicite de | RUS: prend note de] l’ouverture du bureau.',
  'Les ministres se sont réunis au siège de l’OTAN à Bruxelles ; le « résumé » suit.',
  'Un long paragraphe, à répartir sur plusieurs lignes du projet imprimé, dont les lignes numérotées se suivent d’un paragraphe à l’autre.',
];
const RUSSIAN = [
  'Постоянный совместный совет [NATO: приветствует | RUS: принимает к сведению] открытие бюро.',
  'Министры встретились в штаб-квартире НАТО в Брюсселе; «резюме» сопредседателей прилагается.',
  'Длинный абзац, который займёт несколько строк печатного проекта, чтобы было видно, что нумерация строк продолжается от абзаца к абзацу.',
];

/** A joint text in three languages, bracketed, of the given kind. */
async function trilingual(kind: string, paragraphs = ENGLISH) {
  const text = await ok(natoSecretary, 'POST', '/texts', {
    kind,
    title: `Répertoire — ${kind} on the Информационное бюро`,
    visibility: 'joint',
    paragraphs,
  });
  let version = text.version;
  const ids: string[] = text.languageVersions[0].paragraphs.map((p: { id: string }) => p.id);
  for (const [language, texts] of [
    ['fr', FRENCH],
    ['ru', RUSSIAN],
  ] as const) {
    for (const [i, id] of ids.entries()) {
      const translated = await ok(
        natoSecretary,
        'PUT',
        `/texts/${text.id}/languages/${language}/paragraphs/${id}`,
        { version, text: texts[i] ?? 'Texte.' },
      );
      version = translated.version;
    }
  }
  return { id: text.id as string, ids };
}

const akn = async (user: TestUser | null, id: string) => {
  const response = await call(user, 'GET', `/texts/${id}/akn`);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/akn+xml; charset=utf-8');
  return response.body;
};

const pdf = async (user: TestUser | null, id: string, lang?: string) => {
  const response = await call(user, 'GET', `/texts/${id}/pdf${lang ? `?lang=${lang}` : ''}`);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  return response.rawPayload;
};

/** Each page's lines as a reader sees them: top to bottom, each line's pieces left to right. */
async function linesOf(bytes: Buffer): Promise<StructuredTextItem[][][]> {
  const { items } = await extractTextItems(new Uint8Array(bytes));
  return items.map((page) => {
    const lines = new Map<number, StructuredTextItem[]>();
    for (const item of page.filter((i) => i.str.trim() !== '')) {
      const y = Math.round(item.y);
      lines.set(y, [...(lines.get(y) ?? []), item]);
    }
    return [...lines.entries()]
      .sort(([a], [b]) => b - a)
      .map(([, line]) => line.sort((a, b) => a.x - b.x));
  });
}

/** A page's text on one line, without the line numbers of a negotiated text. */
const flat = (page = '') =>
  page
    .split('\n')
    .map((line) => line.replace(/^(\d+\. )?\d+ /, '$1'))
    .join(' ');

/** Each page as text, line by line, top to bottom. */
const pagesOf = async (bytes: Buffer) =>
  (await linesOf(bytes)).map((lines) =>
    lines
      .map((line) =>
        line
          .map((i) => i.str)
          .join(' ')
          .replace(/\s+/g, ' '),
      )
      .join('\n'),
  );

const schema = aknSchema();
if (!schema.found) console.warn(`Akoma Ntoso validation skipped: ${schema.reason}`);

describe('GET /texts/{id}/akn', () => {
  it.runIf(schema.found)(
    'is valid Akoma Ntoso for every kind, bracketed, accented and Cyrillic, in three languages',
    async () => {
      if (!schema.found) return;
      const documents = [];
      for (const kind of TEXT_KINDS) {
        const { id } = await trilingual(kind);
        documents.push({ name: `${kind}.xml`, xml: await akn(natoSecretary, id) });
      }
      // A caucus draft too: brackets, one language written, the others empty.
      const draft = await ok(natoSecretary, 'POST', '/texts', {
        kind: 'communique',
        title: 'Projet de communiqué',
        paragraphs: ['Les Alliés [NATO: saluent | RUS: notent] « la coopération » — à Москва.'],
      });
      documents.push({ name: 'draft.xml', xml: await akn(natoSecretary, draft.id) });
      expect(await validateAkn(schema, documents)).toEqual([]);
    },
  );

  it.runIf(schema.found)('is valid for every text the seeded record holds', async () => {
    if (!schema.found) return;
    const seeded = (await ok(russiaSecretary, 'GET', '/texts?limit=100&state=adopted')).items as {
      id: string;
    }[];
    expect(seeded.length).toBeGreaterThanOrEqual(2);
    const documents = [];
    for (const text of seeded) {
      documents.push({ name: `${text.id}.xml`, xml: await akn(russiaSecretary, text.id) });
    }
    expect(await validateAkn(schema, documents)).toEqual([]);
  });

  it.runIf(schema.found)(
    'is checked by a validator that refuses what breaks the schema',
    async () => {
      if (!schema.found) return;
      const { id } = await trilingual('communique');
      const xml = await akn(natoSecretary, id);
      // An element the standard does not have, and a document without its FRBR work.
      const broken = [
        xml.replace('<mainBody>', '<mainBody><sentence/>'),
        xml.replace(/<FRBRWork>[\s\S]*?<\/FRBRWork>/, ''),
      ];
      for (const [i, document] of broken.entries()) {
        expect(await validateAkn(schema, [{ name: `broken-${i}.xml`, xml: document }])).not.toEqual(
          [],
        );
      }
    },
  );

  it('names the doc for its kind, one expression per language, the original authoritative, the shared ids as wId', async () => {
    const { id, ids } = await trilingual('joint-statement');
    const xml = await akn(russiaSecretary, id);
    expect(xml).toContain(`<documentCollection name="${AKN_DOC_NAMES['joint-statement']}"`);
    expect(xml.match(/<doc name="jointStatement"/g)).toHaveLength(3);
    for (const language of ['en', 'fr', 'ru']) {
      expect(xml).toContain(`<FRBRlanguage language="${language}"/>`);
    }
    // Only the original is authoritative until both parties declare a translation authentic.
    expect(xml.match(/<FRBRauthoritative value="true"\/>/g)).toHaveLength(1);
    expect(xml.match(/<FRBRauthoritative value="false"\/>/g)).toHaveLength(2);
    expect(xml).toMatch(/<original eId="original" href="[^"]+\/en@[^"]+"/);
    // Each paragraph id appears once per language version, as the work-level id.
    for (const paragraphId of ids) {
      expect(
        xml.match(new RegExp(`<paragraph eId="cmp_\\d__para_\\d" wId="${paragraphId}">`, 'g')),
      ).toHaveLength(3);
    }
    expect(xml).toContain('showAs="NATO UNCLASSIFIED"');
    expect(xml).toContain('<docStatus refersTo="#markings">NATO UNCLASSIFIED</docStatus>');
    expect(xml).toContain('Постоянный совместный совет');
    expect(xml).toContain('se félicite de');
  });

  it('keeps each bracket with its alternatives and their holders', async () => {
    const { id } = await trilingual('communique');
    const xml = await akn(natoSecretary, id);
    expect(xml).toMatch(
      /<inline name="bracket" eId="cmp_1__para_1__brk_1" wId="[^"]+">\s*<inline name="alternative" eId="cmp_1__para_1__brk_1__alt_1" wId="[^"]+" refersTo="#party_nato" title="NATO">welcomes<\/inline>\s*<inline name="alternative" eId="cmp_1__para_1__brk_1__alt_2" wId="[^"]+" refersTo="#party_russia" title="RUS">notes<\/inline>/,
    );
    expect(xml).toContain('<TLCOrganization eId="party_russia"');
    // Who proposed a wording is its party's to know; the export never carries it.
    expect(xml).not.toContain(natoSecretary.actor.userId);
  });

  it('is the same document, byte for byte, for the same version', async () => {
    const { id } = await trilingual('press-statement');
    const first = await akn(natoSecretary, id);
    ctx.advance(3_600_000);
    expect(await akn(natoSecretary, id)).toBe(first);
  });
});

describe('GET /texts/{id}/pdf', () => {
  it('prints the marking at the top and bottom of every page, page numbers, and the original language', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `${ENGLISH[2]} (${i + 1})`);
    const { id } = await trilingual('summary-record', many);
    const pages = await pagesOf(await pdf(natoSecretary, id));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      const lines = page.split('\n');
      expect(lines[0], `top of page ${i + 1}`).toBe('NATO UNCLASSIFIED');
      expect(lines.at(-1), `bottom of page ${i + 1}`).toBe('NATO UNCLASSIFIED');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toContain('Original: English');
    });
    const first = flat(pages[0]);
    expect(first).toContain('NATO-Russia Permanent Joint Council');
    expect(first).toContain('Répertoire — summary-record on the Информационное бюро');
  });

  it('prints the language version asked, Cyrillic included, with brackets and their holders', async () => {
    const { id } = await trilingual('joint-statement');
    const russian = flat((await pagesOf(await pdf(russiaSecretary, id, 'ru')))[0]);
    expect(russian).toContain('Оригинал: Английский');
    expect(russian).toContain('[NATO: приветствует | RUS: принимает к сведению]');
    expect(russian).toContain('Страница 1 из 1');
    const french = flat((await pagesOf(await pdf(russiaSecretary, id, 'fr')))[0]);
    expect(french).toContain('[NATO: se félicite de | RUS: prend note de]');
    expect(french).toContain('« résumé »');
  });

  it('numbers the lines of a text under negotiation as the API numbers them', async () => {
    const { id } = await trilingual('communique');
    const text = await ok(natoSecretary, 'GET', `/texts/${id}`);
    const last = text.languageVersions[0].paragraphs.at(-1);
    const [page] = await linesOf(await pdf(natoSecretary, id));
    // The numbers in the gutter, left of the text and right of the paragraph numbers.
    const numbered = (page ?? []).flatMap((line) =>
      line
        .filter((item) => /^\d+$/.test(item.str) && item.x > 60 && item.x < 100)
        .map((i) => i.str),
    );
    const lastLine = last.firstLine + last.lines - 1;
    expect(lastLine).toBeGreaterThan(3);
    expect(numbered).toEqual(Array.from({ length: lastLine }, (_, i) => String(i + 1)));
  });

  it('is the same file, byte for byte, for the same version', async () => {
    const { id } = await trilingual('decision-sheet');
    const first = await pdf(natoSecretary, id, 'fr');
    ctx.advance(3_600_000);
    expect((await pdf(natoSecretary, id, 'fr')).equals(first)).toBe(true);
  });

  it('refuses a language the text does not have, naming the field', async () => {
    const { id } = await trilingual('decision-sheet');
    for (const lang of ['de', 'english']) {
      const response = await call(natoSecretary, 'GET', `/texts/${id}/pdf?lang=${lang}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.json().errors)).toContain('lang');
    }
  });
});

describe('a seeded text', () => {
  const id = 'text-2000-12-15-work-programme-2001';

  it('says on its face that it is reconstructed from the fact sheet, and names its source', async () => {
    const pages = await pagesOf(await pdf(russiaSecretary, id));
    expect(pages).toHaveLength(1);
    const page = flat(pages[0]);
    expect(page).toContain('Reconstructed from the fact sheet, not the original wording.');
    expect(page).toContain('Source: Russia-NATO relations');
    expect(page).toContain('Work programme of the Permanent Joint Council for 2001');
    expect(page).toContain('15 December 2000');
    expect(page).toContain('WORK PROGRAMME');
    expect(page).toContain('Decision: Work programme for 2001, 15 December 2000');
    expect(page).toContain('Adopted');
    // An adopted text is printed as agreed: numbered paragraphs, no line numbers.
    const [lines] = await linesOf(await pdf(russiaSecretary, id));
    expect(
      (lines ?? []).flat().filter((i) => /^\d+$/.test(i.str) && i.x > 60 && i.x < 100),
    ).toEqual([]);
    const xml = await akn(russiaSecretary, id);
    expect(xml).toContain(
      '<p class="reconstructed" refersTo="#reconstructed">Reconstructed from the fact sheet, not the original wording.</p>',
    );
    expect(xml).toContain('<ref href="/api/sources/fact-sheet">Russia-NATO relations</ref>');
    expect(xml).toContain('<FRBRdate date="2000-12-15" name="adoption"/>');
  });
});

describe("a chair's statement", () => {
  it('says on its face that its chair issued it alone, and never that it was adopted', async () => {
    const draft = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'chair-statement',
      title: 'Statement by the Chairman',
      paragraphs: ['The Chairman noted the discussion.'],
    });
    let version = draft.version;
    const paragraph = draft.languageVersions[0].paragraphs[0].id;
    for (const [language, text] of [
      ['fr', 'Le Président a pris note de la discussion.'],
      ['ru', 'Председатель принял к сведению обсуждение.'],
    ]) {
      version = (
        await ok(
          natoSecretary,
          'PUT',
          `/texts/${draft.id}/languages/${language}/paragraphs/${paragraph}`,
          {
            version,
            text,
          },
        )
      ).version;
    }
    const issued = await ok(natoChair, 'POST', `/texts/${draft.id}/issue`, { version });
    const response = await call(natoSecretary, 'GET', `/texts/${issued.id}/pdf?lang=ru`);
    expect(issued.number).toMatch(/^PJC\(2001\)\d{3}$/);
    expect(response.headers['content-disposition']).toBe(
      `inline; filename="PJC-2001-${issued.number.slice(-3)}.ru.pdf"`,
    );
    const page = flat((await pagesOf(await pdf(natoSecretary, issued.id)))[0]);
    expect(page).toContain(
      "Chair's statement, issued by the NATO chair on the chair's own authority: it binds nobody else.",
    );
    expect(page).toContain('Issued');
    expect(page).not.toContain('Adopted');
    const xml = await akn(natoSecretary, issued.id);
    expect(xml).toContain('<docProponent refersTo="#party_nato">');
    expect(xml).not.toContain('>Adopted<');
  });
});

describe('who reads an export', () => {
  it("answers 404 for the other party's caucus draft, exactly like a missing text", async () => {
    const draft = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'Allied line',
      paragraphs: ['Our line.'],
    });
    for (const format of ['akn', 'pdf']) {
      const hidden = await call(russiaSecretary, 'GET', `/texts/${draft.id}/${format}`);
      const missing = await call(russiaSecretary, 'GET', `/texts/no-such-text/${format}`);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.body.replace(draft.id, 'X')).toBe(missing.body.replace('no-such-text', 'X'));
      expect((await call(null, 'GET', `/texts/${draft.id}/${format}`)).statusCode).toBe(404);
    }
  });

  it('answers 404 to a reader not cleared for the marking', async () => {
    await ok(natoAdmin, 'PATCH', `/users/${natoSecretary.actor.userId}`, {
      clearance: 'nato-restricted',
    });
    const marked = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'Restricted line',
      classification: 'nato-restricted',
      releasableTo: ['nato'],
      paragraphs: ['A restricted line.'],
    });
    const reader = await addUser(ctx, 'nato', ['member']);
    await ok(natoAdmin, 'PATCH', `/users/${reader.actor.userId}`, { clearance: 'nato-restricted' });
    const [page] = await pagesOf(await pdf(reader, marked.id));
    const lines = (page ?? '').split('\n');
    expect([lines[0], lines[1], lines.at(-2), lines.at(-1)]).toEqual([
      'NATO RESTRICTED',
      'Releasable to: NATO',
      'NATO RESTRICTED',
      'Releasable to: NATO',
    ]);
    expect(await akn(reader, marked.id)).toContain('showAs="Releasable to NATO"');
    await ok(natoAdmin, 'PATCH', `/users/${reader.actor.userId}`, {
      clearance: 'nato-unclassified',
    });
    for (const format of ['akn', 'pdf']) {
      expect((await call(reader, 'GET', `/texts/${marked.id}/${format}`)).statusCode).toBe(404);
    }
  });
});
