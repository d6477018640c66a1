// What every scenario of one scale receives: the settings, the loaded data, and the three
// servers of a comparison (A: bare node:http from memory, B: the dialect's baseline, ours:
// `council serve`), all already running.
import type { BenchConfig } from '../support/config.ts';
import { measureThroughput, median, type Throughput } from '../support/load.ts';
import type { Served } from '../support/processes.ts';
import type { Loaded, Target } from '../targets/target.ts';

export interface ScaleContext {
  config: BenchConfig;
  target: Target;
  scale: number;
  loaded: Loaded;
  ours: Served;
  baseline: Served;
  bare: Served;
  log: (line: string) => void;
}

export type Contender = 'A' | 'B' | 'ours';

export interface Comparison {
  name: string;
  path: string;
  signedIn: boolean;
  /** Per contender: the median of the rounds' requests per second and p50, the worst p99. */
  results: Record<Contender, Throughput>;
  rounds: number;
}

/**
 * Measures one request against A, B and ours in `rounds` rounds, the contenders taking turns
 * within each round (the first of a round rotates), after a short warm-up of each, so that a
 * neighbour's load on the shared machine falls on all three alike.
 */
export async function compareThroughput(
  ctx: ScaleContext,
  options: {
    name: string;
    path: string;
    headers: Record<string, string>;
    seconds: number;
    rounds: number;
  },
): Promise<Comparison> {
  const servers: Record<Contender, Served> = { A: ctx.bare, B: ctx.baseline, ours: ctx.ours };
  const order: Contender[] = ['A', 'B', 'ours'];
  const runs: Record<Contender, Throughput[]> = { A: [], B: [], ours: [] };
  const { connections } = ctx.config;
  for (const who of order) {
    await measureThroughput({
      url: `${servers[who].url}${options.path}`,
      headers: options.headers,
      connections,
      seconds: 1,
    });
  }
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < order.length; k++) {
      const who = order[(round + k) % order.length] as Contender;
      runs[who].push(
        await measureThroughput({
          url: `${servers[who].url}${options.path}`,
          headers: options.headers,
          connections,
          seconds: options.seconds,
        }),
      );
    }
  }
  const summarise = (list: Throughput[]): Throughput => ({
    requestsPerSecond: median(list.map((t) => t.requestsPerSecond)),
    p50: median(list.map((t) => t.p50)),
    p99: Math.max(...list.map((t) => t.p99)),
    errors: list.reduce((sum, t) => sum + t.errors, 0),
    total: list.reduce((sum, t) => sum + t.total, 0),
  });
  const results = { A: summarise(runs.A), B: summarise(runs.B), ours: summarise(runs.ours) };
  ctx.log(
    `  ${options.name}: ours ${Math.round(results.ours.requestsPerSecond)} req/s (p99 ${results.ours.p99} ms), ` +
      `B ${Math.round(results.B.requestsPerSecond)}, A ${Math.round(results.A.requestsPerSecond)}, ` +
      `ours/B ${(results.ours.requestsPerSecond / results.B.requestsPerSecond).toFixed(2)}`,
  );
  return {
    name: options.name,
    path: options.path,
    signedIn: 'authorization' in options.headers,
    results,
    rounds: options.rounds,
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
