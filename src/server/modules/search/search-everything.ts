import type { SearchableType } from '../../../shared/entities.ts';
import type { SearchQuery, SearchResult } from '../../../shared/search.schemas.ts';
import { decodeCursor, encodeCursor } from '../../db/pagination.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { urlsOf } from './result-urls.ts';
import { type SearchHit, searchDocuments } from './search-index.ts';

// The index holds only documents built by searchDocumentOf, so every hit has a searchable type.
type IndexedHit = SearchHit & { entityType: SearchableType };

// Ranked results have no stable key to resume after, so the cursor carries the offset.
function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const [offset] = decodeCursor(cursor, 1);
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    throw new DomainError('InvalidCursor', 'the cursor is not one this list gave out', [
      { field: 'cursor', message: 'not a cursor from this list' },
    ]);
  }
  return offset;
}

/**
 * Full-text search over every item the caller may see; the index filters visibility in the
 * same SQL query, and a query made only of operators or punctuation finds nothing rather
 * than failing. InvalidCursor for a cursor this search did not give out.
 */
export async function searchEverything(
  deps: Deps,
  actor: Actor,
  query: SearchQuery,
): Promise<{ items: SearchResult[]; nextCursor: string | null }> {
  const offset = offsetOf(query.cursor);
  const hits = await searchDocuments(deps.db, actor, query.q, {
    limit: query.limit + 1,
    offset,
    entityType: query.type,
  });
  const page = hits.slice(0, query.limit) as IndexedHit[];
  const urls = await urlsOf(deps, page);
  // A hit whose item is gone (an index entry left behind) has no url and is not shown.
  const items = page.flatMap((hit) => {
    const url = urls.get(hit);
    return url === undefined
      ? []
      : [
          {
            entityType: hit.entityType,
            entityId: hit.entityId,
            title: hit.title,
            snippet: hit.snippet,
            url,
          },
        ];
  });
  const nextCursor = hits.length > query.limit ? encodeCursor([offset + query.limit]) : null;
  return { items, nextCursor };
}
