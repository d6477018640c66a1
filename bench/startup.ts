// Time from `council serve` being launched to its first answer, on a seeded database:
// `node bench/startup.ts [runs]`. It prepares one seeded database, then starts the server
// `runs` times (default 10) as a child process, asks GET /api/council until it answers 200,
// and stops it. The first start fills Node's compile cache; the median is over all runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { councilNodeFlags, freePort } from './support/processes.ts';

const runs = Number(process.argv[2] ?? 10);
const root = fileURLToPath(new URL('..', import.meta.url));
const nodeFlags = councilNodeFlags();
const cli = join(root, 'bin', 'council.js');
const folder = mkdtempSync(join(tmpdir(), 'council-startup-'));
const env = {
  ...process.env,
  DATABASE_URL: join(folder, 'council.db'),
  COUNCIL_SECRET: 'a'.repeat(40),
  LOG_LEVEL: 'silent',
  HOST: '127.0.0.1',
};

function runCli(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, cli, ...args], {
      env,
      stdio: 'ignore',
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
  });
}

/** Polls until the server answers; each attempt is one connection, no timers between them. */
async function firstAnswer(url: string, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet: ask again at once
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`${url} did not answer in time`);
}

await runCli(['migrate']);
await runCli(['seed', 'pjc']);

const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, cli, 'serve'], {
    env: { ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await firstAnswer(`http://127.0.0.1:${port}/api/council`, started + 30_000);
    times.push(performance.now() - started);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}
rmSync(folder, { recursive: true, force: true });

times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
console.log(
  `node ${process.version}: first answer after ${Math.round(median)} ms (median of ${runs}; ` +
    `min ${Math.round(times[0] ?? 0)} ms, max ${Math.round(times[times.length - 1] ?? 0)} ms)`,
);
