// What the hidden-rows benches (bench/hidden-*.ts) share: an in-memory council to fill, rows
// of the other party's caucus placed among the caller's, the caller who must not pay for them,
// and how each list is checked, timed and reported.
import { performance } from 'node:perf_hooks';
import { type RawBuilder, sql } from 'kysely';
import { type Db, openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import type { Deps } from '../../src/server/deps.ts';
import type { UserActor } from '../../src/server/modules/access/actor.ts';
import { seedParties } from '../../tests/support/test-context.ts';

/** A Russian member: every hidden row of these benches is NATO's caucus. */
export const RUSSIAN_MEMBER: UserActor = {
  kind: 'user',
  userId: 'bench-russia-0',
  username: 'bench-russia-0',
  party: 'russia',
  roles: ['member'],
};

/** When every row of a bench is written. */
export const BENCH_AT = '2001-01-01T00:00:00.000Z';

/** An empty council in memory, with both parties, whose clock stands at BENCH_AT. */
export async function openBenchCouncil(): Promise<{ db: Db; deps: Deps }> {
  const db = openDatabase(':memory:');
  await migrateToLatest(db);
  const deps: Deps = { db, clock: () => new Date(BENCH_AT), ids: () => 'unused' };
  await seedParties(deps);
  return { db, deps };
}

/** The joint meeting `meeting` that the benches' texts and notes belong to. */
export async function insertJointMeeting(db: Db): Promise<void> {
  await sql`insert into "meetings" ("id", "title", "level", "format", "status", "startsAt",
      "date", "visibility", "party", "createdAt", "updatedAt")
    values ('meeting', 'Plenary', 'ambassadors', 'joint', 'planned', ${BENCH_AT}, '2001-01-01',
      'joint', null, ${BENCH_AT}, ${BENCH_AT})`.execute(db);
}

/**
 * Row `i`'s instant, `step` milliseconds apart in a shuffled order: the hidden rows fall before
 * and between the visible ones, so a walk in date order meets them.
 */
export function interleavedAt(i: number, stepMs: number): string {
  return new Date(Date.UTC(2001, 0, 1) + ((i * 7919) % 1_000_003) * stepMs).toISOString();
}

/** Inserts `count` rows, `rowOf(i)` each, into `into` (the table and its columns), 400 a statement. */
export async function insertRows(
  db: Db,
  into: RawBuilder<unknown>,
  count: number,
  rowOf: (i: number) => RawBuilder<unknown>,
): Promise<void> {
  for (let start = 0; start < count; start += 400) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 400); i++) rows.push(rowOf(i));
    await sql`insert into ${into} values ${sql.join(rows)}`.execute(db);
  }
  await sql`analyze`.execute(db);
}

/** Milliseconds a run takes on average over `runs`, after 20 to warm up. */
export async function msPerRun(run: () => Promise<unknown>, runs: number): Promise<number> {
  for (let i = 0; i < 20; i++) await run();
  const began = performance.now();
  for (let i = 0; i < runs; i++) await run();
  return (performance.now() - began) / runs;
}

type Page = { items: { id: string; visibility: string }[] };

/**
 * Each list's time a run, once its first page is seen to hold `size` rows and none of a
 * caucus (the caller is not NATO's: a bench that listed a hidden row would measure a leak).
 */
export async function timeLists(
  lists: readonly [string, () => Promise<Page>][],
  size: number,
  runs: number,
): Promise<number[]> {
  const times: number[] = [];
  for (const [name, list] of lists) {
    const page = await list();
    if (page.items.length !== size || page.items.some((r) => r.visibility === 'caucus')) {
      throw new Error(`${name}: the member listed ${page.items.map((r) => r.id).join()}`);
    }
    times.push(await msPerRun(list, runs));
  }
  return times;
}

/** Prints the Markdown table of a bench: a row per count of hidden rows, a column per list. */
export async function printHiddenTable(options: {
  caption: string;
  hiddenLabel: string;
  columns: readonly string[];
  counts: readonly number[];
  measure: (hidden: number) => Promise<number[]>;
}): Promise<void> {
  console.log(`node ${process.version}: ${options.caption}`);
  console.log(`| ${options.hiddenLabel} | ${options.columns.map((c) => `${c} ms`).join(' | ')} |`);
  console.log(`| --- | ${options.columns.map(() => '---').join(' | ')} |`);
  for (const hidden of options.counts) {
    const times = await options.measure(hidden);
    console.log(
      `| ${hidden.toLocaleString('en')} | ${times.map((t) => t.toFixed(3)).join(' | ')} |`,
    );
  }
}
