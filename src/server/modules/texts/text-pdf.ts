import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import {
  formatParagraph,
  type Labels,
  LINE_WIDTH,
  type Paragraph,
} from '../../../shared/text-content.ts';
import type { TextState } from '../../../shared/vocabularies.ts';
import {
  documentDate,
  longDate,
  printable,
  refDate,
  stateLine,
  wordsFor,
} from './document-words.ts';
import type { TextExport } from './text-export.ts';

/**
 * DejaVu (shipped through npm as dejavu-fonts-ttf) covers Latin with its accents, Cyrillic and
 * Greek: every official language of the council prints in the one embedded font.
 */
const FONT_FOLDER = join(
  dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
const FONTS = {
  serif: 'DejaVuSerif.ttf',
  serifBold: 'DejaVuSerif-Bold.ttf',
  serifItalic: 'DejaVuSerif-Italic.ttf',
  sans: 'DejaVuSans.ttf',
  sansBold: 'DejaVuSans-Bold.ttf',
} as const;
type Font = keyof typeof FONTS;
let fontFiles: Record<Font, Buffer> | undefined;
const fonts = () => {
  fontFiles ??= Object.fromEntries(
    Object.entries(FONTS).map(([name, file]) => [name, readFileSync(join(FONT_FOLDER, file))]),
  ) as Record<Font, Buffer>;
  return fontFiles;
};

/** The states of a text still under negotiation: printed with line numbers, as drafts are. */
const NEGOTIATED: readonly TextState[] = ['draft', 'tabled', 'ad-ref', 'under-silence'];

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 92, bottom: 80, left: 72, right: 64 };
const GUTTER = 30;
const BODY_SIZE = 10.5;
const BRACKET_COLOUR = '#8a1c1c';
const TEXT_COLOUR = '#111111';

/**
 * The text as a PDF a secretariat would circulate, in one language version: council, title,
 * number and date; the classification marking at the top and bottom of every page;
 * "Original: <language>"; on a text still negotiated, numbered lines (the same numbers as the
 * API's `firstLine`, wrapped at LINE_WIDTH characters) and brackets in colour with their
 * holders; the reconstructed notice and the source where they apply; "Page n of N".
 * Deterministic: the creation date is the text's own, and nothing else varies.
 */
export function textToPdf(data: TextExport, language: string): Promise<Buffer> {
  const { text, council } = data;
  const words = wordsFor(language);
  const date = documentDate(text);
  const version = text.languageVersions.find((v) => v.language === language);
  const labels: Labels = new Map(data.parties.map((p) => [p.id, p.label]));
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    lang: language,
    displayTitle: true,
    info: {
      Title: printable(text.title),
      Author: printable(council.name),
      Subject: `${text.classification.name}${text.number ? ` ${text.number}` : ''}`,
      Creator: 'Joint Council',
      Producer: 'Joint Council (PDFKit)',
      CreationDate: new Date(date),
      ModDate: new Date(date),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [name, file] of Object.entries(fonts())) doc.registerFont(name, file);
  doc.addPage();
  const width = PAGE.width - MARGIN.left - MARGIN.right;
  const font = (name: Font, size: number, colour = TEXT_COLOUR) =>
    doc.font(name).fontSize(size).fillColor(colour);

  // The face of the document.
  font('sansBold', 13).text(printable(council.name), { align: 'center' });
  doc.moveDown(0.6);
  const facts = [text.number, longDate(date, language)].filter((x) => x !== null).join('  ·  ');
  font('sans', 10).text(facts, { align: 'right' });
  font('sans', 10).text(`${words.original}: ${words.languageName(text.originalLanguage)}`, {
    align: 'right',
  });
  if (language !== text.originalLanguage) {
    font('sans', 10).text(words.languageName(language), { align: 'right' });
  }
  doc.moveDown(1);
  font('sans', 9.5, '#444444').text(words.kind[text.kind].toLocaleUpperCase(language), {
    align: 'center',
  });
  doc.moveDown(0.3);
  font('serifBold', 15).text(printable(text.title), { align: 'center' });
  doc.moveDown(0.4);
  font('sans', 9.5, '#444444').text(stateLine(text, words), { align: 'center' });
  if (data.ref) {
    const on = refDate(data.ref, language);
    font('sans', 9.5, '#444444').text(
      `${words.ref[data.ref.kind]}: ${printable(data.ref.title)}${on}`,
      { align: 'center' },
    );
  }
  doc.moveDown(0.8);
  if (text.chairStatement) {
    const party = data.parties.find((p) => p.id === text.chairStatement?.party);
    notice(doc, words.chairStatement(party?.label ?? text.chairStatement.party), width);
  }
  if (text.reconstructed) {
    const source = data.source ? `${words.source}: ${printable(data.source.title)}` : null;
    notice(doc, [words.reconstructed, source].filter((x) => x !== null).join('\n'), width);
  } else if (data.source) {
    font('sans', 9, '#444444').text(`${words.source}: ${printable(data.source.title)}`);
    doc.moveDown(0.6);
  }
  if (text.state === 'draft') {
    font('sansBold', 10, BRACKET_COLOUR).text(words.draft, { align: 'center' });
    doc.moveDown(0.6);
  }

  const paragraphs = version?.paragraphs ?? [];
  if (NEGOTIATED.includes(text.state)) {
    printNumberedLines(doc, paragraphs, labels, width, words.notTranslated);
  } else {
    printParagraphs(doc, paragraphs, labels, width, words.notTranslated);
  }

  if (text.statements.length > 0) {
    doc.moveDown(1);
    for (const statement of text.statements) {
      const party = data.parties.find((p) => p.id === statement.party)?.label ?? statement.party;
      font('serifBold', BODY_SIZE).text(`${words.statements[statement.kind]} (${party})`, {
        width,
      });
      font('serif', BODY_SIZE).text(printable(statement.text), { width, align: 'justify' });
      doc.moveDown(0.6);
    }
  }

  // Every page's header and footer, once the number of pages is known.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i += 1) {
    doc.switchToPage(range.start + i);
    // Writing in the margins must not make pdfkit start a new page.
    const { bottom } = doc.page.margins;
    doc.page.margins.bottom = 0;
    const marking = printable(text.classification.name);
    const releasable = text.releasableTo
      ? `${words.releasableTo}: ${text.releasableTo.map((p) => labels.get(p) ?? p).join(', ')}`
      : null;
    font('sansBold', 11).text(marking, MARGIN.left, 28, { width, align: 'center' });
    if (releasable) font('sans', 8).text(releasable, MARGIN.left, 42, { width, align: 'center' });
    font('sans', 8, '#444444').text(printable(council.shortName), MARGIN.left, 58, { width });
    font('sans', 8, '#444444').text(text.number ?? '', MARGIN.left, 58, { width, align: 'right' });
    doc
      .moveTo(MARGIN.left, 70)
      .lineTo(PAGE.width - MARGIN.right, 70)
      .lineWidth(0.5)
      .strokeColor('#888888')
      .stroke();
    const foot = PAGE.height - 52;
    doc
      .moveTo(MARGIN.left, foot - 8)
      .lineTo(PAGE.width - MARGIN.right, foot - 8)
      .stroke();
    font('sans', 8, '#444444').text(
      `${words.original}: ${words.languageName(text.originalLanguage)}`,
      MARGIN.left,
      foot,
      { width },
    );
    font('sans', 8, '#444444').text(words.page(i + 1, range.count), MARGIN.left, foot, {
      width,
      align: 'right',
    });
    font('sansBold', 11).text(marking, MARGIN.left, foot + 14, { width, align: 'center' });
    if (releasable)
      font('sans', 8).text(releasable, MARGIN.left, foot + 28, { width, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function notice(doc: PDFKit.PDFDocument, message: string, width: number): void {
  const top = doc.y;
  const height = doc
    .font('sansBold')
    .fontSize(9.5)
    .heightOfString(message, { width: width - 16 });
  doc
    .rect(MARGIN.left, top, width, height + 12)
    .lineWidth(0.8)
    .strokeColor(BRACKET_COLOUR)
    .stroke();
  doc
    .fillColor(BRACKET_COLOUR)
    .text(message, MARGIN.left + 8, top + 6, { width: width - 16, align: 'center' });
  doc.fillColor(TEXT_COLOUR);
  doc.x = MARGIN.left;
  doc.y = top + height + 22;
}

/** One run of a paragraph in the plain-text form, and whether it is a bracket. */
interface Run {
  text: string;
  bracket: boolean;
}

function runsOf(paragraph: Paragraph, labels: Labels): Run[] {
  return paragraph.segments.map((segment) => ({
    // Each segment alone, in the plain-text form: holders' labels, escapes and all.
    text: printable(formatParagraph({ id: paragraph.id, segments: [segment] }, labels)),
    bracket: segment.kind === 'bracket',
  }));
}

/**
 * The paragraph's words with whether each character is in a bracket, wrapped greedily at
 * LINE_WIDTH characters exactly as `wrap` does (so the line numbers are the API's).
 */
function wrappedLines(paragraph: Paragraph, labels: Labels): Run[][] {
  const runs = runsOf(paragraph, labels);
  const chars: { c: string; bracket: boolean }[] = runs.flatMap((run) =>
    [...run.text].map((c) => ({ c, bracket: run.bracket })),
  );
  const wordsOf: { c: string; bracket: boolean }[][] = [];
  let current: { c: string; bracket: boolean }[] = [];
  for (const ch of chars) {
    if (/\s/.test(ch.c)) {
      if (current.length > 0) wordsOf.push(current);
      current = [];
    } else current.push(ch);
  }
  if (current.length > 0) wordsOf.push(current);
  const lines: { c: string; bracket: boolean }[][] = [];
  let line: { c: string; bracket: boolean }[] = [];
  // `wrap` counts UTF-16 code units; so does this.
  const length = (xs: { c: string }[]) => xs.reduce((n, x) => n + x.c.length, 0);
  for (const word of wordsOf) {
    if (line.length === 0) line = [...word];
    else if (length(line) + 1 + length(word) <= LINE_WIDTH) {
      const last = line[line.length - 1];
      const next = word[0];
      line.push({ c: ' ', bracket: Boolean(last?.bracket && next?.bracket) }, ...word);
    } else {
      lines.push(line);
      line = [...word];
    }
  }
  lines.push(line);
  return lines.map((chs) => {
    const merged: Run[] = [];
    for (const ch of chs) {
      const last = merged[merged.length - 1];
      if (last && last.bracket === ch.bracket) last.text += ch.c;
      else merged.push({ text: ch.c, bracket: ch.bracket });
    }
    return merged;
  });
}

function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > PAGE.height - MARGIN.bottom) {
    doc.addPage();
    doc.y = MARGIN.top;
  }
}

/** A negotiated text: every line numbered in the gutter, paragraphs numbered, brackets in colour. */
function printNumberedLines(
  doc: PDFKit.PDFDocument,
  paragraphs: readonly Paragraph[],
  labels: Labels,
  width: number,
  empty: string,
): void {
  const textLeft = MARGIN.left + GUTTER;
  const textWidth = width - GUTTER;
  const lineHeight = BODY_SIZE * 1.55;
  let number = 1;
  paragraphs.forEach((paragraph, p) => {
    ensureRoom(doc, lineHeight * 2);
    doc.y += lineHeight * 0.4;
    const lines = wrappedLines(paragraph, labels);
    lines.forEach((runs, l) => {
      ensureRoom(doc, lineHeight);
      const y = doc.y;
      // Every piece of a line sits on one baseline, whatever its font and size.
      const baseline = y + BODY_SIZE;
      doc
        .font('sans')
        .fontSize(7.5)
        .fillColor('#777777')
        .text(String(number), MARGIN.left - 6, baseline, {
          width: 24,
          align: 'right',
          lineBreak: false,
          baseline: 'alphabetic',
        });
      if (l === 0) {
        doc
          .font('serifBold')
          .fontSize(BODY_SIZE)
          .fillColor(TEXT_COLOUR)
          .text(`${p + 1}.`, MARGIN.left - 44, baseline, {
            width: 30,
            align: 'right',
            lineBreak: false,
            baseline: 'alphabetic',
          });
      }
      // A line of LINE_WIDTH wide characters may be wider than the column: it is scaled to fit.
      const plain = runs.map((r) => r.text).join('');
      doc.font('serif').fontSize(BODY_SIZE);
      const natural = doc.widthOfString(plain || ' ');
      const size = natural > textWidth ? (BODY_SIZE * textWidth) / natural : BODY_SIZE;
      let x = textLeft;
      if (plain.trim() === '') {
        doc.font('serifItalic').fontSize(size).fillColor('#777777');
        doc.text(empty, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
      }
      for (const run of runs) {
        doc
          .font(run.bracket ? 'serifBold' : 'serif')
          .fontSize(size)
          .fillColor(run.bracket ? BRACKET_COLOUR : TEXT_COLOUR);
        doc.text(run.text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
        x += doc.widthOfString(run.text);
      }
      doc.x = MARGIN.left;
      doc.y = y + lineHeight;
      number += 1;
    });
  });
  doc.fillColor(TEXT_COLOUR);
}

/** An agreed text: numbered paragraphs, justified. */
function printParagraphs(
  doc: PDFKit.PDFDocument,
  paragraphs: readonly Paragraph[],
  labels: Labels,
  width: number,
  empty: string,
): void {
  paragraphs.forEach((paragraph, p) => {
    ensureRoom(doc, BODY_SIZE * 3);
    const y = doc.y;
    doc
      .font('serifBold')
      .fontSize(BODY_SIZE)
      .fillColor(TEXT_COLOUR)
      .text(`${p + 1}.`, MARGIN.left, y, { width: 24, lineBreak: false });
    const runs = runsOf(paragraph, labels);
    doc.x = MARGIN.left + 28;
    doc.y = y;
    if (runs.length === 0) {
      doc.font('serifItalic').text(empty, { width: width - 28 });
    }
    runs.forEach((run, i) => {
      doc
        .font(run.bracket ? 'serifBold' : 'serif')
        .fontSize(BODY_SIZE)
        .fillColor(run.bracket ? BRACKET_COLOUR : TEXT_COLOUR)
        .text(run.text, {
          width: width - 28,
          align: 'justify',
          lineGap: 2,
          continued: i < runs.length - 1,
        });
    });
    doc.fillColor(TEXT_COLOUR);
    doc.x = MARGIN.left;
    doc.moveDown(0.7);
  });
}
