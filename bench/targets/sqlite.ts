// The SQLite target: the council loaded into a temporary file through the application's own
// migrations (big-council.ts), users and tokens through its own createUser and openSession,
// and baseline B: Fastify with one prepared better-sqlite3 statement (sqlite-baseline.ts).
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import type { Deps } from '../../src/server/deps.ts';
import type { Actor } from '../../src/server/modules/access/actor.ts';
import { audiencesOf } from '../../src/server/modules/access/audience.ts';
import { MAX_RANKED, toMatchQuery } from '../../src/server/modules/search/search-index.ts';
import { buildBigCouncil, pickMeetings } from '../support/big-council.ts';
import { BENCH_SECRET, startServer } from '../support/processes.ts';
import { addUsers, inTurn } from '../support/users.ts';
import { compiler, isCommonTopic, meetingListQuery } from './sqlite-queries.ts';
import type { Loaded, Target } from './target.ts';

const BASELINE = fileURLToPath(new URL('./sqlite-baseline.ts', import.meta.url));
/** The API's default page of search results, plus the one more it asks for to know of a next page. */
const SEARCH_WANTED = 21;
/**
 * What a plan may walk: tables so small that walking them is cheaper than any index (two
 * parties, 30 topics), `agg`, the rows a JSON aggregate (jsonArrayFrom) collects, and the
 * pages the meetings list merges (`audience`, one page of an audience; `merged`, their union).
 */
const SMALL_TABLES = new Set(['parties', 'topics', 'classifications', 'agg', 'audience', 'merged']);

export const sqliteTarget: Target = {
  dialect: 'sqlite',
  label: 'SQLite (better-sqlite3)',
  baseline: 'Fastify + one prepared better-sqlite3 statement',
  skipReason: () => null,
  load: async ({ meetings, paragraphs, writers }): Promise<Loaded> => {
    const started = performance.now();
    const folder = join(tmpdir(), `council-bench-${meetings}-${process.pid}`);
    rmSync(folder, { recursive: true, force: true });
    const big = await buildBigCouncil({ meetings, itemsPerMeeting: 10, paragraphs, folder });
    // Tokens live 30 days from the clock that opens them: the real one, not the council's.
    const deps: Deps = { ...big.deps, clock: () => new Date(), ids: () => randomUUID() };
    const [member] = await addUsers(deps, 'member', 'nato', 1, 1);
    if (member === undefined) throw new Error('no member');
    const nato = await addUsers(deps, 'writer', 'nato', 2, Math.ceil(writers / 2));
    const russia = await addUsers(deps, 'writer', 'russia', 2, Math.floor(writers / 2));
    await big.close();
    const loadSeconds = (performance.now() - started) / 1000;

    const raw = new SQLite(big.file, { readonly: true });
    const db = compiler(raw);
    const picked = pickMeetings(meetings);
    const tables = (
      raw
        .prepare(
          `select "name" from "sqlite_master" where "type" = 'table' and "name" like 'searchText:%'
            and "name" not like '%\\_%' escape '\\'`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    const searchStatements = new Map<
      string,
      { floor: SQLite.Statement; ranked: SQLite.Statement }
    >();
    for (const name of tables) {
      const t = `"${name}"`;
      searchStatements.set(name, {
        floor: raw.prepare(
          `select rowid as "rowid" from ${t} where ${t} match ? order by rowid desc limit 1 offset ${MAX_RANKED - 1}`,
        ),
        ranked: raw.prepare(
          `select t.rowid as "rowid", bm25(${t}, 4.0, 1.0) as "rank", d."entityType" as "entityType",
            d."entityId" as "entityId"
          from ${t} t join "searchDocuments" d on d."id" = t.rowid
          where ${t} match ? and t.rowid >= cast(? as integer)
          order by "rank", d."entityType", d."entityId" limit ?`,
        ),
      });
    }

    return {
      env: { DATABASE_URL: big.file },
      engineVersion: `SQLite ${(raw.prepare('select sqlite_version() as v').get() as { v: string }).v}`,
      loadSeconds,
      member,
      writers: inTurn(nato, russia),
      ...picked,
      startBaseline: (users) =>
        startServer({
          name: 'baseline B',
          args: [BASELINE],
          env: {
            DATABASE_URL: big.file,
            COUNCIL_SECRET: BENCH_SECRET,
            BENCH_TOKENS: JSON.stringify(Object.fromEntries(users.map((u) => [u.token, u.actor]))),
          },
          readyPath: '/ready',
        }),
      searchDirect: (actor: Actor, text: string) => {
        const match = toMatchQuery(text);
        if (match === null) return [];
        const allowed = audiencesOf(actor);
        const ranked: { rank: number; entityType: string; entityId: string }[] = [];
        for (const [name, statements] of searchStatements) {
          const audience = name.slice('searchText:'.length);
          if (allowed !== null && !allowed.includes(audience as never)) continue;
          const floor = (statements.floor.get(match) as { rowid: number } | undefined)?.rowid ?? 0;
          ranked.push(...(statements.ranked.all(match, floor, SEARCH_WANTED) as typeof ranked));
        }
        return ranked
          .sort((a, b) => a.rank - b.rank || (a.entityId < b.entityId ? -1 : 1))
          .slice(0, SEARCH_WANTED);
      },
      explainList: (actor, filters) => {
        const common =
          filters.topicId !== undefined && isCommonTopic(db, raw, actor, filters.topicId);
        const query = meetingListQuery(db, actor, filters, 50, common);
        const rows = raw
          .prepare(`explain query plan ${query.sql}`)
          .all(...(query.parameters as unknown[])) as {
          id: number;
          parent: number;
          detail: string;
        }[];
        const depth = new Map<number, number>([[0, 0]]);
        return rows.map((r) => {
          const d = (depth.get(r.parent) ?? 0) + 1;
          depth.set(r.id, d);
          return `${'  '.repeat(d - 1)}${r.detail}`;
        });
      },
      isScan: (line) => {
        const scan = /^\s*SCAN (\S+)(.*)$/.exec(line);
        if (scan === null) return false;
        const [, table = '', rest = ''] = scan;
        return !rest.includes('USING') && !SMALL_TABLES.has(table);
      },
      isWalk: (line) => /^SCAN \S+ USING (COVERING )?INDEX /.test(line),
      sqliteFile: big.file,
      close: async () => {
        raw.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  },
};
