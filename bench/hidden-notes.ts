// Does the other party's caucus cost a caller time when it lists notes? `node bench/hidden-notes.ts`:
// a joint meeting with 200 joint notes (written by both parties), and 0 to 50,000 of NATO's
// caucus notes on it; a Russian member lists the meeting's notes (the first page of 20) and
// every note it may see (the first page), 200 times each. Both must take the same time however
// many notes NATO keeps to itself: each audience is read on its own part of the notes' indexes
// (migration 2026-12-04T1000, list-notes.ts).
import { sql } from 'kysely';
import { listNotes } from '../src/server/modules/notes/list-notes.ts';
import {
  insertJointMeeting,
  insertRows,
  interleavedAt,
  openBenchCouncil,
  printHiddenTable,
  RUSSIAN_MEMBER,
  timeLists,
} from './support/hidden-rows.ts';

const VISIBLE = 200;
const RUNS = 200;

async function measure(hidden: number): Promise<number[]> {
  const { db, deps } = await openBenchCouncil();
  await insertJointMeeting(db);
  await insertRows(
    db,
    sql`"notes" ("id", "text", "meetingId", "visibility", "party", "createdAt", "updatedAt")`,
    VISIBLE + hidden,
    (i) => {
      const caucus = i >= VISIBLE;
      const createdAt = interleavedAt(i, 1000);
      const party = caucus ? 'nato' : i % 2 === 0 ? 'nato' : 'russia';
      return sql`(${`note-${i}`}, 'A note', 'meeting', ${caucus ? 'caucus' : 'joint'}, ${party},
        ${createdAt}, ${createdAt})`;
    },
  );
  const times = await timeLists(
    [
      [
        "the meeting's notes",
        () => listNotes(deps, RUSSIAN_MEMBER, { limit: 20, meetingId: 'meeting' }),
      ],
      ['all notes', () => listNotes(deps, RUSSIAN_MEMBER, { limit: 20 })],
    ],
    20,
    RUNS,
  );
  await db.destroy();
  return times;
}

await printHiddenTable({
  caption: `${VISIBLE} joint notes, a Russian member, ${RUNS} runs each`,
  hiddenLabel: "NATO's caucus notes",
  columns: ["the meeting's notes", 'all notes'],
  counts: [0, 1_000, 10_000, 50_000],
  measure,
});
