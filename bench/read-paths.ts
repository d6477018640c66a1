// Throughput of the hot read paths, in process (Fastify inject, no network), on the seeded PJC
// record: `node bench/read-paths.ts [requests-per-route]`. A later issue compares these
// paths with a bare-driver baseline; this script is the starting point for that measurement.
import { performance } from 'node:perf_hooks';
import { addUser, createTestContext } from '../tests/support/test-context.ts';

const count = Number(process.argv[2] ?? 2000);
const ctx = await createTestContext({ seed: 'pjc' });
const member = await addUser(ctx, 'nato', ['member']);

const routes: [string, string, Record<string, string>][] = [
  ['meeting by id, anonymous', '/api/meetings/pjc-2000-12-15-foreign-ministers', {}],
  ['meeting by id, signed in', '/api/meetings/pjc-2000-12-15-foreign-ministers', member.headers],
  ['meetings list (50)', '/api/meetings?limit=50', member.headers],
  ['council status on a date', '/api/council/status?at=1999-09-01', {}],
  ['search', '/api/search?q=rescue', member.headers],
  ['operation with shares', '/api/operations/kfor', {}],
];

console.log(`node ${process.version}, ${count} requests per route after 200 to warm up`);
for (const [name, url, headers] of routes) {
  for (let i = 0; i < 200; i++) await ctx.app.inject({ url, headers });
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const response = await ctx.app.inject({ url, headers });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const perSecond = Math.round(count / seconds);
  const microseconds = Math.round((seconds / count) * 1e6);
  console.log(`${name.padEnd(28)} ${String(perSecond).padStart(6)} req/s  ${microseconds} µs/req`);
}
await ctx.close();
