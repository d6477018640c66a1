// Does the other party's caucus cost a caller time? `node bench/hidden-links.ts`: a joint
// topic with 500 joint agenda items linked to it, and 0 to 50,000 of the other party's caucus
// items linked to it too; a NATO member lists the meetings of the topic (the page, with its
// answer whether the topic is common kept) and asks that question itself, 200 times each.
// Both must take the same time whatever the hidden count: the links carry their item's
// audience and the topic's index starts with it (migration 2026-12-03T1500). Before, the
// list took 0.6 ms with no hidden link and 50 ms with 50,000; after, 0.6 to 0.7 ms.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { UserActor } from '../src/server/modules/access/actor.ts';
import { commonTopicProbe, listMeetings } from '../src/server/modules/meetings/list-meetings.ts';
import { seedParties } from '../tests/support/test-context.ts';

const VISIBLE = 500;
const RUNS = 200;
const nato: UserActor = {
  kind: 'user',
  userId: 'bench-nato',
  username: 'nato-member',
  party: 'nato',
  roles: ['member'],
};

async function measure(hidden: number): Promise<{ list: number; probe: number }> {
  const db = openDatabase(':memory:');
  await migrateToLatest(db);
  const at = '2001-01-01T00:00:00.000Z';
  const deps = { db, clock: () => new Date(at), ids: () => 'unused' };
  await seedParties(deps);
  await sql`insert into "topics" ("id", "name", "visibility", "party", "createdAt", "updatedAt")
    values ('topic', 'Topic', 'joint', null, ${at}, ${at})`.execute(db);
  await sql`insert into "meetings" ("id", "title", "level", "format", "status", "startsAt",
      "date", "visibility", "party", "createdAt", "updatedAt")
    values ('joint-meeting', 'Plenary', 'ambassadors', 'joint', 'planned', ${at}, '2001-01-01',
      'joint', null, ${at}, ${at}),
      ('caucus-meeting', 'Caucus', 'ambassadors', 'caucus', 'planned', ${at}, '2001-01-01',
      'caucus', 'russia', ${at}, ${at})`.execute(db);
  const total = VISIBLE + hidden;
  for (let start = 0; start < total; start += 400) {
    const items = [];
    const links = [];
    for (let i = start; i < Math.min(total, start + 400); i++) {
      const caucus = i >= VISIBLE;
      // Ids interleaved, so that hidden links sit between visible ones in the topic's index.
      const id = `item-${String((i * 7919) % 1_000_003).padStart(8, '0')}`;
      items.push(
        sql`(${id}, ${caucus ? 'caucus-meeting' : 'joint-meeting'}, ${i + 1}, 'Item',
          ${caucus ? 'caucus' : 'joint'}, ${caucus ? 'russia' : null}, ${at}, ${at})`,
      );
      links.push(sql`(${id}, 'topic')`);
    }
    await sql`insert into "agendaItems" ("id", "meetingId", "position", "title", "visibility",
      "party", "createdAt", "updatedAt") values ${sql.join(items)}`.execute(db);
    await sql`insert into "agendaItemTopics" ("agendaItemId", "topicId")
      values ${sql.join(links)}`.execute(db);
  }
  await sql`analyze`.execute(db);
  const time = async (run: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await run();
    const began = performance.now();
    for (let i = 0; i < RUNS; i++) await run();
    return (performance.now() - began) / RUNS;
  };
  const list = await time(() => listMeetings(deps, nato, { limit: 20, topicId: 'topic' }));
  const probe = await time(() => commonTopicProbe(db, nato, 'topic').execute());
  const page = await listMeetings(deps, nato, { limit: 20, topicId: 'topic' });
  if (page.items.map((m) => m.id).join() !== 'joint-meeting') {
    throw new Error(`the member listed ${page.items.map((m) => m.id).join()}`);
  }
  await db.destroy();
  return { list, probe };
}

console.log(`node ${process.version}: ${VISIBLE} joint links, a NATO member, ${RUNS} runs each`);
console.log('| hidden caucus links | list ms | common-topic question ms |');
console.log('| ------------------- | ------- | ------------------------ |');
for (const hidden of [0, 1_000, 10_000, 50_000]) {
  const { list, probe } = await measure(hidden);
  console.log(`| ${hidden.toLocaleString('en')} | ${list.toFixed(3)} | ${probe.toFixed(3)} |`);
}
