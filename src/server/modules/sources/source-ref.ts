import type { Cited, SourceRef } from '../../../shared/sources.schemas.ts';

/** Where the API describes a source. */
export function sourceUrl(id: string): string {
  return `/api/sources/${encodeURIComponent(id)}`;
}

export function sourceRefOf(sourceId: string | null): SourceRef | null {
  return sourceId === null ? null : { id: sourceId, url: sourceUrl(sourceId) };
}

/**
 * An item's citation as every response gives it. Built from the row alone, with no query, so
 * that a service answering from the row it has just written cites like a read does.
 */
export function cited(row: { sourceId: string | null }): Cited {
  return { sourceId: row.sourceId, source: sourceRefOf(row.sourceId) };
}
