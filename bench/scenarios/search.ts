// Scenario 3: two-word queries as a NATO member (who may read half of the paragraphs),
// through the API one at a time, and the same ranked full-text query run directly on the
// driver; rounds alternate which goes first.
import { performance } from 'node:perf_hooks';
import { twoWordQueries } from '../support/corpus.ts';
import { percentile, sequentialLatencies } from '../support/load.ts';
import { bearer, type ScaleContext } from './context.ts';

export interface SearchResult {
  queries: number;
  api: { p50: number; p99: number };
  direct: { p50: number; p99: number };
  /** API p50 over direct p50, minus one: what the API adds to the query's own cost. */
  overhead: number;
}

export async function runSearch(ctx: ScaleContext): Promise<SearchResult> {
  ctx.log(`search at ${ctx.scale.toLocaleString('en')} meetings`);
  const queries = twoWordQueries(ctx.config.queries);
  const urls = queries.map((q) => `${ctx.ours.url}/api/search?${new URLSearchParams({ q })}`);
  const headers = bearer(ctx.loaded.member.token);
  const api: number[] = [];
  const direct: number[] = [];
  const runDirect = async () => {
    for (const q of queries) {
      const started = performance.now();
      await ctx.loaded.searchDirect(ctx.loaded.member.actor, q);
      direct.push(performance.now() - started);
    }
  };
  const rounds = Math.max(1, Math.min(ctx.config.rounds, 2));
  for (const q of queries.slice(0, 10)) await ctx.loaded.searchDirect(ctx.loaded.member.actor, q);
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 1) await runDirect();
    api.push(...(await sequentialLatencies(urls, headers, round === 0 ? 10 : 0)));
    if (round % 2 === 0) await runDirect();
  }
  const result = {
    queries: queries.length,
    api: { p50: percentile(api, 50), p99: percentile(api, 99) },
    direct: { p50: percentile(direct, 50), p99: percentile(direct, 99) },
    overhead: percentile(api, 50) / percentile(direct, 50) - 1,
  };
  ctx.log(
    `  API p50 ${result.api.p50.toFixed(1)} ms p99 ${result.api.p99.toFixed(1)} ms; direct p50 ` +
      `${result.direct.p50.toFixed(1)} ms p99 ${result.direct.p99.toFixed(1)} ms`,
  );
  return result;
}
