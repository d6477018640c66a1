// How long the cheapest hostile requests hold the (single) event loop, on a large council:
// `node bench/hostile-reads.ts [meetings]` (default 100,000 meetings with 10 agenda items
// each: 1.1 million search documents). SQLite answers synchronously, so a request's duration
// through `inject` is the time it blocks every other request. Each request runs several times
// (after one warm-up); the worst and the median are printed, with the budget of 50 ms.
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/server/app.ts';
import { buildBigCouncil } from './support/big-council.ts';
import { addUserTo } from './support/users.ts';

const meetings = Number(process.argv[2] ?? 100_000);
const RUNS = 5;
const BUDGET_MS = 50;

const built = performance.now();
const big = await buildBigCouncil({ meetings, itemsPerMeeting: 10 });
console.log(
  `node ${process.version}: ${meetings.toLocaleString('en')} meetings built in ${Math.round((performance.now() - built) / 1000)} s`,
);
const app = await buildApp({ deps: big.deps, secret: 'b'.repeat(40), logger: false });
await app.ready();
const member = await addUserTo(big.deps, 'nato', 'member');

const requests: [string, string, Record<string, string>][] = [
  ['search, one-letter word (anonymous)', '/api/search?q=a', {}],
  ['search, three-letter prefix', '/api/search?q=sea', member],
  ['search, the commonest word', '/api/search?q=council', member],
  ['search, two common words', '/api/search?q=council%20rescue', member],
  ['search, a word nowhere', '/api/search?q=zzyzx', member],
  ['meetings by a common topic', '/api/meetings?topicId=topic-submarine&limit=50', member],
  ['meetings by a topic on no agenda', '/api/meetings?topicId=topic-unused&limit=50', member],
  ['meetings by level', '/api/meetings?level=experts&limit=50', member],
  ['meetings by status', '/api/meetings?status=planned&limit=50', member],
  ['meetings by format', '/api/meetings?format=caucus&limit=50', member],
  ['meetings by date range', '/api/meetings?from=2010-01&to=2010-03&limit=50', member],
  ['meetings, last page by date', '/api/meetings?from=2026-12&limit=50', member],
  ['decisions, notes, audit', '/api/audit?limit=50', member],
  ['one meeting with its agenda', `/api/meetings/m${Math.floor(meetings / 2) + 1}`, member],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
let failures = 0;
console.log(`${'request'.padEnd(40)} ${'median'.padStart(9)} ${'worst'.padStart(9)}  status`);
for (const [name, url, headers] of requests) {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    const response = await app.inject({ url, headers });
    if (i > 0) times.push(performance.now() - started);
    status = response.statusCode;
  }
  const worst = Math.max(...times);
  if (worst > BUDGET_MS) failures += 1;
  console.log(
    `${name.padEnd(40)} ${median(times).toFixed(1).padStart(7)}ms ${worst.toFixed(1).padStart(7)}ms  ${status}${worst > BUDGET_MS ? '  over budget' : ''}`,
  );
}
await app.close();
await big.close();
console.log(failures === 0 ? `all within ${BUDGET_MS} ms` : `${failures} over ${BUDGET_MS} ms`);
