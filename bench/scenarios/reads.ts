// Scenario 1: GET /api/meetings/:id with its agenda, anonymous and signed in, ours against
// A and B. Also checks that B answers the same JSON as ours (parsed and compared).
import { isDeepStrictEqual } from 'node:util';
import { bearer, type Comparison, compareThroughput, type ScaleContext } from './context.ts';

export interface ReadsResult {
  comparisons: Comparison[];
  /** Whether B's JSON equals ours for each request (parsed, key order aside). */
  sameJson: boolean;
}

/** The reads measured, with the headers each is sent with; A is given their bytes before. */
export function readRequests(ctx: ScaleContext) {
  const { loaded } = ctx;
  return [
    {
      name: 'meeting by id, anonymous',
      path: `/api/meetings/${loaded.publicMeetingId}`,
      headers: {} as Record<string, string>,
    },
    {
      name: 'meeting by id, signed in',
      path: `/api/meetings/${loaded.jointMeetingId}`,
      headers: bearer(loaded.member.token),
    },
  ];
}

export async function sameJsonOf(
  ctx: ScaleContext,
  path: string,
  headers: Record<string, string>,
): Promise<boolean> {
  const [ours, b] = await Promise.all(
    [ctx.ours, ctx.baseline].map(async (s) => (await fetch(`${s.url}${path}`, { headers })).json()),
  );
  return isDeepStrictEqual(ours, b);
}

export async function runReads(ctx: ScaleContext): Promise<ReadsResult> {
  ctx.log(`reads at ${ctx.scale.toLocaleString('en')} meetings`);
  const comparisons: Comparison[] = [];
  let sameJson = true;
  for (const r of readRequests(ctx)) {
    if (!(await sameJsonOf(ctx, r.path, r.headers))) {
      sameJson = false;
      ctx.log(`  warning: B's JSON differs from ours for ${r.path}`);
    }
    comparisons.push(
      await compareThroughput(ctx, {
        ...r,
        seconds: ctx.config.seconds,
        rounds: ctx.config.rounds,
      }),
    );
  }
  return { comparisons, sameJson };
}
