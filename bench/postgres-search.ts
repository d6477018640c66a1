// Full-text search on PostgreSQL at size, through the application's own search (the tsvector
// store, its database functions and row-level security), as a NATO member who may see half of
// the documents: `node bench/postgres-search.ts [documents] [server URL]` (defaults 400000 and
// postgres://postgres@127.0.0.1:5432/test). It makes a scratch database `bench_search` on the
// server, fills it with documents in bulk SQL, and reports the median of 15 searches for a
// rare word, a common word and two words found together nowhere. The database is dropped after.
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/server/db/database.ts';
import { runAsViewer } from '../src/server/db/postgres.ts';
import type { Actor } from '../src/server/modules/access/actor.ts';
import { searchDocuments } from '../src/server/modules/search/search-index.ts';
import { prepareDatabase } from '../src/server/prepare-database.ts';

const documents = Number(process.argv[2] ?? 400_000);
const server = process.argv[3] ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = 'bench_search';
const url = new URL(server);
url.pathname = `/${name}`;

const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`drop database if exists ${name} with (force)`);
await admin.query(`create database ${name}`);
try {
  const owner = openDatabase(url.toString());
  await prepareDatabase(owner);
  // Half joint, half Russia's caucus; one word in five of each kind, and a rare one.
  await sql`insert into "searchDocuments" ("id", "entityType", "entityId", "audience")
    select g, 'note', 'n' || g, case when g % 2 = 0 then 'joint' else 'caucus:russia' end
    from generate_series(1, ${documents}::integer) g`.execute(owner);
  await sql`insert into "searchText" ("id", "partition", "title", "body")
    select g, case when g % 2 = 0 then 'joint' else 'caucus:russia' end, 'Note ' || g,
      (array['council', 'meeting', 'kosovo', 'security', 'cooperation'])[1 + g % 5] || ' '
      || (array['dialogue', 'crisis', 'rescue', 'defence', 'reform'])[1 + g % 5]
      || case when g % 9973 = 0 then ' zanzibar' else '' end
    from generate_series(1, ${documents}::integer) g`.execute(owner);
  await owner.destroy();
  // The statistics, as the table's owner (the application's role may not analyze).
  const stats = new pg.Client({ connectionString: url.toString() });
  await stats.connect();
  await stats.query('analyze');
  await stats.end();
  const db = openDatabase(url.toString());
  await prepareDatabase(db);
  const member = {
    kind: 'user',
    userId: 'bench',
    username: 'bench',
    party: 'nato',
    roles: ['member'],
  } satisfies Actor;
  console.log(`node ${process.version}, ${documents} documents, half of them visible`);
  for (const query of ['zanzibar', 'council', 'kosovo crisis']) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < 15; i++) {
      const started = performance.now();
      hits = (
        await runAsViewer('party:nato', () =>
          searchDocuments(db, member, query, { limit: 20, offset: 0 }),
        )
      ).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`${query.padEnd(14)} ${hits} hits, median ${(times[7] ?? 0).toFixed(1)} ms`);
  }
  await db.destroy();
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
