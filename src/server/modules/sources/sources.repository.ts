import type { Source, SourcesQuery } from '../../../shared/sources.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import { sourceUrl } from './source-ref.ts';

// Sources carry no visibility: each is a published document, and a citation must lead every
// reader, signed in or not, to what is cited.

export function toSource(row: Row<'sources'>): Source {
  return {
    id: row.id,
    title: row.title,
    publisher: row.publisher,
    publisherAddress: row.publisherAddress,
    publisherFax: row.publisherFax,
    publisherEmail: row.publisherEmail,
    publisherWebsite: row.publisherWebsite,
    publishedOn: row.publishedOn,
    reference: row.reference,
    disclaimer: row.disclaimer,
    url: sourceUrl(row.id),
  };
}

/** Every source by id. */
export async function listSources(deps: Deps, query: SourcesQuery) {
  let select = deps.db
    .selectFrom('sources')
    .selectAll()
    .orderBy('id')
    .limit(query.limit + 1);
  if (query.cursor) select = select.where(afterCursor(['id'], query.cursor));
  const rows = await select.execute();
  return toPage(rows, query.limit, (row) => [row.id], toSource);
}

export async function findSourceRow(db: Executor, id: string) {
  const row = await db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('source');
  return row;
}
