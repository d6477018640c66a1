import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../src/server/modules/access/actor.ts';
import { createUser } from '../src/server/modules/auth/create-user.ts';
import { checkInvariants } from '../src/server/modules/integrity/check-invariants.ts';
import { type Scratch, scratch, withParties } from './support/cli.ts';
import { openTestDatabase, TEST_DIALECT, type TestDatabase } from './support/test-database.ts';

/**
 * A real `council serve` on a temporary database (a file, or a PostgreSQL database), killed with SIGKILL while writers have
 * requests in flight, and restarted: every write it acknowledged (a 2xx received) is there
 * afterwards, the database is intact and every invariant holds. CRASH_CYCLES sets how many
 * kills (3 by default; the CI tier runs 20), CRASH_SEED where they fall.
 */
const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const WRITERS = 4;
/**
 * Acknowledged writes per cycle before the kill (the writers keep sending while it lands): a
 * different count each cycle, from a seed that is printed so that a failure can be replayed.
 */
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
const MIN_WRITES = 5;
function killPoints(seed: number, cycles: number): number[] {
  let state = seed || 1;
  return Array.from({ length: cycles }, () => {
    // xorshift: small, deterministic, enough to spread the kills.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return MIN_WRITES + (Math.abs(state) % 20);
  });
}
const root = fileURLToPath(new URL('..', import.meta.url));

let s: Scratch;
let postgres: TestDatabase | undefined;
beforeAll(async () => {
  // On PostgreSQL the server runs on a database of its own on the test server.
  if (TEST_DIALECT === 'postgres') postgres = await openTestDatabase();
  s = scratch(postgres?.url);
  await withParties(s);
  await s.withDeps((deps) =>
    createUser(deps, OPERATOR, {
      username: 'crash-secretary',
      password: 'correct horse battery staple',
      roles: ['secretary'],
      party: 'nato',
    }),
  );
});
afterAll(async () => {
  s.remove();
  await postgres?.drop();
});

/** Starts the server and resolves with its address once it says it is listening. */
function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/council.js', 'serve'], {
    cwd: root,
    env: { ...process.env, ...s.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/running at (http:\/\/\S+)/);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
  });
}

async function tokenOf(url: string): Promise<string> {
  const response = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      party: 'nato',
      username: 'crash-secretary',
      password: 'correct horse battery staple',
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

describe('a server killed mid-stream', () => {
  it('keeps every write it acknowledged', async () => {
    const points = killPoints(SEED, CYCLES);
    console.log(
      `crash test: CRASH_SEED=${SEED}, kills after ${points.join(', ')} acknowledged writes`,
    );
    const acknowledged: string[] = [];
    let serial = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const { child, url } = await serve();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const token = await tokenOf(url);
      const killAfter = points[cycle] ?? MIN_WRITES;
      let ackedThisCycle = 0;
      let killed = false;
      const kill = () => {
        if (killed) return;
        killed = true;
        child.kill('SIGKILL');
      };
      const writer = async () => {
        while (!killed) {
          const name = `Crash ${cycle}-${++serial}`;
          try {
            const response = await fetch(`${url}/api/topics`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ name, visibility: 'joint' }),
            });
            if (response.status >= 200 && response.status < 300) {
              acknowledged.push(((await response.json()) as { id: string }).id);
              if (++ackedThisCycle >= killAfter) kill();
            }
          } catch {
            // The connection died with the server: not acknowledged, so nothing is owed.
            return;
          }
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, writer));
      await exited;
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(points.reduce((a, b) => a + b, 0));

    // Opening the database replays its log: everything acknowledged is there, nothing half
    // applied.
    await s.withDeps(async ({ db }) => {
      const stored = await db
        .selectFrom('topics')
        .select('id')
        .where('id', 'in', acknowledged)
        .execute();
      expect(stored.length).toBe(acknowledged.length);
      if (TEST_DIALECT === 'sqlite') {
        const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
          db,
        );
        expect(integrity.rows).toEqual([{ integrity_check: 'ok' }]);
      }
      // Each topic with its audit entry and change event: a change and its record together.
      const topics = await db
        .selectFrom('topics')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('name', 'like', 'Crash %')
        .executeTakeFirstOrThrow();
      const events = await db
        .selectFrom('changeEvents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'topic.create')
        .executeTakeFirstOrThrow();
      expect(Number(events.n)).toBe(Number(topics.n));
      expect(await checkInvariants(db)).toEqual([]);
    });
  }, 120_000);
});
