// Renders the figures of a run as Markdown into BENCHMARKS.md, between the bench:run markers
// (the rest of the file, the one-off benchmarks' notes, is left as it is).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Comparison } from '../scenarios/context.ts';
import type { ListResult } from '../scenarios/lists.ts';
import type { MixedResult } from '../scenarios/mixed.ts';
import type { PeerResult } from '../scenarios/peer-directus.ts';
import type { ReadsResult } from '../scenarios/reads.ts';
import type { SearchResult } from '../scenarios/search.ts';
import type { Target } from '../targets/target.ts';
import type { BenchConfig } from './config.ts';
import type { Machine } from './machine.ts';

export interface ScaleReport {
  scale: number;
  main: boolean;
  loadSeconds: number;
  reads: ReadsResult;
  search: SearchResult;
  lists: ListResult[] | null;
  mixed: MixedResult | null;
  peer: PeerResult | null;
}

export interface TargetReport {
  target: Target;
  skipped: string | null;
  engineVersion: string;
  scales: ScaleReport[];
}

const START = '<!-- bench:run:start -->';
const END = '<!-- bench:run:end -->';

const n = (value: number) => Math.round(value).toLocaleString('en');
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
// A ratio of nothing (no request answered within a round) is no figure, not NaN.
const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '-');
const yes = (ok: boolean) => (ok ? 'met' : '**missed**');

/** A Markdown table with its columns padded as Biome's formatter lays them out (lint passes). */
export function table(head: string[], rows: string[][]): string {
  const width = (cell: string) => [...cell].length;
  const widths = head.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    `| ${widths.map((w, i) => (cells[i] ?? '') + ' '.repeat(w - width(cells[i] ?? ''))).join(' | ')} |`;
  return [
    line(head),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}

function comparisonRow(c: Comparison, extra: string[] = []): string[] {
  const { A, B, ours } = c.results;
  const toB = ours.requestsPerSecond / B.requestsPerSecond;
  return [
    c.name,
    ...extra,
    n(A.requestsPerSecond),
    n(B.requestsPerSecond),
    n(ours.requestsPerSecond),
    ms(ours.p50),
    ms(ours.p99),
    ms(B.p99),
    ratio(toB),
    ratio(ours.requestsPerSecond / A.requestsPerSecond),
    String(A.errors + B.errors + ours.errors),
    // A p99 of no answers is not under 10 ms.
    `${yes(toB >= 0.9)} / ${yes(ours.total > 0 && ours.p99 < 10)}`,
  ];
}

const COMPARISON_HEAD = [
  'A req/s',
  'B req/s',
  'ours req/s',
  'ours p50 ms',
  'ours p99 ms',
  'B p99 ms',
  'ours/B',
  'ours/A',
  'errors',
  '>= 0.9 B / p99 < 10 ms',
];

function renderTarget(report: TargetReport, config: BenchConfig): string {
  const { target } = report;
  const out: string[] = [`### ${target.label}`];
  if (report.skipped !== null) {
    out.push(`Skipped: ${report.skipped}.`);
    return out.join('\n\n');
  }
  out.push(
    `${report.engineVersion}. A: bare \`node:http\` answering the same bytes from memory. ` +
      `B: ${target.baseline}, the same SQL as ours, answering the same JSON. Ours: \`council serve\`.`,
  );
  const main = report.scales.find((s) => s.main) ?? report.scales[report.scales.length - 1];
  if (main === undefined) return out.join('\n\n');
  out.push(
    `#### 1. Meeting read with its agenda at ${n(main.scale)} meetings\n\n` +
      `\`GET /api/meetings/:id\` (10 agenda items), ${config.connections} connections, ` +
      `${config.rounds} rounds of ${config.seconds} s per contender, turns interleaved; ` +
      `req/s and p50 are the median round, p99 the worst. B's JSON equals ours: ` +
      `${main.reads.sameJson ? 'yes' : '**no**'}.\n\n` +
      table(
        ['request', ...COMPARISON_HEAD],
        main.reads.comparisons.map((c) => comparisonRow(c)),
      ),
  );
  if (main.lists !== null) {
    const scans = main.lists.filter((l) => l.scans.length > 0).length;
    const walks = main.lists.filter((l) => l.scans.length === 0 && l.walk !== null).length;
    out.push(
      `#### 2. Lists and filters at ${n(main.scale)} meetings\n\n` +
        `\`GET /api/meetings?limit=50\` signed in, one filter at a time, ` +
        `${Math.max(1, Math.min(2, config.rounds))} rounds of ${Math.max(1, config.seconds / 2)} s. ` +
        (target.dialect === 'postgres'
          ? `Plan: EXPLAIN of the application's query as the application's role under row-level ` +
            `security, its step on \`meetings\`: an index scan with an Index Cond is bounded by ` +
            `the filter; **walk** is an index scan with no Index Cond, a filtered list read in ` +
            `index order testing each meeting (cheap when matches come early, a scan in that ` +
            `order when they come late); **scan** is a Seq Scan of a table of 1,000 rows or more. `
          : `Plan: EXPLAIN QUERY PLAN of the application's query, its step on \`meetings\`: SEARCH ` +
            `is an index seek bounded by the filter (a page reads each audience the caller may see ` +
            `on an index of that audience's meetings, then the page's meetings by id); **walk** is ` +
            `a filtered list read by walking an index in its order and testing each meeting (cheap ` +
            `when matches come early, a scan in that order when they come late); **scan** is a ` +
            `large table read without an index. `) +
        `${scans + walks === 0 ? 'No filter scans (target met).' : `**${scans} filters scan and ${walks} walk** (target: no scan).`} ` +
        `B's JSON equals ours for every filter: ${main.lists.every((l) => l.sameJson) ? 'yes' : '**no**'}.\n\n` +
        table(
          ['filter', 'plan', ...COMPARISON_HEAD],
          main.lists.map((l) =>
            comparisonRow(l.comparison, [
              l.scans.length > 0
                ? `**scan** (${l.scans.map((s) => s.trim()).join('; ')})`
                : l.walk !== null
                  ? `**walk** (${l.walk.trim()})`
                  : // Every step on meetings: a page reads each audience on its own index.
                    l.plan
                      .filter((line) => / meetings /.test(`${line} `))
                      .map((line) => line.trim())
                      .join('; ') || 'index',
            ]),
          ),
        ) +
        '\n\n<details><summary>Query plans</summary>\n\n' +
        main.lists
          .map(
            (l) =>
              `${l.comparison.name} (\`${l.comparison.path}\`):\n\n\`\`\`\n${l.plan.join('\n')}\n\`\`\``,
          )
          .join('\n\n') +
        '\n\n</details>',
    );
  }
  out.push(
    `#### 3. Search\n\n` +
      `${main.search.queries} two-word queries (English, French, Russian) as a NATO member, who ` +
      `may read half of the paragraphs; one at a time over HTTP, against ` +
      (target.dialect === 'postgres'
        ? `the same ranked tsvector query (per partition the member may see: the most recent ` +
          `matches through \`searchMatches\`, then ts_rank) run directly on pg with named ` +
          `prepared statements, as the application's role, in the benchmark's process. `
        : `the same ranked FTS5 query (per audience: the cost-limit floor, then BM25) run ` +
          `directly on better-sqlite3 in the benchmark's process. `) +
      `Targets: p99 < 50 ms, overhead < 30%.\n\n` +
      table(
        [
          'meetings',
          'paragraphs',
          'API p50 ms',
          'API p99 ms',
          'direct p50 ms',
          'direct p99 ms',
          'API overhead (p50)',
          'p99 < 50 ms / overhead < 30%',
        ],
        report.scales.map((s) => [
          n(s.scale),
          n(s.scale),
          ms(s.search.api.p50),
          ms(s.search.api.p99),
          ms(s.search.direct.p50),
          ms(s.search.direct.p99),
          `${Math.round(s.search.overhead * 100)}%`,
          `${yes(s.search.api.p99 < 50)} / ${yes(s.search.overhead < 0.3)}`,
        ]),
      ),
  );
  const mixed = main.mixed;
  if (mixed !== null) {
    const growth = mixed.rssEnd / mixed.rssEarly.mb - 1;
    out.push(
      `#### 4. Mixed load at ${n(main.scale)} meetings\n\n` +
        `${mixed.users} users at once, each sending its next request when the last is answered, ` +
        `for ${Math.round(mixed.seconds)} s: 80% reads (60% a meeting with its agenda, 10% a page ` +
        `of meetings, 10% a search), 20% writes (a note). Every acknowledged write read back at the end. ` +
        `Each user opened its connection before the clock started (Node accepts one new connection per ` +
        `turn of its event loop, so a burst of connections into a saturated server waits in the ` +
        `kernel's queue; bench/scenarios/mixed.ts); connections opened while measured: ` +
        `${n(mixed.connectionsOpened)}.\n\n` +
        table(
          ['figure', 'value', 'target'],
          [
            ['requests', `${n(mixed.requests)} (${n(mixed.requestsPerSecond)} req/s)`, ''],
            ['p95 / p99, all', `${ms(mixed.all.p95)} / ${ms(mixed.all.p99)} ms`, ''],
            ['p95 / p99, reads', `${ms(mixed.reads.p95)} / ${ms(mixed.reads.p99)} ms`, ''],
            ['p95 / p99, writes', `${ms(mixed.writes.p95)} / ${ms(mixed.writes.p99)} ms`, ''],
            ['errors', String(mixed.errors), yes(mixed.errors === 0)],
            [
              'acknowledged writes / lost',
              `${n(mixed.acknowledged)} / ${mixed.lost}`,
              yes(mixed.lost === 0),
            ],
            [
              `resident memory at ${Math.round(mixed.rssEarly.atSeconds)} s / at the end`,
              `${n(mixed.rssEarly.mb)} / ${n(mixed.rssEnd)} MB`,
              `${yes(mixed.rssEnd < 300)} (< 300 MB)`,
            ],
            ['growth', `${Math.round(growth * 100)}%`, `${yes(growth < 0.1)} (< 10%)`],
          ],
        ) +
        (mixed.errorSamples.length > 0
          ? `\n\nFirst errors: ${mixed.errorSamples.map((e) => `\`${e.replace(/`/g, "'")}\``).join(', ')}`
          : ''),
    );
  }
  const peer = main.peer;
  if (peer !== null) {
    out.push(
      `#### 5. Peer\n\n` +
        (peer.skipped !== null
          ? `Skipped: ${peer.skipped}.`
          : `Anonymous \`GET ${peer.path}\` against ours' anonymous \`GET /api/meetings/:id\`, ` +
            `the same meeting, turns interleaved; its agenda matches ours: ${peer.sameItems ? 'yes' : '**no**'}.\n\n` +
            table(
              ['server', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'ours / peer (target >= 40)'],
              [
                [
                  peer.peer,
                  n(peer.requestsPerSecond),
                  ms(peer.p50),
                  ms(peer.p99),
                  String(peer.errors),
                  '',
                ],
                [
                  'ours',
                  n(peer.oursRequestsPerSecond),
                  '',
                  ms(peer.oursP99),
                  '',
                  `${ratio(peer.oursRequestsPerSecond / peer.requestsPerSecond)} ${yes(peer.oursRequestsPerSecond / peer.requestsPerSecond >= 40)}`,
                ],
              ],
            )),
    );
  }
  out.push(
    `#### 6. Scale\n\n` +
      `The same meeting read and search at each size (paragraphs = meetings; the search index ` +
      `also holds every meeting and agenda item).\n\n` +
      table(
        [
          'meetings',
          'load s',
          'anon ours req/s',
          'anon ours/B',
          'anon p99 ms',
          'signed ours req/s',
          'signed ours/B',
          'signed p99 ms',
          'search p50 ms',
          'search p99 ms',
        ],
        report.scales.map((s) => {
          const [anon, signed] = s.reads.comparisons;
          const cells = (c: Comparison | undefined) =>
            c === undefined
              ? ['', '', '']
              : [
                  n(c.results.ours.requestsPerSecond),
                  ratio(c.results.ours.requestsPerSecond / c.results.B.requestsPerSecond),
                  ms(c.results.ours.p99),
                ];
          return [
            n(s.scale),
            n(s.loadSeconds),
            ...cells(anon),
            ...cells(signed),
            ms(s.search.api.p50),
            ms(s.search.api.p99),
          ];
        }),
      ),
  );
  return out.join('\n\n');
}

export function writeReport(
  file: string,
  run: {
    machine: Machine;
    config: BenchConfig;
    command: string;
    minutes: number;
    targets: TargetReport[];
    core: string | null;
  },
): void {
  const { machine, config } = run;
  const engines = run.targets.map((t) => t.engineVersion).filter(Boolean);
  const section = [
    START,
    '## Side by side: `npm run bench`',
    `Written by \`bench/run.ts\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC ` +
      `after ${run.minutes.toFixed(1)} minutes; rerun to replace this section.` +
      (config.quick ? ' **Quick mode: for checking the harness, not figures.**' : ''),
    table(
      ['machine', ''],
      [
        ['CPU', `${machine.cpu}, ${machine.cores} cores`],
        ['RAM', `${machine.ramGb} GB`],
        ['Node', machine.node],
        ['database', engines.join(', ') || 'none ran'],
        ['load average at the start', machine.load],
        [
          'servers',
          run.core === null
            ? 'not pinned'
            : `each pinned to core ${run.core} (\`taskset\`); the load generator (autocannon) runs unpinned in the benchmark's process`,
        ],
      ],
    ),
    `Command: \`${run.command}\`. Settings: ${config.rounds} rounds of ${config.seconds} s ` +
      `(BENCH_ROUNDS, BENCH_SECONDS), ${config.connections} connections (BENCH_CONNECTIONS), ` +
      `scales ${config.scales.map(n).join(', ')} (BENCH_SCALES)` +
      (config.postgresScales.join() === config.scales.join()
        ? ''
        : `, on PostgreSQL ${config.postgresScales.map(n).join(', ')} (BENCH_POSTGRES_SCALES)`) +
      `, ${config.users} users for ` +
      `${config.mixedSeconds} s mixed (BENCH_USERS, BENCH_MIXED_SECONDS), ${config.queries} ` +
      `search queries (BENCH_QUERIES). Every server runs as a child process on 127.0.0.1.`,
    ...run.targets.map((t) => renderTarget(t, config)),
    END,
  ].join('\n\n');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = before.indexOf(START);
  const end = before.indexOf(END);
  let next: string;
  if (start >= 0 && end > start) {
    next = `${before.slice(0, start)}${section}${before.slice(end + END.length)}`;
  } else {
    const firstBreak = before.indexOf('\n');
    next = `${before.slice(0, firstBreak + 1)}\n${section}\n${before.slice(firstBreak + 1)}`;
  }
  writeFileSync(file, next);
}
