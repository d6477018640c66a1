import { type RawBuilder, sql } from 'kysely';
import type { EntityType } from '../../../shared/entities.ts';
import type { Visibility } from '../../../shared/vocabularies.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { type Audience, audienceOf, audiencesOf } from '../access/audience.ts';
import { snippetOf } from './snippet.ts';

/**
 * The dialect-specific corner of full-text search (SQLite FTS5).
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

/** Where a document is indexed: its audience, and its marking when it carries one. */
type Partition = Audience | `${Audience}~${string}`;

const partitionOf = (doc: SearchDocument): Partition =>
  doc.marking === null ? audienceOf(doc) : `${audienceOf(doc)}~${doc.marking}`;

const TABLE_PREFIX = 'searchText:';
const tableOf = (partition: Partition) => sql.table(`${TABLE_PREFIX}${partition}`);

/** Creates the full-text table of an audience the first time one of its documents arrives. */
async function ensureTable(db: Executor, audience: Partition): Promise<void> {
  // Prefix queries of three or more characters (the shortest prefix searched, see
  // toMatchQuery) read a prefix index instead of walking every term of the vocabulary.
  await sql`create virtual table if not exists ${tableOf(audience)} using fts5(
    "title", "body", tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3')`.execute(db);
}

/** The partitions that have a full-text table (one query on the schema). */
async function indexedAudiences(db: Executor): Promise<Partition[]> {
  const { rows } = await sql<{ name: string }>`
    select "name" from "sqlite_master" where "type" = 'table' and "name" like ${`${TABLE_PREFIX}%`}
      and "name" not like '%\\_%' escape '\\'`.execute(db);
  return rows.map((r) => r.name.slice(TABLE_PREFIX.length) as Partition);
}

/** Adds or replaces the document of one item, in the table of its (possibly new) audience. */
export async function indexDocument(db: Executor, doc: SearchDocument): Promise<void> {
  const audience = partitionOf(doc);
  const stored = await db
    .selectFrom('searchDocuments')
    .select(['id', 'audience'])
    .where('entityType', '=', doc.entityType)
    .where('entityId', '=', doc.entityId)
    .executeTakeFirst();
  let rowid: number;
  if (stored) {
    rowid = stored.id;
    await sql`delete from ${tableOf(stored.audience as Partition)} where rowid = ${rowid}`.execute(
      db,
    );
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
  await ensureTable(db, audience);
  await sql`insert into ${tableOf(audience)} (rowid, "title", "body")
    values (${rowid}, ${doc.title}, ${doc.body})`.execute(db);
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
  await sql`delete from ${tableOf(stored.audience as Partition)} where rowid = ${stored.id}`.execute(
    db,
  );
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
    const byAudience = new Map<Partition, ReturnType<typeof sql.join>[]>();
    rows.forEach((row, i) => {
      const doc = batch[i];
      if (!doc) return;
      const audience = row.audience as Partition;
      const values = byAudience.get(audience) ?? [];
      values.push(sql.join([sql`${row.id}`, sql`${doc.title}`, sql`${doc.body}`]));
      byAudience.set(audience, values);
    });
    for (const [audience, values] of byAudience) {
      await ensureTable(db, audience);
      await sql`insert into ${tableOf(audience)} (rowid, "title", "body")
        values ${sql.join(values.map((v) => sql`(${v})`))}`.execute(db);
    }
  }
}

/** Empties every full-text table and the document list (the importer then indexes afresh). */
export async function clearIndex(db: Executor): Promise<void> {
  for (const audience of await indexedAudiences(db)) {
    await sql`delete from ${tableOf(audience)}`.execute(db);
  }
  await db.deleteFrom('searchDocuments').execute();
}

export interface SearchHit {
  entityType: EntityType;
  entityId: string;
  title: string;
  snippet: string;
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

/** The words searched for, each marked as a prefix or a whole word. */
export function termsOf(text: string): { word: string; prefix: boolean }[] {
  return text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, MAX_WORDS)
    .map((word) => ({ word, prefix: [...word].length >= MIN_PREFIX }));
}

interface Ranked {
  audience: Partition;
  rowid: number;
  rank: number;
  entityType: EntityType;
  entityId: string;
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
  const existing = await indexedAudiences(db);
  const audiences = await partitionsOf(db, actor, existing);
  const wanted = options.offset + options.limit;
  const ranked: Ranked[] = [];
  for (const audience of audiences) {
    const table = tableOf(audience);
    const typeFilter: RawBuilder<unknown> =
      options.entityType === undefined ? sql`` : sql`and d."entityType" = ${options.entityType}`;
    const floor = await rankingFloor(db, audience, match);
    const { rows } = await sql<Omit<Ranked, 'audience'>>`
      select t.rowid as "rowid", bm25(${table}, 4.0, 1.0) as "rank",
        d."entityType" as "entityType", d."entityId" as "entityId"
      from ${table} t join "searchDocuments" d on d."id" = t.rowid
      where ${table} match ${match} and t.rowid >= cast(${floor} as integer) ${typeFilter}
      order by "rank", d."entityType", d."entityId"
      limit ${wanted}`.execute(db);
    for (const row of rows) ranked.push({ ...row, audience });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank || compare(a.entityType, b.entityType) || compare(a.entityId, b.entityId),
  );
  const page = ranked.slice(options.offset, wanted);
  const texts = new Map<string, { title: string; snippet: string }>();
  for (const audience of new Set(page.map((p) => p.audience))) {
    const rowids = page.filter((p) => p.audience === audience).map((p) => p.rowid);
    const table = tableOf(audience);
    // By rowid alone, with no MATCH: one indexed read per hit (see snippet.ts).
    const { rows } = await sql<{ rowid: number; title: string; body: string }>`
      select rowid as "rowid", "title", "body" from ${table}
      where rowid in (${sql.join(rowids.map((id) => sql`cast(${id} as integer)`))})`.execute(db);
    for (const row of rows) {
      texts.set(`${audience}/${row.rowid}`, {
        title: row.title,
        snippet: snippetOf(row.title, row.body, terms),
      });
    }
  }
  return page.map((p) => {
    const found = texts.get(`${p.audience}/${p.rowid}`);
    return {
      entityType: p.entityType,
      entityId: p.entityId,
      title: found?.title ?? '',
      snippet: found?.snippet ?? '',
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

/** The lowest rowid a search ranks in one audience's table (see MAX_RANKED); 0 for all. */
async function rankingFloor(db: Executor, audience: Partition, match: string): Promise<number> {
  const table = tableOf(audience);
  const { rows } = await sql<{ rowid: number }>`
    select rowid as "rowid" from ${table} where ${table} match ${match}
    order by rowid desc limit 1 offset ${MAX_RANKED - 1}`.execute(db);
  return rows[0]?.rowid ?? 0;
}

// Code-point order, the same in every locale, so ties break the same way for every caller.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
