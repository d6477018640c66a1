// Does the other party's caucus cost a caller time when it lists meetings? `node
// bench/hidden-meetings.ts`: 200 joint meetings, and 0 to 50,000 of NATO's caucus meetings
// dated before and between them; a Russian member asks for the first page of 50 meetings,
// unfiltered and with each filter that has its own index (level, format, status, a date
// range), 200 times each. Every page must take the same time however many meetings NATO keeps
// to itself: each audience the member may see is read on its own part of the meetings'
// indexes (list-meetings.ts).
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { listMeetings } from '../src/server/modules/meetings/list-meetings.ts';
import type { MeetingListQuery } from '../src/shared/meetings.schemas.ts';
import { seedParties } from '../tests/support/test-context.ts';
import { msPerRun, RUSSIAN_MEMBER } from './support/hidden-rows.ts';

const VISIBLE = 200;
const RUNS = 200;

const LISTS: [string, Omit<MeetingListQuery, 'limit'>][] = [
  ['no filter', {}],
  ['level', { level: 'ambassadors' }],
  ['format', { format: 'joint' }],
  ['status', { status: 'planned' }],
  ['date range', { from: '2001', to: '2005' }],
];

async function measure(hidden: number): Promise<number[]> {
  const db = openDatabase(':memory:');
  await migrateToLatest(db);
  const at = '2001-01-01T00:00:00.000Z';
  const deps = { db, clock: () => new Date(at), ids: () => 'unused' };
  await seedParties(deps);
  const total = VISIBLE + hidden;
  for (let start = 0; start < total; start += 400) {
    const rows = [];
    for (let i = start; i < Math.min(total, start + 400); i++) {
      const caucus = i >= VISIBLE;
      // Hidden meetings dated before and between the visible ones, so a walk in date order
      // meets them; the same level and status as the visible ones, so a filter keeps them too.
      const startsAt = new Date(
        Date.UTC(2001, 0, 1) + ((i * 7919) % 1_000_003) * 60_000,
      ).toISOString();
      rows.push(
        sql`(${`meeting-${i}`}, 'A meeting', 'ambassadors', ${caucus ? 'caucus' : 'joint'},
          'planned', ${startsAt}, ${startsAt.slice(0, 10)}, ${caucus ? 'caucus' : 'joint'},
          ${caucus ? 'nato' : null}, ${at}, ${at})`,
      );
    }
    await sql`insert into "meetings" ("id", "title", "level", "format", "status", "startsAt",
      "date", "visibility", "party", "createdAt", "updatedAt") values ${sql.join(rows)}`.execute(
      db,
    );
  }
  await sql`analyze`.execute(db);
  const times: number[] = [];
  for (const [name, filters] of LISTS) {
    const list = () => listMeetings(deps, RUSSIAN_MEMBER, { limit: 50, ...filters });
    const page = await list();
    if (page.items.length !== 50 || page.items.some((m) => m.visibility === 'caucus')) {
      throw new Error(`${name}: the member listed ${page.items.map((m) => m.id).join()}`);
    }
    times.push(await msPerRun(list, RUNS));
  }
  await db.destroy();
  return times;
}

console.log(
  `node ${process.version}: ${VISIBLE} joint meetings, a Russian member, ${RUNS} runs each`,
);
console.log(`| NATO's caucus meetings | ${LISTS.map(([name]) => `${name} ms`).join(' | ')} |`);
console.log(`| --- | ${LISTS.map(() => '---').join(' | ')} |`);
for (const hidden of [0, 1_000, 10_000, 50_000]) {
  const times = await measure(hidden);
  console.log(`| ${hidden.toLocaleString('en')} | ${times.map((t) => t.toFixed(3)).join(' | ')} |`);
}
