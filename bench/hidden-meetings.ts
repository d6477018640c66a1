// Does the other party's caucus cost a caller time when it lists meetings? `node
// bench/hidden-meetings.ts`: 200 joint meetings, and 0 to 50,000 of NATO's caucus meetings
// dated before and between them; a Russian member asks for the first page of 50 meetings,
// unfiltered and with each filter that has its own index (level, format, status, a date
// range), 200 times each. Every page must take the same time however many meetings NATO keeps
// to itself: each audience the member may see is read on its own part of the meetings'
// indexes (list-meetings.ts).
import { sql } from 'kysely';
import { listMeetings } from '../src/server/modules/meetings/list-meetings.ts';
import type { MeetingListQuery } from '../src/shared/meetings.schemas.ts';
import {
  BENCH_AT,
  insertRows,
  interleavedAt,
  openBenchCouncil,
  printHiddenTable,
  RUSSIAN_MEMBER,
  timeLists,
} from './support/hidden-rows.ts';

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
  const { db, deps } = await openBenchCouncil();
  // Of the same level and status as the visible ones, so a filter keeps them too.
  await insertRows(
    db,
    sql`"meetings" ("id", "title", "level", "format", "status", "startsAt", "date",
      "visibility", "party", "createdAt", "updatedAt")`,
    VISIBLE + hidden,
    (i) => {
      const caucus = i >= VISIBLE;
      const startsAt = interleavedAt(i, 60_000);
      return sql`(${`meeting-${i}`}, 'A meeting', 'ambassadors', ${caucus ? 'caucus' : 'joint'},
        'planned', ${startsAt}, ${startsAt.slice(0, 10)}, ${caucus ? 'caucus' : 'joint'},
        ${caucus ? 'nato' : null}, ${BENCH_AT}, ${BENCH_AT})`;
    },
  );
  const times = await timeLists(
    LISTS.map(([name, filters]) => [
      name,
      () => listMeetings(deps, RUSSIAN_MEMBER, { limit: 50, ...filters }),
    ]),
    50,
    RUNS,
  );
  await db.destroy();
  return times;
}

await printHiddenTable({
  caption: `${VISIBLE} joint meetings, a Russian member, ${RUNS} runs each`,
  hiddenLabel: "NATO's caucus meetings",
  columns: LISTS.map(([name]) => name),
  counts: [0, 1_000, 10_000, 50_000],
  measure,
});
