// Does the other party's caucus cost a caller time when it lists notes? `node bench/hidden-notes.ts`:
// a joint meeting with 200 joint notes (written by both parties), and 0 to 50,000 of NATO's
// caucus notes on it; a Russian member lists the meeting's notes (the first page of 20) and
// every note it may see (the first page), 200 times each. Both must take the same time however
// many notes NATO keeps to itself: each audience is read on its own part of the notes' indexes
// (migration 2026-12-04T1000, list-notes.ts).
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { UserActor } from '../src/server/modules/access/actor.ts';
import { listNotes } from '../src/server/modules/notes/list-notes.ts';
import { seedParties } from '../tests/support/test-context.ts';

const VISIBLE = 200;
const RUNS = 200;
const russia: UserActor = {
  kind: 'user',
  userId: 'bench-russia',
  username: 'russia-member',
  party: 'russia',
  roles: ['member'],
};

async function measure(hidden: number): Promise<{ meeting: number; all: number }> {
  const db = openDatabase(':memory:');
  await migrateToLatest(db);
  const at = '2001-01-01T00:00:00.000Z';
  const deps = { db, clock: () => new Date(at), ids: () => 'unused' };
  await seedParties(deps);
  await sql`insert into "meetings" ("id", "title", "level", "format", "status", "startsAt",
      "date", "visibility", "party", "createdAt", "updatedAt")
    values ('meeting', 'Plenary', 'ambassadors', 'joint', 'planned', ${at}, '2001-01-01',
      'joint', null, ${at}, ${at})`.execute(db);
  const total = VISIBLE + hidden;
  for (let start = 0; start < total; start += 400) {
    const rows = [];
    for (let i = start; i < Math.min(total, start + 400); i++) {
      const caucus = i >= VISIBLE;
      // Hidden notes written before and between the visible ones, so a walk in date order meets them.
      const createdAt = new Date(
        Date.UTC(2001, 0, 1) + ((i * 7919) % 1_000_003) * 1000,
      ).toISOString();
      const party = caucus ? 'nato' : i % 2 === 0 ? 'nato' : 'russia';
      rows.push(
        sql`(${`note-${i}`}, 'A note', 'meeting', ${caucus ? 'caucus' : 'joint'}, ${party},
          ${createdAt}, ${createdAt})`,
      );
    }
    await sql`insert into "notes" ("id", "text", "meetingId", "visibility", "party", "createdAt",
      "updatedAt") values ${sql.join(rows)}`.execute(db);
  }
  await sql`analyze`.execute(db);
  const time = async (run: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await run();
    const began = performance.now();
    for (let i = 0; i < RUNS; i++) await run();
    return (performance.now() - began) / RUNS;
  };
  const byMeeting = () => listNotes(deps, russia, { limit: 20, meetingId: 'meeting' });
  const everything = () => listNotes(deps, russia, { limit: 20 });
  for (const list of [byMeeting, everything]) {
    const page = await list();
    if (page.items.length !== 20 || page.items.some((n) => n.visibility === 'caucus')) {
      throw new Error(`the member listed ${page.items.map((n) => n.id).join()}`);
    }
  }
  const result = { meeting: await time(byMeeting), all: await time(everything) };
  await db.destroy();
  return result;
}

console.log(`node ${process.version}: ${VISIBLE} joint notes, a Russian member, ${RUNS} runs each`);
console.log("| NATO's caucus notes | the meeting's notes ms | all notes ms |");
console.log('| ------------------- | ---------------------- | ------------ |');
for (const hidden of [0, 1_000, 10_000, 50_000]) {
  const { meeting, all } = await measure(hidden);
  console.log(`| ${hidden.toLocaleString('en')} | ${meeting.toFixed(3)} | ${all.toFixed(3)} |`);
}
