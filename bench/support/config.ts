// The benchmark's settings, from the environment. The defaults are the full size;
// BENCH_QUICK=1 shrinks everything so that the whole suite finishes in under two minutes (for
// checking the harness, not for figures). Every setting is printed into BENCHMARKS.md.

export interface BenchConfig {
  quick: boolean;
  /** Seconds of each measured round of a throughput comparison. */
  seconds: number;
  /** Rounds of each comparison; the targets take turns within each round (A, B, ours, A, ...). */
  rounds: number;
  /** Meetings of each scale; the main scenarios run at MAIN_SCALE, or the largest below it. */
  scales: number[];
  /**
   * The scales of the PostgreSQL target (BENCH_POSTGRES_SCALES, by default BENCH_SCALES):
   * loading a million meetings into PostgreSQL takes about an hour, most of it building each
   * document's words under four text search configurations.
   */
  postgresScales: number[];
  /** Concurrent connections of the throughput runs. */
  connections: number;
  /** Virtual users of the mixed load. */
  users: number;
  mixedSeconds: number;
  /** Two-word queries of the search scenario. */
  queries: number;
  peer: string | null;
  /**
   * BENCH_ONLY: the scenarios to run (reads, search, lists, peer, mixed), or null for all. A
   * partial run prints its figures and leaves BENCHMARKS.md alone: a report mixing runs could
   * not be compared within itself.
   */
  only: ReadonlySet<Scenario> | null;
}

export const SCENARIOS = ['reads', 'search', 'lists', 'peer', 'mixed'] as const;
export type Scenario = (typeof SCENARIOS)[number];

function onlyOf(raw: string | undefined): ReadonlySet<Scenario> | null {
  if (raw === undefined || raw.trim() === '') return null;
  const names = raw.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_ONLY: unknown ${unknown.join(', ')}; choose from ${SCENARIOS.join(', ')}`,
    );
  }
  return new Set(names as Scenario[]);
}

export const MAIN_SCALE = 100_000;

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export function loadBenchConfig(): BenchConfig {
  const quick = process.env.BENCH_QUICK === '1';
  const scales = scalesOf(
    'BENCH_SCALES',
    process.env.BENCH_SCALES ?? (quick ? '10000' : '10000,100000,1000000'),
  );
  const postgresScales =
    process.env.BENCH_POSTGRES_SCALES === undefined || process.env.BENCH_POSTGRES_SCALES === ''
      ? scales
      : scalesOf('BENCH_POSTGRES_SCALES', process.env.BENCH_POSTGRES_SCALES);
  return {
    quick,
    seconds: positive('BENCH_SECONDS', quick ? 2 : 10),
    rounds: positive('BENCH_ROUNDS', quick ? 1 : 3),
    scales,
    postgresScales,
    connections: positive('BENCH_CONNECTIONS', 50),
    users: positive('BENCH_USERS', quick ? 20 : 300),
    mixedSeconds: positive('BENCH_MIXED_SECONDS', quick ? 15 : 300),
    queries: positive('BENCH_QUERIES', quick ? 60 : 200),
    peer: process.env.BENCH_PEER || null,
    only: onlyOf(process.env.BENCH_ONLY),
  };
}

function scalesOf(name: string, raw: string): number[] {
  const scales = raw.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (scales.some((s) => !Number.isInteger(s) || s < 100)) {
    throw new Error(`${name} must be comma-separated meeting counts of at least 100`);
  }
  return scales.sort((a, b) => a - b);
}

/** The scale the main comparisons (lists, mixed, peer) run at. */
export function mainScale(scales: readonly number[]): number {
  const below = scales.filter((s) => s <= MAIN_SCALE);
  return below.length > 0 ? Math.max(...below) : Math.min(...scales);
}
