// What a signed-in request pays to find its session: `node bench/session-lookup.ts`. Times, on
// a council's SQLite file, the session lookup as the server runs it (resolveSession), and its
// SQL in two forms straight on better-sqlite3: a join of sessions and users, and the scalar
// subqueries on the session's key that resolve-session.ts uses. Median of 5 runs of 20,000.
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { resolveSession } from '../src/server/modules/auth/resolve-session.ts';
import { hashSecret } from '../src/server/modules/auth/session-secrets.ts';
import { addUser, createTestContext } from '../tests/support/test-context.ts';

const RUNS = 5;
const CALLS = 20_000;

async function microseconds(fn: () => unknown): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 2_000; i++) await fn();
  for (let run = 0; run < RUNS; run++) {
    const began = performance.now();
    for (let i = 0; i < CALLS; i++) await fn();
    runs.push(((performance.now() - began) * 1000) / CALLS);
  }
  return runs.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0;
}

const ctx = await createTestContext({ seed: 'parties' });
const member = await addUser(ctx, 'nato', ['member']);
const token = (member.headers.authorization ?? '').replace(/^Bearer /, '');
const id = hashSecret(token);
const now = ctx.deps.clock().toISOString();
const raw = new SQLite(ctx.databaseUrl.replace(/^file:/, ''), { readonly: true });
const joined = raw.prepare(`select u.id, u.username, u.party, u.roles, u.mustChangePassword,
    s.csrfToken, s.expiresAt
  from sessions s join users u on u.id = s.userId
  where s.id = ? and s.kind = 'token' and s.expiresAt > ? and u.disabledAt is null`);
const scalar = raw.prepare(`select u.id, u.username, u.party, u.roles, u.mustChangePassword,
    (select csrfToken from sessions where id = ?) as csrfToken,
    (select expiresAt from sessions where id = ?) as expiresAt
  from users u
  where u.id = (select userId from sessions where id = ? and kind = 'token' and expiresAt > ?)
    and u.disabledAt is null`);
if (JSON.stringify(joined.get(id, now)) !== JSON.stringify(scalar.get(id, id, id, now))) {
  throw new Error('the two forms answer differently');
}
console.log(
  `node ${process.version}, SQLite ${raw.prepare('select sqlite_version() as v').pluck().get()}: µs per lookup, median of ${RUNS} runs of ${CALLS.toLocaleString('en')}`,
);
console.log('| lookup | µs |');
console.log('| --- | --- |');
console.log(
  `| SQL, join of sessions and users | ${(await microseconds(() => joined.get(id, now))).toFixed(1)} |`,
);
console.log(
  `| SQL, scalar subqueries on the session's key | ${(await microseconds(() => scalar.get(id, id, id, now))).toFixed(1)} |`,
);
console.log(
  `| resolveSession (hash, prepared query, driver) | ${(await microseconds(() => resolveSession(ctx.deps, token, 'token'))).toFixed(1)} |`,
);
raw.close();
await ctx.close();
