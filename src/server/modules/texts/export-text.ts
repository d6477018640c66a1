import type { TextPdfQuery } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { textExportOf } from './text-export.ts';
import { renderTextPdf } from './text-pdf-rendering.ts';

/**
 * A text as Akoma Ntoso XML: read as `GET /texts/{id}` reads it (NotFound for a text the caller
 * may not see, its visibility or its marking alike), every language version.
 */
export async function exportTextAkn(deps: Deps, actor: Actor, id: string): Promise<string> {
  const data = await textExportOf(deps.db, actor, id);
  // Loaded on the first export, not at start: the XML builder is a tenth of the start-up time.
  const { textToAkn } = await import('./text-akn.ts');
  return textToAkn(data);
}

/**
 * A text as a PDF in one language version (the original by default): the same read as
 * `GET /texts/{id}`. ValidationFailed (`lang`) for a language the text does not have.
 */
export async function exportTextPdf(
  deps: Deps,
  actor: Actor,
  id: string,
  query: TextPdfQuery,
): Promise<{ pdf: Buffer; language: string; fileName: string }> {
  const data = await textExportOf(deps.db, actor, id);
  const language = query.lang ?? data.text.originalLanguage;
  if (!data.text.languages.includes(language)) {
    throw invalid('lang', `not a language of this text (${data.text.languages.join(', ')})`);
  }
  // Only characters a header and every file system take: `PJC(2001)004` -> `PJC-2001-004`.
  const name = (data.text.number ?? data.text.id).replace(/[^A-Za-z0-9_-]+/g, '-');
  return {
    pdf: await renderTextPdf(data, language),
    language,
    fileName: `${name}.${language}.pdf`,
  };
}
