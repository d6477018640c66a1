import { type RawBuilder, sql } from 'kysely';
import type { EntityType } from '../../../shared/entities.ts';
import type { Visibility } from '../../../shared/vocabularies.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { type Audience, audienceOf, audiencesOf } from '../access/audience.ts';

/**
 * The dialect-specific corner of full-text search (SQLite FTS5).
 *
 * BM25 ranks a document by how rare its words are among ALL documents of its table. One
 * table over everything would let a caller measure the other party's caucus through the
 * order of its own results (how many hidden notes contain a word). So every audience
 * (`public`, `joint`, `caucus:<party>`) has a full-text table of its own, and a caller's
 * results are ranked within the tables of the audiences it may see: every number that goes
 * into its ranking comes from documents it may read. `searchDocuments` says where each
 * document lives, so that replacing or removing one is a lookup by key, not a scan.
 */

export interface SearchDocument {
  entityType: EntityType;
  entityId: string;
  visibility: Visibility;
  party: string | null;
  title: string;
  body: string;
}

const TABLE_PREFIX = 'searchText:';
const tableOf = (audience: Audience) => sql.table(`${TABLE_PREFIX}${audience}`);

/** Creates the full-text table of an audience the first time one of its documents arrives. */
async function ensureTable(db: Executor, audience: Audience): Promise<void> {
  // Prefix queries of three or more characters (the shortest prefix searched, see
  // toMatchQuery) read a prefix index instead of walking every term of the vocabulary.
  await sql`create virtual table if not exists ${tableOf(audience)} using fts5(
    "title", "body", tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3')`.execute(db);
}

/** The audiences that have a full-text table (one query on the schema). */
async function indexedAudiences(db: Executor): Promise<Audience[]> {
  const { rows } = await sql<{ name: string }>`
    select "name" from "sqlite_master" where "type" = 'table' and "name" like ${`${TABLE_PREFIX}%`}
      and "name" not like '%\\_%' escape '\\'`.execute(db);
  return rows.map((r) => r.name.slice(TABLE_PREFIX.length) as Audience);
}

/** Adds or replaces the document of one item, in the table of its (possibly new) audience. */
export async function indexDocument(db: Executor, doc: SearchDocument): Promise<void> {
  const audience = audienceOf(doc);
  const stored = await db
    .selectFrom('searchDocuments')
    .select(['id', 'audience'])
    .where('entityType', '=', doc.entityType)
    .where('entityId', '=', doc.entityId)
    .executeTakeFirst();
  let rowid: number;
  if (stored) {
    rowid = stored.id;
    await sql`delete from ${tableOf(stored.audience as Audience)} where rowid = ${rowid}`.execute(
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
  await sql`delete from ${tableOf(stored.audience as Audience)} where rowid = ${stored.id}`.execute(
    db,
  );
  await db.deleteFrom('searchDocuments').where('id', '=', stored.id).execute();
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
 * Turns what a person typed into an FTS5 query that cannot fail to parse: every word becomes
 * a quoted term, so operators (AND, NEAR, *, ^, column filters) and stray quotes are searched
 * for as text instead of being interpreted. Words of MIN_PREFIX letters or more also match as
 * prefixes ("Koso" finds "Kosovo"); shorter ones only as themselves.
 */
export function toMatchQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  return words.map((w) => ([...w].length >= MIN_PREFIX ? `"${w}"*` : `"${w}"`)).join(' ');
}

interface Ranked {
  audience: Audience;
  rowid: number;
  rank: number;
  entityType: EntityType;
  entityId: string;
}

/**
 * Full-text search over the tables of the audiences the actor may see, best match first.
 * Each table ranks its own matches (BM25, a title word worth four of the body's); the lists
 * are merged by rank, ties broken by type and id, and only the page that is returned gets its
 * snippets, so the cost of a snippet is paid for at most `limit` documents.
 */
export async function searchDocuments(
  db: Executor,
  actor: Actor,
  text: string,
  options: { limit: number; offset: number; entityType?: EntityType | undefined },
): Promise<SearchHit[]> {
  const match = toMatchQuery(text);
  if (match === null) return [];
  const existing = await indexedAudiences(db);
  const allowed = audiencesOf(actor);
  const audiences = allowed === null ? existing : allowed.filter((a) => existing.includes(a));
  const wanted = options.offset + options.limit;
  const ranked: Ranked[] = [];
  for (const audience of audiences) {
    const table = tableOf(audience);
    const typeFilter: RawBuilder<unknown> =
      options.entityType === undefined ? sql`` : sql`and d."entityType" = ${options.entityType}`;
    const { rows } = await sql<Omit<Ranked, 'audience'>>`
      select t.rowid as "rowid", bm25(${table}, 4.0, 1.0) as "rank",
        d."entityType" as "entityType", d."entityId" as "entityId"
      from ${table} t join "searchDocuments" d on d."id" = t.rowid
      where ${table} match ${match} ${typeFilter}
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
    const { rows } = await sql<{ rowid: number; title: string; snippet: string }>`
      select rowid as "rowid", "title", snippet(${table}, -1, '[', ']', '…', 12) as "snippet"
      from ${table} where ${table} match ${match} and rowid in (${sql.join(rowids)})`.execute(db);
    for (const row of rows) texts.set(`${audience}/${row.rowid}`, row);
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

// Code-point order, the same in every locale, so ties break the same way for every caller.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
