// Scenario 2: GET /api/meetings?limit=50 with each filter the route takes, signed in, ours
// against A and B; and the plan of each filter's query (EXPLAIN QUERY PLAN), which must not
// scan a large table.
import type { ListFilters } from '../targets/sqlite-queries.ts';
import { bearer, type Comparison, compareThroughput, type ScaleContext } from './context.ts';
import { sameJsonOf } from './reads.ts';

export interface ListResult {
  comparison: Comparison;
  filters: ListFilters;
  plan: string[];
  scans: string[];
  /** The top-level step that walks an index in order although the list is filtered, if any. */
  walk: string | null;
  sameJson: boolean;
}

export function listRequests(ctx: ScaleContext): { name: string; filters: ListFilters }[] {
  return [
    { name: 'no filter', filters: {} },
    { name: 'level', filters: { level: 'experts' } },
    { name: 'format (caucus)', filters: { format: 'caucus' } },
    { name: 'status', filters: { status: 'planned' } },
    { name: 'date range', filters: { from: '2010-01', to: '2010-03' } },
    { name: 'from (last page)', filters: { from: '2026-12' } },
    { name: 'common topic', filters: { topicId: ctx.loaded.commonTopicId } },
    { name: 'topic on no agenda', filters: { topicId: ctx.loaded.unusedTopicId } },
  ];
}

export const listPath = (filters: ListFilters) =>
  `/api/meetings?${new URLSearchParams({ limit: '50', ...filters } as Record<string, string>)}`;

export async function runLists(ctx: ScaleContext): Promise<ListResult[]> {
  ctx.log(`lists at ${ctx.scale.toLocaleString('en')} meetings`);
  const headers = bearer(ctx.loaded.member.token);
  const results: ListResult[] = [];
  for (const { name, filters } of listRequests(ctx)) {
    const plan = await ctx.loaded.explainList(ctx.loaded.member.actor, filters);
    const scans = plan.filter((line) => ctx.loaded.isScan(line));
    const filtered = Object.keys(filters).length > 0;
    const walk = filtered ? (plan.find((line) => ctx.loaded.isWalk(line)) ?? null) : null;
    const path = listPath(filters);
    const sameJson = await sameJsonOf(ctx, path, headers);
    const comparison = await compareThroughput(ctx, {
      name,
      path,
      headers,
      seconds: Math.max(1, ctx.config.seconds / 2),
      rounds: Math.max(1, Math.min(2, ctx.config.rounds)),
    });
    ctx.log(
      `    plan: ${scans.length > 0 ? `SCAN: ${scans.join('; ')}` : walk !== null ? `walk: ${walk}` : 'index'}`,
    );
    results.push({ comparison, filters, plan, scans, walk, sameJson });
  }
  return results;
}
