// Does the other party's user administration cost a caller time? `node bench/silence-readers.ts`:
// NATO's chair puts joint texts under silence while Russia has 0 to 2,000 more users, first
// none of them cleared for the texts' marking, then all of them; 30 starts each, median. The
// readers of a text are found in one query (texts.repository.ts readersOf), so uncleared users
// cost nothing; the change leaves one notice and the server hands it out to the readers after
// the commit (texts/text-notifications.ts), which the "handed out" columns time apart from the
// caller's request.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openDatabase } from '../src/server/db/database.ts';
import type { Deps } from '../src/server/deps.ts';
import { OPERATOR, type UserActor } from '../src/server/modules/access/actor.ts';
import { createUser } from '../src/server/modules/auth/create-user.ts';
import { createText } from '../src/server/modules/texts/create-text.ts';
import { startSilence } from '../src/server/modules/texts/start-silence.ts';
import { deliverNotifications } from '../src/server/modules/texts/text-notifications.ts';
import { prepareDatabase } from '../src/server/prepare-database.ts';
import { insertUsers } from '../tests/support/bulk-users.ts';
import { seedParties } from '../tests/support/test-context.ts';

const RUNS = 30;
const PASSWORD = 'a bench password of some length';

async function actor(deps: Deps, party: string, role: 'secretary' | 'chair'): Promise<UserActor> {
  const username = `${party}-${role}`;
  const user = await createUser(deps, OPERATOR, {
    username,
    password: PASSWORD,
    roles: [role],
    party,
  });
  return { kind: 'user', userId: user.id, username, party, roles: [role] };
}

async function measure(
  extra: number,
  clearance: string,
): Promise<{ request: number; handedOut: number; longestBlock: number }> {
  const db = openDatabase(':memory:');
  let tick = Date.parse('2001-03-01T09:00:00.000Z');
  let id = 0;
  const deps: Deps = { db, clock: () => new Date(tick), ids: () => `id-${++id}` };
  await prepareDatabase(db);
  await seedParties(deps);
  const secretary = await actor(deps, 'nato', 'secretary');
  const chair = await actor(deps, 'nato', 'chair');
  await actor(deps, 'russia', 'chair');
  await insertUsers(db, {
    prefix: 'russian',
    party: 'russia',
    count: extra,
    at: new Date(tick).toISOString(),
    clearance,
  });
  const times: number[] = [];
  const handedOut: number[] = [];
  const blocks: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const text = await createText(deps, secretary, {
      kind: 'communique',
      title: `Text ${run}`,
      visibility: 'joint',
      classification: 'nato-unclassified',
      paragraphs: ['A clean paragraph.'],
    });
    tick += 1000;
    const began = performance.now();
    await startSilence(deps, chair, text.id, {
      version: text.version,
      deadline: '2001-03-10T18:00',
      timeZone: 'Europe/Brussels',
    });
    times.push(performance.now() - began);
    // The longest the event loop was held at once while handing out: what a request arriving
    // meanwhile (the caller's next one, say) would wait at most.
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const after = performance.now();
    await deliverNotifications(deps);
    handedOut.push(performance.now() - after);
    loop.disable();
    blocks.push(loop.max / 1e6);
  }
  await db.destroy();
  return {
    request: median(times),
    handedOut: median(handedOut),
    longestBlock: median(blocks),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

console.log(`node ${process.version}: NATO's chair starts silence, ${RUNS} runs each, median ms`);
console.log(
  '| more Russian users | request, none cleared | request, all cleared | handed out after, none cleared | handed out after, all cleared | longest hold of the event loop, all cleared |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const extra of [0, 500, 2_000]) {
  // public-disclosed ranks below the texts' NATO UNCLASSIFIED: those users may not read them.
  const uncleared = await measure(extra, 'public-disclosed');
  const cleared = await measure(extra, 'nato-unclassified');
  console.log(
    `| ${extra.toLocaleString('en')} | ${uncleared.request.toFixed(1)} | ${cleared.request.toFixed(1)} | ${uncleared.handedOut.toFixed(1)} | ${cleared.handedOut.toFixed(1)} | ${cleared.longestBlock.toFixed(1)} |`,
  );
}
