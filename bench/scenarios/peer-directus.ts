// Scenario 5: the same meeting read served by Directus 12.4.0, only when BENCH_PEER=directus.
import type { ScaleContext } from './context.ts';

export type PeerResult =
  | { skipped: string }
  | {
      skipped: null;
      peer: string;
      requestsPerSecond: number;
      p50: number;
      p99: number;
      oursRequestsPerSecond: number;
      errors: number;
    };

export async function runPeer(ctx: ScaleContext): Promise<PeerResult> {
  if (ctx.config.peer !== 'directus') {
    const skipped =
      ctx.config.peer === null
        ? 'BENCH_PEER is not set (BENCH_PEER=directus installs Directus 12.4.0 into a scratch folder, about 4 minutes)'
        : `BENCH_PEER=${ctx.config.peer} is not a peer this benchmark knows (directus)`;
    ctx.log(`peer: skipped (${skipped})`);
    return { skipped };
  }
  return { skipped: 'not written yet' };
}
