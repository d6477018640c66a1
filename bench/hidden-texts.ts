// Does the other party's caucus cost a caller time when it lists texts? `node
// bench/hidden-texts.ts`: 200 joint texts, and 0 to 20,000 of NATO's caucus drafts written
// before and between them; a Russian member asks for the first page of 20 texts, unfiltered
// and by state, kind and the meeting they belong to, 200 times each. Every page must take the
// same time however many drafts NATO keeps to itself: each audience the member may see is
// read on its own part of the texts' indexes (list-texts.ts).
import { sql } from 'kysely';
import { listTexts } from '../src/server/modules/texts/list-texts.ts';
import type { TextListQuery } from '../src/shared/texts.schemas.ts';
import { insertUsers } from '../tests/support/bulk-users.ts';
import {
  BENCH_AT,
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

const LISTS: [string, Omit<TextListQuery, 'limit'>][] = [
  ['no filter', {}],
  ['state', { state: 'tabled' }],
  ['kind', { kind: 'communique' }],
  ['meeting', { refKind: 'meeting', refId: 'meeting' }],
];

async function measure(hidden: number): Promise<number[]> {
  const { db, deps } = await openBenchCouncil();
  // The member is a user of its own: the marking it may read is its clearance's.
  await insertUsers(db, { prefix: 'bench-russia', party: 'russia', count: 1, at: BENCH_AT });
  await insertJointMeeting(db);
  // Of the same kind, state and meeting as the visible ones, so a filter keeps them too.
  await insertRows(
    db,
    sql`"texts" ("id", "kind", "title", "refKind", "refId", "classification",
      "originalLanguage", "languages", "state", "version", "visibility", "party", "createdAt",
      "updatedAt")`,
    VISIBLE + hidden,
    (i) => {
      const caucus = i >= VISIBLE;
      const createdAt = interleavedAt(i, 1000);
      return sql`(${`text-${i}`}, 'communique', 'A communiqué', 'meeting', 'meeting',
        'nato-unclassified', 'en', '["en"]', 'tabled', 1, ${caucus ? 'caucus' : 'joint'},
        ${caucus ? 'nato' : null}, ${createdAt}, ${createdAt})`;
    },
  );
  const times = await timeLists(
    LISTS.map(([name, filters]) => [
      name,
      () => listTexts(deps, RUSSIAN_MEMBER, { limit: 20, ...filters }),
    ]),
    20,
    RUNS,
  );
  await db.destroy();
  return times;
}

await printHiddenTable({
  caption: `${VISIBLE} joint texts, a Russian member, ${RUNS} runs each`,
  hiddenLabel: "NATO's caucus drafts",
  columns: LISTS.map(([name]) => name),
  counts: [0, 1_000, 5_000, 20_000],
  measure,
});
