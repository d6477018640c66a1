import type { EntityType } from '../../../shared/entities.ts';
import type { Executor } from '../../db/database.ts';
import type { Audience } from '../access/audience.ts';

/**
 * Where the words of the search documents live, one implementation per dialect: FTS5 tables on
 * SQLite (fts5-store.ts), a tsvector column with a GIN index on PostgreSQL
 * (tsvector-store.ts). search-index.ts does everything else the same way on both: which
 * partitions a caller searches, the merge of their rankings, the snippets.
 */

/** Where a document is indexed: its audience, and its marking when it carries one. */
export type Partition = Audience | `${Audience}~${string}`;

export interface StoredText {
  id: number;
  title: string;
  body: string;
}

/** One match: a lower rank is a better match, on both dialects. */
export interface RankedText {
  rowid: number;
  rank: number;
  entityType: EntityType;
  entityId: string;
}

export interface SearchTerm {
  word: string;
  prefix: boolean;
}

export interface FullTextStore {
  /** The partitions that hold at least one document. */
  partitions(db: Executor): Promise<Partition[]>;
  insert(db: Executor, partition: Partition, texts: readonly StoredText[]): Promise<void>;
  remove(db: Executor, partition: Partition, id: number): Promise<void>;
  clear(db: Executor): Promise<void>;
  /**
   * The best `limit` matches of one partition, ranked by what is in that partition alone,
   * among its MAX_RANKED most recent matches; ties broken by type and id.
   */
  rank(
    db: Executor,
    partition: Partition,
    query: {
      terms: readonly SearchTerm[];
      match: string;
      limit: number;
      entityType: EntityType | undefined;
    },
  ): Promise<RankedText[]>;
  /** The stored title and body of the given documents of one partition. */
  read(db: Executor, partition: Partition, ids: readonly number[]): Promise<StoredText[]>;
}

/** Words shorter than this are searched as whole words: a one-letter prefix matches nearly all. */
export const MIN_PREFIX = 3;
const MAX_WORDS = 8;

/**
 * The cost limit: a search ranks at most this many matches per audience, the most recent ones
 * (the highest rowids). BM25 must score every match to order them, so a word in every document
 * of a million would otherwise hold the event loop for half a second. Finding the limit is a
 * walk down the match list from its end, as cheap as the limit itself.
 */
export const MAX_RANKED = 1_000;

/**
 * Turns what a person typed into an FTS5 query that cannot fail to parse: every word becomes
 * a quoted term, so operators (AND, NEAR, *, ^, column filters) and stray quotes are searched
 * for as text instead of being interpreted. Words of MIN_PREFIX letters or more also match as
 * prefixes ("Koso" finds "Kosovo"); shorter ones only as themselves.
 */
export function toMatchQuery(text: string): string | null {
  const terms = termsOf(text);
  if (terms.length === 0) return null;
  return terms.map((t) => (t.prefix ? `"${t.word}"*` : `"${t.word}"`)).join(' ');
}

/**
 * Longer words are searched by their first this many letters, as a prefix: no language has
 * words that long, and a longer one (a pasted hash, a word NFKC blew up) would pass
 * PostgreSQL's limit of 2,047 bytes for a word once its partition prefixes it.
 */
export const MAX_WORD_LETTERS = 64;

/** The words searched for, each marked as a prefix or a whole word. */
export function termsOf(text: string): SearchTerm[] {
  return text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, MAX_WORDS)
    .map((word) => {
      const letters = [...word];
      if (letters.length > MAX_WORD_LETTERS) {
        return { word: letters.slice(0, MAX_WORD_LETTERS).join(''), prefix: true };
      }
      return { word, prefix: letters.length >= MIN_PREFIX };
    });
}
