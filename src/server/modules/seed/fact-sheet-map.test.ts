import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { besideRepository } from '../../../../tests/support/beside-repository.ts';
import { splitSentences } from '../../../../tests/support/sentences.ts';
import { createTestContext, type TestContext } from '../../../../tests/support/test-context.ts';
import type { TableName } from '../../db/schema.ts';

// The sheet sits beside the repository (shared/seed), in CI as on a developer's machine.
const SHEET = besideRepository(
  'the fact sheet',
  'FACT_SHEET',
  'shared/seed/russia-nato-relations.txt',
);
if (!SHEET.found) console.info(`The fact-sheet map is not checked: ${SHEET.reason}`);
const MAP = new URL('../../../../data/pjc/fact-sheet-map.yaml', import.meta.url);
const FACT_SHEET = 'fact-sheet';

// The tables a sentence may be carried by: every one whose rows cite a source, and the sources
// table itself for headings, the disclaimer and the publisher's address.
const CARRIERS = [
  'sources',
  'council',
  'councilStatements',
  'councilPeriods',
  'recordCoverage',
  'delegations',
  'people',
  'posts',
  'topics',
  'meetings',
  'agendaItems',
  'workProgrammes',
  'workProgrammeAreas',
  'activities',
  'decisions',
  'offices',
  'operations',
  'operationStrengths',
  'timelineEvents',
  'texts',
] as const satisfies readonly TableName[];

const MapSchema = z.strictObject({
  sentences: z.array(
    z.strictObject({
      id: z.string().regex(/^[a-z0-9-]+$/),
      text: z.string().min(1),
      rows: z.partialRecord(z.enum(CARRIERS), z.array(z.string()).min(1)),
      holds: z.array(z.string().min(1)).default([]),
      verbatim: z.boolean().default(false),
    }),
  ),
});

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

const sheet = SHEET.found ? splitSentences(readFileSync(SHEET.path, 'utf8')) : [];
const map = MapSchema.parse(parse(readFileSync(MAP, 'utf8'))).sentences;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: 'pjc' });
});
afterAll(async () => ctx.close());

async function rowsOf(table: string, ids: readonly string[]) {
  const { rows } = await sql<Record<string, unknown>>`
    select * from ${sql.table(table)} where "id" in (${sql.join(ids)})`.execute(ctx.deps.db);
  return rows;
}

describe('the map of the fact sheet', () => {
  it.skipIf(!SHEET.found)(
    'lists every sentence of the sheet verbatim, in order, and nothing else',
    () => {
      expect(sheet.length).toBeGreaterThan(30);
      expect(map.map((s) => s.text)).toEqual(sheet);
      expect(new Set(map.map((s) => s.id)).size).toBe(map.length);
    },
  );

  it.each(map.map((s) => [s.id, s] as const))(
    'ties "%s" to rows of the seeded record that cite the fact sheet and hold what it says',
    async (_id, sentence) => {
      const entries = Object.entries(sentence.rows);
      expect(entries.length).toBeGreaterThan(0);
      const texts: string[] = [];
      for (const [table, ids] of entries) {
        const rows = await rowsOf(table, ids);
        expect(rows.map((r) => r.id).sort(), `${table} rows on record`).toEqual([...ids].sort());
        for (const row of rows) {
          const cites = table === 'sources' ? row.id : row.sourceId;
          expect(cites, `${table} ${String(row.id)} cites`).toBe(FACT_SHEET);
          texts.push(
            normalise(
              Object.values(row)
                .filter((v) => typeof v === 'string' || typeof v === 'number')
                .join(' | '),
            ),
          );
        }
      }
      const carried = texts.join(' || ');
      for (const words of sentence.holds) expect(carried).toContain(normalise(words));
      if (sentence.verbatim) expect(carried).toContain(normalise(sentence.text));
    },
  );
});
