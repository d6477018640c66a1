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
  if (isDeepStrictEqual(ours, b)) return true;
  ctx.log(`  warning: B's JSON differs from ours for ${path}: ${firstDifference(ours, b, '$')}`);
  return false;
}

/** Where two JSON values first differ, and how: enough to tell a missing field from a value. */
function firstDifference(ours: unknown, b: unknown, at: string): string {
  if (isDeepStrictEqual(ours, b)) return '';
  if (typeof ours !== 'object' || typeof b !== 'object' || ours === null || b === null) {
    return `${at}: ours ${JSON.stringify(ours)?.slice(0, 80)}, B ${JSON.stringify(b)?.slice(0, 80)}`;
  }
  const keys = new Set([...Object.keys(ours), ...Object.keys(b)]);
  for (const key of keys) {
    const inner = firstDifference(
      (ours as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${at}.${key}`,
    );
    if (inner !== '') return inner;
  }
  return `${at}: differs`;
}

export async function runReads(ctx: ScaleContext): Promise<ReadsResult> {
  ctx.log(`reads at ${ctx.scale.toLocaleString('en')} meetings`);
  const comparisons: Comparison[] = [];
  let sameJson = true;
  for (const r of readRequests(ctx)) {
    if (!(await sameJsonOf(ctx, r.path, r.headers))) sameJson = false;
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
