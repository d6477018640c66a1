// The PostgreSQL target: a scratch database on the server BENCH_DATABASE_URL names, made for
// each scale and dropped after it, loaded through the application's PostgreSQL migrations
// (big-council-postgres.ts) with the same rows as the SQLite target, users and tokens through
// the application's own createUser and openSession, and baseline B: Fastify + raw `pg` with a
// named prepared statement (`{ name, text, values }`) per SQL text (postgres-baseline.ts),
// connected as the application's role under row-level security, as ours is.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Deps } from '../../src/server/deps.ts';
import type { Actor } from '../../src/server/modules/access/actor.ts';
import { audiencesOf } from '../../src/server/modules/access/audience.ts';
import { viewerOf } from '../../src/server/modules/access/viewer.ts';
import { termsOf, toMatchQuery } from '../../src/server/modules/search/search-index.ts';
import { pickMeetings } from '../support/big-council.ts';
import { buildBigPostgresCouncil } from '../support/big-council-postgres.ts';
import { BENCH_SECRET, startServer } from '../support/processes.ts';
import { addUsers, inTurn } from '../support/users.ts';
import {
  isCommonTopicOn,
  type PlanNode,
  pgCompiler,
  planLines,
  rankedQuery,
  statementName,
} from './postgres-queries.ts';
import { meetingListQuery } from './sqlite-queries.ts';
import type { Loaded, Target } from './target.ts';

const BASELINE = fileURLToPath(new URL('./postgres-baseline.ts', import.meta.url));
/** The API's default page of search results, plus the one more it asks for to know of a next page. */
const SEARCH_WANTED = 21;
/**
 * Rows from which a table counts as large for the plan check. Below it (two parties, 30 topics,
 * the empty co-chair and attendance tables) a sequential scan is the right plan.
 */
const LARGE_ROWS = 1_000;

function serverUrl(): string | null {
  const url = process.env.BENCH_DATABASE_URL;
  return url !== undefined && /^postgres(ql)?:\/\//.test(url) ? url : null;
}

export const postgresTarget: Target = {
  dialect: 'postgres',
  label: 'PostgreSQL (pg)',
  baseline:
    'Fastify + raw pg with a named prepared statement, as the application role under row-level security',
  skipReason: () => {
    const url = process.env.BENCH_DATABASE_URL;
    if (url === undefined || url === '') return 'BENCH_DATABASE_URL is not set';
    if (serverUrl() === null) return 'BENCH_DATABASE_URL is not a postgres:// URL';
    return null;
  },
  load: async ({ meetings, paragraphs, writers }): Promise<Loaded> => {
    const server = serverUrl();
    if (server === null) throw new Error('BENCH_DATABASE_URL is not a postgres:// URL');
    const started = performance.now();
    const big = await buildBigPostgresCouncil({
      server,
      meetings,
      itemsPerMeeting: 10,
      paragraphs,
    });
    // From here on, whatever fails drops the scratch database.
    let client: pg.Client | undefined;
    try {
      // Tokens live 30 days from the clock that opens them: the real one, not the council's.
      const deps: Deps = { ...big.deps, clock: () => new Date(), ids: () => randomUUID() };
      const [member] = await addUsers(deps, 'member', 'nato', 1, 1);
      if (member === undefined) throw new Error('no member');
      const nato = await addUsers(deps, 'writer', 'nato', 2, Math.ceil(writers / 2));
      const russia = await addUsers(deps, 'writer', 'russia', 2, Math.floor(writers / 2));
      await big.close();
      const loadSeconds = (performance.now() - started) / 1000;

      // The benchmark's own connection: the application's role, its viewer set per caller,
      // for the direct search and the plans (a plan under row-level security is the plan the
      // application gets).
      const opened = new pg.Client({ connectionString: big.url });
      client = opened;
      await opened.connect();
      const version = (
        await opened.query<{ v: string }>("select current_setting('server_version') as v")
      ).rows[0]?.v;
      const partitions = (
        await opened.query<{ p: string }>(
          `select distinct "partition" as "p" from "searchText" order by 1`,
        )
      ).rows.map((r) => r.p);
      // The planner's own row counts, after the loader's vacuum analyze.
      const large = new Set(
        (
          await opened.query<{ name: string }>(
            `select c.relname as "name" from pg_class c
             where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'
               and c.reltuples >= $1`,
            [LARGE_ROWS],
          )
        ).rows.map((r) => r.name),
      );
      await opened.query('set role council_app');
      let viewer = '';
      const serve = async (actor: Actor) => {
        const wanted = viewerOf(actor);
        if (wanted === viewer) return;
        await opened.query("select set_config('council.viewer', $1, false)", [wanted]);
        viewer = wanted;
      };
      const { db } = pgCompiler();

      return {
        env: { DATABASE_URL: big.url },
        engineVersion: `PostgreSQL ${version ?? 'unknown'}`,
        loadSeconds,
        member,
        writers: inTurn(nato, russia),
        ...pickMeetings(meetings),
        startBaseline: (users) =>
          startServer({
            name: 'baseline B',
            args: [BASELINE],
            env: {
              DATABASE_URL: big.url,
              COUNCIL_SECRET: BENCH_SECRET,
              BENCH_TOKENS: JSON.stringify(
                Object.fromEntries(users.map((u) => [u.token, u.actor])),
              ),
            },
            readyPath: '/ready',
          }),
        // The tsvector store's ranked query for each partition the caller may see, as the
        // application's search asks it (one statement per partition, merged by rank), on one
        // connection with named prepared statements; snippets and titles are not read.
        searchDirect: async (actor: Actor, text: string) => {
          if (toMatchQuery(text) === null) return [];
          const terms = termsOf(text);
          const allowed = audiencesOf(actor);
          await serve(actor);
          const ranked: { rank: number; entityType: string; entityId: string }[] = [];
          for (const partition of partitions) {
            if (allowed !== null && !allowed.includes(partition as never)) continue;
            const query = await rankedQuery(partition, terms, SEARCH_WANTED);
            const { rows } = await opened.query({
              name: statementName(query.sql),
              text: query.sql,
              values: [...query.parameters],
            });
            ranked.push(...(rows as typeof ranked));
          }
          return ranked
            .sort((a, b) => a.rank - b.rank || (a.entityId < b.entityId ? -1 : 1))
            .slice(0, SEARCH_WANTED);
        },
        explainList: async (actor, filters) => {
          await serve(actor);
          const common =
            filters.topicId !== undefined &&
            (await isCommonTopicOn(opened, db, actor, filters.topicId));
          const query = meetingListQuery(db, actor, filters, 50, common);
          const { rows } = await opened.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
            `explain (format json, costs off) ${query.sql}`,
            [...query.parameters],
          );
          const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
          return plan === undefined ? [] : planLines(plan);
        },
        isScan: (line) => {
          const scan = /Seq Scan on (\S+)/.exec(line);
          return scan !== null && large.has(scan[1] ?? '');
        },
        // An index read in order from its start, every row tested: no Index Cond bounds it.
        isWalk: (line) =>
          /^\s*(?:Index|Index Only) Scan(?: Backward)? using \S+ on meetings\b/.test(line) &&
          !line.includes('(Index Cond:'),
        close: async () => {
          await opened.end();
          await big.drop();
        },
      };
    } catch (error) {
      await client?.end().catch(() => undefined);
      await big.close().catch(() => undefined);
      await big.drop();
      throw error;
    }
  },
};
