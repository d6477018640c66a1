// The meetings calendar under load: `node bench/calendar.ts [meetings]` (100,000 by default).
//
// Builds a temporary database holding that many public meetings spread over three years around
// today (inserted straight into the table, in batches), then serves it from a child process and,
// for each window, times `GET /api/meetings.ics` through a listening server while a probe asks
// another route one request after the other. The server process measures its own event loop's
// worst delay (perf_hooks.monitorEventLoopDelay) and its peak resident memory; each window gets
// a fresh server, so that one window's peak does not hide the next one's. A script, not a test:
// it prints the figures for BENCHMARKS.md.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { openDatabase } from '../src/server/db/database.ts';
import type { NewRow } from '../src/server/db/schema.ts';
import { prepareDatabase } from '../src/server/prepare-database.ts';

interface ServerStats {
  /** The event loop's worst delay while the feed was produced, in ms. */
  maxDelayMs: number;
  p99DelayMs: number;
  /** The process's resident memory high-water mark, in MB: at start, and after the feed. */
  startRssMb: number;
  peakRssMb: number;
}

type FromServer = { port: number } | ServerStats;
type ToServer = 'reset' | 'stats';

const DAY_MS = 24 * 60 * 60 * 1000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

if (process.argv[2] === '--serve') await serve(process.argv[3] ?? '');
else await measure(Number(process.argv[2] ?? 100_000));

/** The child: serves the database and reports on its own event loop and memory. */
async function serve(file: string): Promise<void> {
  const db = openDatabase(file);
  const app = await buildApp({
    deps: { db, clock: () => new Date(), ids: () => crypto.randomUUID() },
    secret: 'bench-secret-bench-secret-bench-secret-0',
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const startRssMb = maxRssMb();
  process.on('message', (message: ToServer) => {
    if (message === 'reset') delay.reset();
    if (message === 'stats') {
      const stats: ServerStats = {
        maxDelayMs: delay.max / 1e6,
        p99DelayMs: delay.percentile(99) / 1e6,
        startRssMb,
        peakRssMb: maxRssMb(),
      };
      process.send?.(stats);
    }
  });
  process.send?.({ port: (app.server.address() as AddressInfo).port });
}

async function measure(count: number): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'council-bench-calendar-'));
  const file = join(folder, 'council.db');
  const today = Date.parse(`${dayOf(Date.now())}T00:00:00.000Z`);
  // Three years, the widest window the calendar serves: it holds every meeting.
  const first = today - 548 * DAY_MS;
  const last = today + 547 * DAY_MS;
  try {
    const built = performance.now();
    await fill(file, count, first, last);
    console.log(
      `node ${process.version}: ${count.toLocaleString('en')} meetings from ${dayOf(first)} to ${dayOf(last)}, built in ${Math.round(performance.now() - built)} ms`,
    );
    const windows: [string, string][] = [
      ['default window', '/api/meetings.ics'],
      ['maximum window', `/api/meetings.ics?from=${dayOf(first)}&to=${dayOf(last)}`],
    ];
    for (const [name, url] of windows) {
      const result = await timeFeed(file, url);
      console.log(
        [
          name.padEnd(15),
          `${result.events.toLocaleString('en')} events`,
          `${(result.bytes / 1e6).toFixed(1)} MB`,
          `first byte ${Math.round(result.firstByteMs)} ms`,
          `total ${Math.round(result.totalMs)} ms`,
          `event loop max ${result.stats.maxDelayMs.toFixed(1)} ms (p99 ${result.stats.p99DelayMs.toFixed(1)} ms)`,
          `probes ${result.probes} answered meanwhile, slowest ${Math.round(result.slowestProbeMs)} ms`,
          `RSS ${result.stats.startRssMb} -> ${result.stats.peakRssMb} MB`,
        ].join(' | '),
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The database: the two parties and `count` public meetings, one batch of rows at a time. */
async function fill(file: string, count: number, first: number, last: number): Promise<void> {
  const db = openDatabase(file);
  await prepareDatabase(db);
  const at = new Date().toISOString();
  const stamps = { createdAt: at, updatedAt: at };
  await db
    .insertInto('parties')
    .values(
      [
        { id: 'nato', name: 'North Atlantic Treaty Organization', shortName: 'NATO', position: 1 },
        { id: 'russia', name: 'Russian Federation', shortName: 'Russia', position: 2 },
      ].map((p) => ({
        ...p,
        visibility: 'public' as const,
        party: null,
        sourceId: null,
        ...stamps,
      })),
    )
    .execute();
  const span = last - first;
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const rows: NewRow<'meetings'>[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const day = first + Math.floor((i / count) * (span / DAY_MS)) * DAY_MS;
      const startsAt = day + (8 + (i % 9)) * 60 * 60 * 1000;
      rows.push({
        id: `bench-${String(i).padStart(6, '0')}`,
        title: `Permanent Joint Council at ambassadors level, meeting ${i}`,
        level: 'ambassadors',
        format: 'joint',
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 2 * 60 * 60 * 1000).toISOString(),
        date: dayOf(startsAt),
        venue: 'NATO headquarters, Brussels',
        status: i % 10 === 0 ? 'cancelled' : 'planned',
        summary: null,
        agendaVersion: 0,
        seriesId: null,
        sourceId: null,
        visibility: 'public',
        party: null,
        ...stamps,
      });
    }
    await db.insertInto('meetings').values(rows).execute();
  }
  // Where meetings carry a time zone, half of them are set in one, as a council's would be:
  // their events then carry a TZID and the calendar its VTIMEZONE.
  const columns = await sql<{ name: string }>`pragma table_info("meetings")`.execute(db);
  if (columns.rows.some((c) => c.name === 'timeZone')) {
    await sql`update "meetings" set "timeZone" = case rowid % 4
        when 0 then 'Europe/Brussels' when 1 then 'Europe/Moscow' else "timeZone" end`.execute(db);
  }
  await db.destroy();
}

function startServer(file: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(import.meta.filename, ['--serve', file], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (message: FromServer) => {
      if ('port' in message) resolve({ child, port: message.port });
    });
  });
}

function ask(child: ChildProcess): Promise<ServerStats> {
  return new Promise((resolve) => {
    child.once('message', (message: FromServer) => resolve(message as ServerStats));
    child.send('stats' satisfies ToServer);
  });
}

/** One GET, read to the end: its status, size and timings, and the text's event count. */
function fetchAll(port: number, path: string) {
  return new Promise<{ status: number; bytes: number; events: number; firstByteMs: number }>(
    (resolve, reject) => {
      const started = performance.now();
      let firstByteMs = 0;
      let bytes = 0;
      let events = 0;
      let tail = '';
      get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (bytes === 0) firstByteMs = performance.now() - started;
          bytes += Buffer.byteLength(chunk);
          // Counted across chunk boundaries: 11 characters, one fewer than the marker, carry
          // over, so a marker split between two chunks counts once and no marker twice.
          const text = tail + chunk;
          events += text.split('BEGIN:VEVENT').length - 1;
          tail = text.slice(-11);
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, bytes, events, firstByteMs }),
        );
        response.on('error', reject);
      }).on('error', reject);
    },
  );
}

async function timeFeed(file: string, path: string) {
  const { child, port } = await startServer(file);
  try {
    // Warm up the route and the probe, so that the figures are of the feed, not of the start.
    await fetchAll(port, '/api/parties');
    child.send('reset' satisfies ToServer);
    const started = performance.now();
    let done = false;
    let probes = 0;
    let slowestProbeMs = 0;
    const probing = (async () => {
      while (!done) {
        const sent = performance.now();
        const probe = await fetchAll(port, '/api/parties');
        if (probe.status !== 200) throw new Error(`probe answered ${probe.status}`);
        if (!done) {
          probes += 1;
          slowestProbeMs = Math.max(slowestProbeMs, performance.now() - sent);
        }
      }
    })();
    const feed = await fetchAll(port, path);
    const totalMs = performance.now() - started;
    done = true;
    await probing;
    if (feed.status !== 200) throw new Error(`${path} answered ${feed.status}`);
    return { ...feed, totalMs, probes, slowestProbeMs, stats: await ask(child) };
  } finally {
    child.kill();
  }
}
