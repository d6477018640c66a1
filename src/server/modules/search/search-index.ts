import type { EntityType } from '../../../shared/entities.ts';
import type { Visibility } from '../../../shared/vocabularies.ts';
import type { Executor } from '../../db/database.ts';
import { isPostgres } from '../../db/dialect.ts';
import type { Actor } from '../access/actor.ts';
import { type Audience, audienceOf, audiencesOf } from '../access/audience.ts';
import { FTS5 } from './fts5-store.ts';
import {
  type FullTextStore,
  type Partition,
  type RankedText,
  type StoredText,
  termsOf,
  toMatchQuery,
} from './full-text-store.ts';
import { snippetsFor } from './snippet.ts';
import { TSVECTOR } from './tsvector-store.ts';

/**
 * Full-text search, the same on both dialects; the stores that hold the words differ
 * (fts5-store.ts on SQLite, tsvector-store.ts on PostgreSQL).
 *
 * BM25 ranks a document by how rare its words are among ALL documents of its table. One
 * table over everything would let a caller measure the other party's caucus through the
 * order of its own results (how many hidden notes contain a word). So every audience
 * (`public`, `joint`, `caucus:<party>`) has a full-text table of its own, and a caller's
 * results are ranked within the tables of the audiences it may see: every number that goes
 * into its ranking comes from documents it may read. A text carrying a classification marking
 * goes further: it lives in a table of its audience AND marking (`joint~nato-restricted`),
 * searched only by callers cleared for that marking, so that neither its words nor their
 * counts reach a reader below it. `searchDocuments` says where each document lives, so that
 * replacing or removing one is a lookup by key, not a scan.
 */

export interface SearchDocument {
  entityType: EntityType;
  entityId: string;
  visibility: Visibility;
  party: string | null;
  /** The classification a reader must be cleared for; null when anyone of the audience may. */
  marking: string | null;
  title: string;
  body: string;
}

const partitionOf = (doc: SearchDocument): Partition =>
  doc.marking === null ? audienceOf(doc) : `${audienceOf(doc)}~${doc.marking}`;

const store = (db: Executor): FullTextStore => (isPostgres(db) ? TSVECTOR : FTS5);

/** Adds or replaces the document of one item, in the table of its (possibly new) audience. */
export async function indexDocument(db: Executor, doc: SearchDocument): Promise<void> {
  const audience = partitionOf(doc);
  const texts = store(db);
  const stored = await db
    .selectFrom('searchDocuments')
    .select(['id', 'audience'])
    .where('entityType', '=', doc.entityType)
    .where('entityId', '=', doc.entityId)
    .executeTakeFirst();
  let rowid: number;
  if (stored) {
    rowid = stored.id;
    await texts.remove(db, stored.audience as Partition, rowid);
    if (stored.audience !== audience) {
      await db.updateTable('searchDocuments').set({ audience }).where('id', '=', rowid).execute();
    }
  } else {
    const inserted = await db
      .insertInto('searchDocuments')
      .values({ entityType: doc.entityType, entityId: doc.entityId, audience })
      .returning('id')
      .executeTakeFirstOrThrow();
    rowid = inserted.id;
  }
  await texts.insert(db, audience, [{ id: rowid, title: doc.title, body: doc.body }]);
}

export async function removeDocument(
  db: Executor,
  entityType: EntityType,
  entityId: string,
): Promise<void> {
  const stored = await db
    .selectFrom('searchDocuments')
    .select(['id', 'audience'])
    .where('entityType', '=', entityType)
    .where('entityId', '=', entityId)
    .executeTakeFirst();
  if (!stored) return;
  await store(db).remove(db, stored.audience as Partition, stored.id);
  await db.deleteFrom('searchDocuments').where('id', '=', stored.id).execute();
}

/**
 * Adds documents known not to be in the index yet (a rebuild after clearIndex), many rows per
 * statement: one lookup per document would make a rebuild of a million documents take minutes.
 */
export async function insertDocuments(
  db: Executor,
  docs: readonly SearchDocument[],
): Promise<void> {
  const BATCH = 400;
  const texts = store(db);
  for (let start = 0; start < docs.length; start += BATCH) {
    const batch = docs.slice(start, start + BATCH);
    const rows = await db
      .insertInto('searchDocuments')
      .values(
        batch.map((doc) => ({
          entityType: doc.entityType,
          entityId: doc.entityId,
          audience: partitionOf(doc),
        })),
      )
      .returning(['id', 'audience'])
      .execute();
    const byAudience = new Map<Partition, StoredText[]>();
    rows.forEach((row, i) => {
      const doc = batch[i];
      if (!doc) return;
      const audience = row.audience as Partition;
      const values = byAudience.get(audience) ?? [];
      values.push({ id: row.id, title: doc.title, body: doc.body });
      byAudience.set(audience, values);
    });
    for (const [audience, values] of byAudience) await texts.insert(db, audience, values);
  }
}

/** Empties every full-text table and the document list (the importer then indexes afresh). */
export async function clearIndex(db: Executor): Promise<void> {
  await store(db).clear(db);
  await db.deleteFrom('searchDocuments').execute();
}

export interface SearchHit {
  entityType: EntityType;
  entityId: string;
  title: string;
  snippet: string;
}

export { MAX_RANKED, MIN_PREFIX, termsOf, toMatchQuery } from './full-text-store.ts';

interface Ranked extends RankedText {
  audience: Partition;
}

/**
 * Full-text search over the tables of the audiences the actor may see, best match first.
 * Each table ranks its own matches (BM25, a title word worth four of the body's); the lists
 * are merged by rank, ties broken by type and id, and only the page that is returned gets its
 * snippets (snippet.ts), so the cost of a snippet is paid for at most `limit` documents.
 */
export async function searchDocuments(
  db: Executor,
  actor: Actor,
  text: string,
  options: { limit: number; offset: number; entityType?: EntityType | undefined },
): Promise<SearchHit[]> {
  const terms = termsOf(text);
  const match = toMatchQuery(text);
  if (match === null) return [];
  const texts = store(db);
  const existing = await texts.partitions(db);
  const audiences = await partitionsOf(db, actor, existing);
  const wanted = options.offset + options.limit;
  const ranked: Ranked[] = [];
  for (const audience of audiences) {
    const rows = await texts.rank(db, audience, {
      terms,
      match,
      limit: wanted,
      entityType: options.entityType,
    });
    for (const row of rows) ranked.push({ ...row, audience });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank || compare(a.entityType, b.entityType) || compare(a.entityId, b.entityId),
  );
  const page = ranked.slice(options.offset, wanted);
  const found = new Map<string, { title: string; snippet: string }>();
  const snippetOf = snippetsFor(terms);
  for (const audience of new Set(page.map((p) => p.audience))) {
    const rowids = page.filter((p) => p.audience === audience).map((p) => p.rowid);
    for (const row of await texts.read(db, audience, rowids)) {
      found.set(`${audience}/${row.id}`, {
        title: row.title,
        snippet: snippetOf(row.title, row.body),
      });
    }
  }
  return page.map((p) => {
    const hit = found.get(`${p.audience}/${p.rowid}`);
    return {
      entityType: p.entityType,
      entityId: p.entityId,
      title: hit?.title ?? '',
      snippet: hit?.snippet ?? '',
    };
  });
}

/**
 * The partitions a caller searches: those of the audiences it may see, and of those only the
 * markings it is cleared for (a user's clearance; an anonymous caller has none).
 */
async function partitionsOf(
  db: Executor,
  actor: Actor,
  existing: readonly Partition[],
): Promise<Partition[]> {
  const allowed = audiencesOf(actor);
  if (allowed === null) return [...existing];
  const cleared =
    actor.kind === 'user'
      ? (
          await db
            .selectFrom('classifications as c')
            .select('c.id')
            .where(
              'c.rank',
              '<=',
              db
                .selectFrom('users as u')
                .innerJoin('classifications as k', 'k.id', 'u.clearance')
                .select('k.rank')
                .where('u.id', '=', actor.userId),
            )
            .execute()
        ).map((c) => c.id)
      : [];
  return existing.filter((partition) => {
    const [audience, marking] = partition.split('~') as [Audience, string | undefined];
    return allowed.includes(audience) && (marking === undefined || cleared.includes(marking));
  });
}

// Code-point order, the same in every locale, so ties break the same way for every caller.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
