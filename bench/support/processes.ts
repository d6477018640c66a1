// The servers under test run as child processes, each started and stopped by its pid, on a
// free port of 127.0.0.1. With BENCH_PIN (the default) every server is pinned to the same one
// core (`taskset`), as the figures were measured, and the load generator keeps the other.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';

/** COUNCIL_SECRET of every server of a run: ours, and B, which signs cursors with it as ours does. */
export const BENCH_SECRET = 'b'.repeat(40);

export interface Served {
  name: string;
  url: string;
  pid: number;
  /** Resident memory of the process now, in MB (from /proc). */
  rssMb: () => number;
  stop: () => Promise<void>;
}

/**
 * The flags `npm start` and `npm run council` give Node (package.json), so that the benchmark
 * serves as they do.
 */
export function councilNodeFlags(): string[] {
  const { scripts } = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { scripts: Record<string, string> };
  const flags = /^node (.*)bin\/council\.js$/.exec(scripts.council ?? '')?.[1];
  if (flags === undefined)
    throw new Error('package.json: scripts.council is not node ... bin/council.js');
  return flags.trim().split(/\s+/).filter(Boolean);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The core servers are pinned to, or null when pinning is off or taskset is missing. */
export function serverCore(): string | null {
  if (process.env.BENCH_PIN === '0' || !existsSync('/usr/bin/taskset')) return null;
  return process.env.BENCH_SERVER_CORE ?? '0';
}

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/**
 * Starts `node args...` with `env`, waits until `readyPath` answers 200 (or the process dies),
 * and returns how to reach and stop it. Its output is kept for the error message only.
 */
export async function startServer(options: {
  name: string;
  args: string[];
  env: Record<string, string>;
  readyPath: string;
  cwd?: string;
  timeoutMs?: number;
  /** Also writes the server's whole output to this file (BENCH_SERVER_LOG, for a diagnosis). */
  logFile?: string | undefined;
}): Promise<Served> {
  const port = await freePort();
  const core = serverCore();
  const command = core === null ? process.execPath : '/usr/bin/taskset';
  const args = core === null ? options.args : ['-c', core, process.execPath, ...options.args];
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (options.logFile) {
    const log = createWriteStream(options.logFile);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let dead = false;
  void exited.then(() => {
    dead = true;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (dead) throw new Error(`${options.name} exited before answering:\n${output}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} did not answer ${options.readyPath} in time:\n${output}`);
    }
    try {
      const response = await fetch(`${url}${options.readyPath}`);
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const pid = child.pid ?? 0;
  return {
    name: options.name,
    url,
    pid,
    rssMb: () => rssOf(pid),
    stop: async () => {
      if (dead) return;
      process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (!dead) process.kill(pid, 'SIGKILL');
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
