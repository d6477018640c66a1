// Does the other party's caucus cost a caller time when it lists texts? `node
// bench/hidden-texts.ts`: 200 joint texts, and 0 to 20,000 of NATO's caucus drafts written
// before and between them; a Russian member asks for the first page of 20 texts, unfiltered
// and by state, kind and the meeting they belong to, 200 times each. Every page must take the
// same time however many drafts NATO keeps to itself: each audience the member may see is
// read on its own part of the texts' indexes (list-texts.ts).
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { listTexts } from '../src/server/modules/texts/list-texts.ts';
import type { TextListQuery } from '../src/shared/texts.schemas.ts';
import { insertUsers } from '../tests/support/bulk-users.ts';
import { seedParties } from '../tests/support/test-context.ts';
import { msPerRun, RUSSIAN_MEMBER } from './support/hidden-rows.ts';

const VISIBLE = 200;
const RUNS = 200;

const LISTS: [string, Omit<TextListQuery, 'limit'>][] = [
  ['no filter', {}],
  ['state', { state: 'tabled' }],
  ['kind', { kind: 'communique' }],
  ['meeting', { refKind: 'meeting', refId: 'meeting' }],
];

async function measure(hidden: number): Promise<number[]> {
  const db = openDatabase(':memory:');
  await migrateToLatest(db);
  const at = '2001-01-01T00:00:00.000Z';
  const deps = { db, clock: () => new Date(at), ids: () => 'unused' };
  await seedParties(deps);
  await insertUsers(db, { prefix: 'bench-russia', party: 'russia', count: 1, at });
  await sql`insert into "meetings" ("id", "title", "level", "format", "status", "startsAt",
      "date", "visibility", "party", "createdAt", "updatedAt")
    values ('meeting', 'Plenary', 'ambassadors', 'joint', 'planned', ${at}, '2001-01-01',
      'joint', null, ${at}, ${at})`.execute(db);
  const total = VISIBLE + hidden;
  for (let start = 0; start < total; start += 400) {
    const rows = [];
    for (let i = start; i < Math.min(total, start + 400); i++) {
      const caucus = i >= VISIBLE;
      // Hidden drafts written before and between the visible texts, so a walk in date order
      // meets them; of the same kind, state and meeting, so a filter keeps them too.
      const createdAt = new Date(
        Date.UTC(2001, 0, 1) + ((i * 7919) % 1_000_003) * 1000,
      ).toISOString();
      rows.push(
        sql`(${`text-${i}`}, 'communique', 'A communiqué', 'meeting', 'meeting',
          'nato-unclassified', 'en', '["en"]', 'tabled', 1, ${caucus ? 'caucus' : 'joint'},
          ${caucus ? 'nato' : null}, ${createdAt}, ${createdAt})`,
      );
    }
    await sql`insert into "texts" ("id", "kind", "title", "refKind", "refId", "classification",
      "originalLanguage", "languages", "state", "version", "visibility", "party", "createdAt",
      "updatedAt") values ${sql.join(rows)}`.execute(db);
  }
  await sql`analyze`.execute(db);
  const times: number[] = [];
  for (const [name, filters] of LISTS) {
    const list = () => listTexts(deps, RUSSIAN_MEMBER, { limit: 20, ...filters });
    const page = await list();
    if (page.items.length !== 20 || page.items.some((t) => t.visibility === 'caucus')) {
      throw new Error(`${name}: the member listed ${page.items.map((t) => t.id).join()}`);
    }
    times.push(await msPerRun(list, RUNS));
  }
  await db.destroy();
  return times;
}

console.log(`node ${process.version}: ${VISIBLE} joint texts, a Russian member, ${RUNS} runs each`);
console.log(`| NATO's caucus drafts | ${LISTS.map(([name]) => `${name} ms`).join(' | ')} |`);
console.log(`| --- | ${LISTS.map(() => '---').join(' | ')} |`);
for (const hidden of [0, 1_000, 5_000, 20_000]) {
  const times = await measure(hidden);
  console.log(`| ${hidden.toLocaleString('en')} | ${times.map((t) => t.toFixed(3)).join(' | ')} |`);
}
