// Scenario 4: N users at once, each sending its next request as soon as the last one is
// answered: 80% reads (a meeting with its agenda, a page of meetings, a search) and 20% writes
// (a note, through the one write path). Every write the API acknowledged (201) is read back
// at the end: one missing or different is a lost write. The server's resident memory is read
// at minute 1 (or at a fifth of a shorter run) and at the end.
//
// Every user's connection is opened before the clock starts, while the server is idle. Node
// accepts one new connection per turn of its event loop (libuv 1.45 and later, see
// nodejs/node#57364), and a turn of a saturated server serves every ready connection once:
// 300 connections opened in the same millisecond into a server already busy with the first of
// them were accepted a few a second, and the last waited past the client's 30 s timeout. That
// measures the kernel's accept queue, not a user's request; the run counts the connections it
// had to open while measured (0 unless the server closed one).
import { performance } from 'node:perf_hooks';
import { twoWordQueries } from '../support/corpus.ts';
import { httpClient, percentile } from '../support/load.ts';
import type { ListFilters } from '../targets/sqlite-queries.ts';
import { bearer, type ScaleContext } from './context.ts';
import { listPath } from './lists.ts';

export interface MixedResult {
  users: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  reads: { p95: number; p99: number };
  writes: { p95: number; p99: number };
  all: { p95: number; p99: number };
  errors: number;
  /** Example errors: status and the start of the body. */
  errorSamples: string[];
  /** Connections the users had to open while measured (each opened its own before). */
  connectionsOpened: number;
  acknowledged: number;
  lost: number;
  rssEarly: { atSeconds: number; mb: number };
  rssEnd: number;
}

export async function runMixed(ctx: ScaleContext): Promise<MixedResult> {
  const { config, loaded, ours } = ctx;
  const users = loaded.writers.slice(0, config.users);
  const seconds = config.mixedSeconds;
  ctx.log(`mixed load: ${users.length} users for ${seconds} s`);
  const client = httpClient(users.length);
  const queries = twoWordQueries(50, 7);
  const listFilters: ListFilters[] = [
    {},
    { level: 'experts' },
    { status: 'planned' },
    { from: '2010-01' },
  ];
  // Each user's connection, opened while the server is idle (see the top of this file).
  const warmed = await Promise.all(
    users.map((u) => client.send('GET', `${ours.url}/api/me`, bearer(u.token))),
  );
  const refused = warmed.filter((a) => a.status !== 200);
  if (refused.length > 0) throw new Error(`warming up: GET /api/me ${refused[0]?.status}`);
  client.counts.opened = 0;
  const readLatency: number[] = [];
  const writeLatency: number[] = [];
  const written: { id: string; text: string; token: string }[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const earlyAt = seconds >= 120 ? 60 : seconds / 5;
  const rssEarly = { atSeconds: earlyAt, mb: Number.NaN };
  const early = setTimeout(() => {
    rssEarly.mb = ours.rssMb();
  }, earlyAt * 1000);
  let seed = 1;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  const loop = async (user: (typeof users)[number], n: number) => {
    const headers = bearer(user.token);
    let k = 0;
    while (performance.now() < deadline) {
      k += 1;
      const roll = random();
      const at = performance.now();
      try {
        if (roll < 0.2) {
          const text = `Mixed load note ${n}-${k}: ${pick(queries)}`;
          const answer = await client.send(
            'POST',
            `${ours.url}/api/notes`,
            headers,
            JSON.stringify({ text, visibility: k % 2 === 0 ? 'joint' : 'caucus' }),
          );
          writeLatency.push(performance.now() - at);
          if (answer.status === 201) {
            written.push({
              id: (JSON.parse(answer.body) as { id: string }).id,
              text,
              token: user.token,
            });
            continue;
          }
          errors += 1;
          if (errorSamples.length < 5)
            errorSamples.push(`POST ${answer.status} ${answer.body.slice(0, 120)}`);
        } else {
          const path =
            roll < 0.8
              ? `/api/meetings/${pick(loaded.readableMeetingIds)}`
              : roll < 0.9
                ? listPath(pick(listFilters))
                : `/api/search?${new URLSearchParams({ q: pick(queries) })}`;
          const answer = await client.send('GET', `${ours.url}${path}`, headers);
          readLatency.push(performance.now() - at);
          if (answer.status === 200) continue;
          errors += 1;
          if (errorSamples.length < 5)
            errorSamples.push(`GET ${path} ${answer.status} ${answer.body.slice(0, 120)}`);
        }
      } catch (error) {
        errors += 1;
        // Which request failed and after how long: the kind of request tells a stall from a crash.
        const kind =
          roll < 0.2
            ? 'POST /api/notes'
            : roll < 0.8
              ? 'GET meeting'
              : roll < 0.9
                ? 'GET list'
                : 'GET search';
        if (errorSamples.length < 5) {
          errorSamples.push(
            `${kind} sent at ${Math.round((at - started) / 1000)} s, failed after ${Math.round(performance.now() - at)} ms: ${String(error)}`,
          );
        }
      }
    }
  };
  await Promise.all(users.map((u, i) => loop(u, i)));
  clearTimeout(early);
  const elapsed = (performance.now() - started) / 1000;
  const connectionsOpened = client.counts.opened;
  const rssEnd = ours.rssMb();
  if (Number.isNaN(rssEarly.mb)) rssEarly.mb = rssEnd;

  // Read every acknowledged write back, as its author, a few at a time.
  let lost = 0;
  const queue = [...written];
  const check = async () => {
    for (let w = queue.pop(); w !== undefined; w = queue.pop()) {
      const answer = await client.send('GET', `${ours.url}/api/notes/${w.id}`, bearer(w.token));
      if (answer.status !== 200 || (JSON.parse(answer.body) as { text: string }).text !== w.text) {
        lost += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, check));
  client.close();
  const all = [...readLatency, ...writeLatency];
  const result: MixedResult = {
    users: users.length,
    seconds: elapsed,
    requests: all.length,
    requestsPerSecond: all.length / elapsed,
    reads: { p95: percentile(readLatency, 95), p99: percentile(readLatency, 99) },
    writes: { p95: percentile(writeLatency, 95), p99: percentile(writeLatency, 99) },
    all: { p95: percentile(all, 95), p99: percentile(all, 99) },
    errors,
    errorSamples,
    connectionsOpened,
    acknowledged: written.length,
    lost,
    rssEarly,
    rssEnd,
  };
  ctx.log(
    `  ${Math.round(result.requestsPerSecond)} req/s, p95 ${result.all.p95.toFixed(1)} ms, p99 ` +
      `${result.all.p99.toFixed(1)} ms, ${errors} errors, ${written.length} writes, ${lost} lost, ` +
      `RSS ${Math.round(rssEarly.mb)} -> ${Math.round(rssEnd)} MB, ` +
      `${connectionsOpened} connections opened while measured`,
  );
  for (const sample of errorSamples) ctx.log(`    error: ${sample}`);
  return result;
}
