// What the hidden-rows benches (bench/hidden-*.ts) share: the caller who must not pay for the
// other party's caucus, and how a list's time is taken.
import { performance } from 'node:perf_hooks';
import type { UserActor } from '../../src/server/modules/access/actor.ts';

/** A Russian member: every hidden row of these benches is NATO's caucus. */
export const RUSSIAN_MEMBER: UserActor = {
  kind: 'user',
  userId: 'bench-russia-0',
  username: 'bench-russia-0',
  party: 'russia',
  roles: ['member'],
};

/** Milliseconds a run takes on average over `runs`, after 20 to warm up. */
export async function msPerRun(run: () => Promise<unknown>, runs: number): Promise<number> {
  for (let i = 0; i < 20; i++) await run();
  const began = performance.now();
  for (let i = 0; i < runs; i++) await run();
  return (performance.now() - began) / runs;
}
