// `npm run bench`: the side-by-side benchmarks of issue 9, every comparison measured in the
// same run with the contenders taking turns, over HTTP on 127.0.0.1, servers in child
// processes. Writes the results into BENCHMARKS.md (between its bench:run markers) and prints
// them as it goes. Settings: bench/support/config.ts (BENCH_QUICK=1 for a two-minute check).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ScaleContext } from './scenarios/context.ts';
import { listPath, listRequests, runLists } from './scenarios/lists.ts';
import { runMixed } from './scenarios/mixed.ts';
import { runPeer } from './scenarios/peer-directus.ts';
import { readRequests, runReads } from './scenarios/reads.ts';
import { runSearch } from './scenarios/search.ts';
import { loadBenchConfig, mainScale } from './support/config.ts';
import { describeMachine } from './support/machine.ts';
import {
  BENCH_SECRET,
  councilNodeFlags,
  type Served,
  serverCore,
  startServer,
} from './support/processes.ts';
import { type ScaleReport, type TargetReport, writeReport } from './support/report.ts';
import { postgresTarget } from './targets/postgres.ts';
import { sqliteTarget } from './targets/sqlite.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = loadBenchConfig();
const log = (line: string) => console.log(line);
const began = performance.now();
const machine = describeMachine();
log(
  `bench: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB, node ${machine.node}; ` +
    `scales ${config.scales.join(', ')}${config.quick ? ' (quick mode)' : ''}`,
);

const targets: TargetReport[] = [];
for (const target of [sqliteTarget, postgresTarget]) {
  const skipped = target.skipReason();
  if (skipped !== null) {
    log(`${target.label}: skipped (${skipped})`);
    targets.push({ target, skipped, scales: [], engineVersion: '' });
    continue;
  }
  const report: TargetReport = { target, skipped: null, scales: [], engineVersion: '' };
  targets.push(report);
  const scales = target.dialect === 'postgres' ? config.postgresScales : config.scales;
  for (const scale of scales) {
    const main = scale === mainScale(scales);
    log(`${target.label}: loading ${scale.toLocaleString('en')} meetings and paragraphs`);
    const loaded = await target.load({
      meetings: scale,
      paragraphs: scale,
      // Accounts for the mixed load only: 300 of them take a while to open.
      writers: main && (config.only === null || config.only.has('mixed')) ? config.users : 0,
    });
    report.engineVersion = loaded.engineVersion;
    log(`  loaded in ${Math.round(loaded.loadSeconds)} s`);
    const servers: Served[] = [];
    const scratch = mkdtempSync(join(tmpdir(), 'council-bench-answers-'));
    try {
      const ours = await startServer({
        name: 'council serve',
        args: [...councilNodeFlags(), join(root, 'bin', 'council.js'), 'serve'],
        env: {
          ...loaded.env,
          COUNCIL_SECRET: BENCH_SECRET,
          LOG_LEVEL: process.env.BENCH_SERVER_LOG ? 'info' : 'silent',
        },
        logFile: process.env.BENCH_SERVER_LOG,
        readyPath: '/api/parties',
      });
      servers.push(ours);
      const baseline = await loaded.startBaseline([loaded.member]);
      servers.push(baseline);
      // A answers from memory exactly the bytes ours answered for each request measured.
      const partial = { config, target, scale, loaded, ours, baseline, log } as Omit<
        ScaleContext,
        'bare'
      >;
      const wanted = [
        ...readRequests(partial as ScaleContext),
        ...(main
          ? listRequests(partial as ScaleContext).map((l) => ({
              path: listPath(l.filters),
              headers: { authorization: `Bearer ${loaded.member.token}` } as Record<string, string>,
            }))
          : []),
      ];
      const answers = [];
      for (const w of wanted) {
        const response = await fetch(`${ours.url}${w.path}`, { headers: w.headers });
        if (response.status !== 200) throw new Error(`${w.path}: ${response.status}`);
        answers.push({
          key: `${w.path}|${w.headers.authorization ?? ''}`,
          contentType: response.headers.get('content-type') ?? 'application/json',
          body: await response.text(),
        });
      }
      const answersFile = join(scratch, 'answers.json');
      writeFileSync(answersFile, JSON.stringify(answers));
      const bare = await startServer({
        name: 'baseline A',
        args: [join(root, 'bench', 'targets', 'bare-http.ts')],
        env: { BENCH_ANSWERS: answersFile },
        readyPath: '/ready',
      });
      servers.push(bare);
      const ctx: ScaleContext = { ...partial, bare };
      if (config.only !== null) {
        // A partial run measures and prints; the report is only ever written whole.
        if (config.only.has('reads')) await runReads(ctx);
        if (config.only.has('search')) await runSearch(ctx);
        if (main && config.only.has('lists')) await runLists(ctx);
        if (main && config.only.has('peer')) await runPeer(ctx);
        if (main && config.only.has('mixed')) await runMixed(ctx);
        continue;
      }
      const scaleReport: ScaleReport = {
        scale,
        main,
        loadSeconds: loaded.loadSeconds,
        reads: await runReads(ctx),
        search: await runSearch(ctx),
        lists: main ? await runLists(ctx) : null,
        mixed: null,
        peer: null,
      };
      report.scales.push(scaleReport);
      if (main) {
        // The peer reads the same meetings while ours idles; then the mixed load, which writes.
        scaleReport.peer = await runPeer(ctx);
        scaleReport.mixed = await runMixed(ctx);
      }
    } finally {
      for (const server of servers.reverse()) await server.stop();
      await loaded.close();
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

const minutes = (performance.now() - began) / 60_000;
if (config.only !== null) {
  log(`BENCH_ONLY run finished after ${minutes.toFixed(1)} minutes; BENCHMARKS.md left as it was`);
  process.exit(0);
}
const command = [
  ...Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_') && k !== 'BENCH_DATABASE_URL')
    .map(([k, v]) => `${k}=${v}`)
    .sort(),
  'npm run bench',
].join(' ');
const file = join(root, 'BENCHMARKS.md');
writeReport(file, { machine, config, command, minutes, targets, core: serverCore() });
log(`wrote ${file} after ${minutes.toFixed(1)} minutes`);
