// A large council for the benchmarks: `meetings` joint and public meetings over the years,
// `itemsPerMeeting` agenda items each linked to a topic, a caucus of each party, and the
// search index over all of it. Rows are written in bulk SQL (a benchmark measures reads, not
// the loader); the search index is built through the application's own rebuild, so a search
// finds exactly what it would find had every row come through the API.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase } from '../../src/server/db/database.ts';
import type { Deps } from '../../src/server/deps.ts';
import { OPERATOR } from '../../src/server/modules/access/actor.ts';
import { change } from '../../src/server/modules/changes/unit-of-work.ts';
import { rebuildSearchIndex } from '../../src/server/modules/transfer/rebuild-search-index.ts';
import { prepareDatabase } from '../../src/server/prepare-database.ts';
import { seedParties } from '../../tests/support/test-context.ts';
import { paragraphs } from './corpus.ts';

export interface BigCouncil {
  deps: Deps;
  file: string;
  close: () => Promise<void>;
}

export const LEVELS = ['ambassadors', 'military-representatives', 'experts', 'foreign-ministers'];
export const WORDS = [
  'rescue',
  'sea',
  'balkans',
  'kosovo',
  'peacekeeping',
  'arms',
  'control',
  'proliferation',
  'defence',
  'reform',
  'retraining',
  'emergency',
  'planning',
  'science',
  'environment',
  'infrastructure',
  'doctrine',
  'strategy',
  'nuclear',
  'submarine',
  'exercise',
  'liaison',
  'information',
  'office',
  'moscow',
  'brussels',
  'cooperation',
  'consultation',
  'council',
];

export async function buildBigCouncil(options: {
  meetings: number;
  itemsPerMeeting: number;
  /** Notes of English, French and Russian prose (corpus.ts): a quarter joint, a quarter NATO's caucus, half Russia's. */
  paragraphs?: number;
  /** Where to write council.db; kept by close(). By default a temporary folder, removed by close(). */
  folder?: string;
}): Promise<BigCouncil> {
  const keep = options.folder !== undefined;
  const folder = options.folder ?? mkdtempSync(join(tmpdir(), 'council-bench-'));
  if (keep) mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, 'council.db');
  const db = openDatabase(file);
  await prepareDatabase(db);
  const deps: Deps = { db, clock: () => new Date('2026-12-01T00:00:00Z'), ids: () => '' };
  await seedParties(deps);
  const at = '2026-01-01T00:00:00.000Z';
  await db
    .insertInto('topics')
    .values(
      [...WORDS, 'unused'].map((w) => ({
        id: `topic-${w}`,
        name: w,
        parentId: null,
        description: null,
        sourceId: null,
        visibility: 'public' as const,
        party: null,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .execute();
  const words = sql.raw(`json('${JSON.stringify(WORDS)}')`);
  const levels = sql.raw(`json('${JSON.stringify(LEVELS)}')`);
  // Meetings over 1997-2026: one in ten public, one in twenty a caucus of one of the parties.
  await sql`
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${options.meetings})
    insert into "meetings" ("id", "title", "level", "format", "startsAt", "endsAt", "date",
      "venue", "status", "summary", "agendaVersion", "seriesId", "sourceId", "visibility",
      "party", "createdAt", "updatedAt")
    select 'm' || i,
      'Permanent Joint Council ' || json_extract(${words}, '$[' || (i % 29) || ']') || ' ' || i,
      json_extract(${levels}, '$[' || (i % 4) || ']'),
      case when i % 20 = 0 then 'caucus' else 'joint' end,
      strftime('%Y-%m-%dT10:00:00.000Z', '1997-01-01', '+' || (i * 10957 / ${options.meetings}) || ' days'),
      null,
      strftime('%Y-%m-%d', '1997-01-01', '+' || (i * 10957 / ${options.meetings}) || ' days'),
      'NATO headquarters',
      case when i % 3 = 0 then 'planned' else 'held' end,
      null, 1, null, null,
      case when i % 20 = 0 then 'caucus' when i % 10 = 0 then 'public' else 'joint' end,
      case when i % 40 = 0 then 'nato' when i % 20 = 0 then 'russia' else null end,
      ${at}, ${at}
    from n`.execute(db);
  await sql`
    with recursive k(j) as (select 1 union all select j + 1 from k where j < ${options.itemsPerMeeting})
    insert into "agendaItems" ("id", "meetingId", "position", "title", "outcome", "chairedBy",
      "visibility", "party", "createdAt", "updatedAt")
    select m."id" || '-' || k.j, m."id", k.j,
      'Item ' || k.j || ' on ' || json_extract(${words}, '$[' || ((rowid + k.j) % 29) || ']') ||
        ' and ' || json_extract(${words}, '$[' || ((rowid * 7 + k.j) % 29) || ']'),
      null, null, m."visibility", m."party", ${at}, ${at}
    from "meetings" m, k`.execute(db);
  await sql`
    insert into "agendaItemTopics" ("agendaItemId", "topicId")
    select i."id", 'topic-' || json_extract(${words}, '$[' || (i.rowid % 29) || ']')
    from "agendaItems" i`.execute(db);
  if (options.paragraphs) insertParagraphs(file, options.paragraphs, at);
  await change(deps, OPERATOR, ({ trx }) => rebuildSearchIndex(trx));
  await sql`analyze`.execute(db);
  return {
    deps,
    file,
    close: async () => {
      await db.destroy();
      if (!keep) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * The paragraphs as notes, the rows a member's POST /api/notes stores (no author, no parent):
 * one transaction and one prepared statement on a connection of its own, because a million
 * rows through the query builder would take minutes. Visibility follows the row number, so a
 * NATO member may read exactly half of them (joint and NATO's caucus).
 */
function insertParagraphs(file: string, count: number, at: string): void {
  const raw = new SQLite(file);
  try {
    const insert = raw.prepare(`insert into "notes" ("id", "text", "authorId", "meetingId",
      "agendaItemId", "decisionId", "visibility", "party", "createdAt", "updatedAt")
      values (?, ?, null, null, null, null, ?, ?, ?, ?)`);
    raw.transaction(() => {
      let i = 0;
      for (const { text } of paragraphs(count)) {
        const [visibility, party] =
          i % 4 === 0 ? ['joint', null] : i % 4 === 1 ? ['caucus', 'nato'] : ['caucus', 'russia'];
        insert.run(`p${i}`, text, visibility, party, at, at);
        i += 1;
      }
    })();
  } finally {
    raw.close();
  }
}

/**
 * The meetings the scenarios read, by the numbering above (one in ten public, one in twenty a
 * caucus): a public and a joint one in the middle, up to a thousand joint or public ones spread
 * over the years for the mixed load, a topic on many agendas and one on none.
 */
export function pickMeetings(meetings: number) {
  const middle = Math.floor(meetings / 40) * 20;
  const readable: string[] = [];
  for (
    let i = 1;
    readable.length < 1000 && i <= meetings;
    i += Math.max(1, Math.floor(meetings / 1500))
  ) {
    if (i % 20 !== 0) readable.push(`m${i}`);
  }
  return {
    publicMeetingId: `m${middle + 10}`,
    jointMeetingId: `m${middle + 11}`,
    readableMeetingIds: readable,
    commonTopicId: 'topic-submarine',
    unusedTopicId: 'topic-unused',
  };
}
