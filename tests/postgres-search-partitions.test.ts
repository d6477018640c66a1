import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, callOk, createTestContext, type TestContext } from './support/test-context.ts';
import { TEST_DIALECT } from './support/test-database.ts';

/**
 * On PostgreSQL every partition's words live in one table, and its index holds each word
 * prefixed by its document's partition (migration 2026-12-03T1600): a search of one partition
 * reads that partition's entries only. Counted here in the index's own pages: what a search
 * of the joint partition reads is the same before and after the other party's caucus gains
 * thousands of documents holding the searched word. (With the baseline's index over the
 * partition and the words, the word's entry listed every partition's documents, and the
 * search read them all.)
 */
if (TEST_DIALECT !== 'postgres') {
  console.info(
    'postgres-search-partitions: skipped on SQLite, whose full-text tables are one per partition already (runs when TEST_DATABASE_URL is set)',
  );
}

const HIDDEN = 20_000;

let ctx: TestContext;

beforeAll(async () => {
  if (TEST_DIALECT !== 'postgres') return;
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/**
 * The index pages the joint partition's match for `word` reads, and the ids it finds: asked as
 * the table's owner, as the search function `searchMatches` runs (security definer; the
 * application's role reads the table under its row policy, whose operators no index serves).
 */
async function jointMatch(word: string): Promise<{ pages: number; ids: number[] }> {
  const owner = new pg.Client({ connectionString: ctx.databaseUrl });
  await owner.connect();
  try {
    const query = `select t."id" from "searchText" t
      where t."partition" = 'joint'
        and "partitionKeys"(t."partition", t."terms") @@ "partitionQuery"('joint', to_tsquery('simple', $1))
        and t."terms" @@ to_tsquery('simple', $1)`;
    // A table this small is cheapest read whole, or by its key: the words' index is measured.
    await owner.query('set enable_seqscan = off');
    await owner.query('set enable_indexscan = off');
    const explained = await owner.query(`explain (analyze, buffers, format json) ${query}`, [word]);
    const plan = (explained.rows[0]['QUERY PLAN'] as [{ Plan: PlanNode }])[0].Plan;
    const scans = nodes(plan).filter((n) => n['Node Type'] === 'Bitmap Index Scan');
    expect(scans.map((n) => n['Index Name'])).toEqual(['searchTextByPartitionKeys']);
    const pages = scans.reduce(
      (sum, n) => sum + (n['Shared Hit Blocks'] ?? 0) + (n['Shared Read Blocks'] ?? 0),
      0,
    );
    const found = await owner.query(query, [word]);
    return {
      pages,
      ids: (found.rows as { id: number }[]).map((r) => r.id).sort((a, b) => a - b),
    };
  } finally {
    await owner.end();
  }
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

describe.runIf(TEST_DIALECT === 'postgres')('a search on PostgreSQL', () => {
  it("reads its own partition's entries only, however often the other party's caucus writes the word", async () => {
    const secretary = await addUser(ctx, 'nato', ['secretary']);
    for (const title of ['Kosovo force', 'Kosovo talks', 'Kosovo returns']) {
      await callOk(ctx, secretary, 'POST', '/topics', { name: title, visibility: 'joint' });
    }
    // The words' index is what is measured: the partition's own index (which a search of a
    // small partition may prefer, and whose cost is the partition's alone) is set aside.
    const owner = new pg.Client({ connectionString: ctx.databaseUrl });
    await owner.connect();
    try {
      await owner.query('drop index "searchTextByPartition"');
    } finally {
      await owner.end();
    }
    await sql`analyze "searchText"`.execute(ctx.deps.db);
    const before = await jointMatch('kosovo');
    expect(before.ids).toHaveLength(3);

    // The other party's caucus: thousands of documents holding the word, written as the
    // system would index them (one search document each, in the caucus partition), in two
    // batches: what the joint search reads must not grow from the first to the second.
    const addHidden = async (batch: number) => {
      await sql`insert into "searchDocuments" ("entityType", "entityId", "audience")
        select 'note', 'hidden-' || ${batch} || '-' || i, 'caucus:russia'
        from generate_series(1, ${HIDDEN}) i`.execute(ctx.deps.db);
      await sql`insert into "searchText" ("id", "partition", "title", "body")
        select d."id", 'caucus:russia', 'Kosovo', 'Our line on Kosovo'
        from "searchDocuments" d where d."entityId" like ${`hidden-${batch}-%`}`.execute(
        ctx.deps.db,
      );
      await sql`analyze "searchText"`.execute(ctx.deps.db);
      return jointMatch('kosovo');
    };
    const some = await addHidden(1);
    const more = await addHidden(2);
    expect(some.ids).toEqual(before.ids);
    expect(more.ids).toEqual(before.ids);
    // The index's tree of words may gain a level once (the caucus partition's words are new
    // keys); the joint words' entries are untouched, so twice the caucus documents cost the
    // joint search nothing more. (The baseline's index read 2 pages with none and 5 with 30,000:
    // the word's entry listed every partition's documents.)
    expect(some.pages).toBeLessThanOrEqual(before.pages + 1);
    expect(more.pages).toBe(some.pages);
    // And the search through the API finds the joint topics, as before.
    const hits = await callOk(ctx, secretary, 'GET', '/search?q=kosovo');
    expect(hits.items).toHaveLength(3);
  });

  it('stores and finds words at the edge of what PostgreSQL indexes, and words it splits', async () => {
    const secretary = await addUser(ctx, 'nato', ['secretary']);
    // A word of 2,045 bytes: within PostgreSQL's limit for a word, past it once prefixed by
    // the partition, where it is left out of the index rather than failing the write.
    const long = await ctx.app.inject({
      method: 'POST',
      url: '/api/notes',
      headers: secretary.headers,
      payload: { text: 'a'.repeat(2045), visibility: 'joint' },
    });
    expect(long.statusCode, long.body).toBe(201);
    // A search word NFKC makes 2,045 bytes long is cut to its first letters, never refused.
    const blown = await ctx.app.inject({
      url: `/api/search?${new URLSearchParams({ q: `${'\u3315'.repeat(136)}aaaaa` })}`,
      headers: secretary.headers,
    });
    expect(blown.statusCode, blown.body).toBe(200);
    // A word PostgreSQL's parser splits (at U+09F4) becomes a phrase in the query; the keys
    // keep no positions, so the index is asked for both parts, and the phrase is still tested.
    await callOk(ctx, secretary, 'POST', '/topics', {
      name: 'Treaty of ab\u09f4cdef',
      visibility: 'joint',
    });
    const split = await callOk(
      ctx,
      secretary,
      'GET',
      `/search?${new URLSearchParams({ q: 'ab\u09f4cd' })}`,
    );
    expect(split.items.map((i: { title: string }) => i.title)).toEqual(['Treaty of ab\u09f4cdef']);
    const apart = await callOk(
      ctx,
      secretary,
      'GET',
      `/search?${new URLSearchParams({ q: 'cd\u09f4ab' })}`,
    );
    expect(apart.items).toEqual([]);
  });
});
