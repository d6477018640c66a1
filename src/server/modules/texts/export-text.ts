import type { TextPdfQuery } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { textToAkn } from './text-akn.ts';
import { textExportOf } from './text-export.ts';
import { renderTextPdf } from './text-pdf-rendering.ts';

/**
 * A text as Akoma Ntoso XML: read as `GET /texts/{id}` reads it (NotFound for a text the caller
 * may not see, its visibility or its marking alike), every language version.
 */
export async function exportTextAkn(deps: Deps, actor: Actor, id: string): Promise<string> {
  return textToAkn(await textExportOf(deps.db, actor, id));
}

/**
 * A text as a PDF in one language version (the original by default): the same read as
 * `GET /texts/{id}`. ValidationFailed (`query.lang`) for a language the text does not have.
 */
export async function exportTextPdf(
  deps: Deps,
  actor: Actor,
  id: string,
  query: TextPdfQuery,
): Promise<{ pdf: Buffer; language: string }> {
  const data = await textExportOf(deps.db, actor, id);
  const language = query.lang ?? data.text.originalLanguage;
  if (!data.text.languages.includes(language)) {
    throw invalid('query.lang', `not a language of this text (${data.text.languages.join(', ')})`);
  }
  return { pdf: await renderTextPdf(data, language), language };
}
