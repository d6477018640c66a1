import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
  callOk,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { seedPjc } from './seed-pjc.ts';

/** The joint texts the fact sheet names, seeded as adopted reconstructions. */

const WORK_PROGRAMME = 'text-2000-12-15-work-programme-2001';
const LETTERS = 'text-2000-12-15-letters-nato-information-office';

let ctx: TestContext;
let natoMember: TestUser;
let russiaMember: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ seed: 'pjc' });
  natoMember = await addUser(ctx, 'nato', ['member']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
});
afterAll(async () => ctx.close());

const textRows = async () => {
  const db = ctx.deps.db;
  return {
    versions: await db.selectFrom('textVersions').selectAll().orderBy('textId').execute(),
    agreements: await db.selectFrom('textAgreements').selectAll().orderBy('textId').execute(),
    records: await db.selectFrom('adoptionRecords').selectAll().orderBy('textId').execute(),
    signatures: await db.selectFrom('textSignatures').selectAll().orderBy('textId').execute(),
  };
};

describe('the seeded texts', () => {
  it('are adopted joint texts both parties read, reconstructed, with their source and decision', async () => {
    for (const user of [natoMember, russiaMember]) {
      const list = await callOk(ctx, user, 'GET', '/texts?state=adopted');
      expect(list.items.map((t: { id: string }) => t.id).sort()).toEqual([LETTERS, WORK_PROGRAMME]);
    }
    const programme = await callOk(ctx, russiaMember, 'GET', `/texts/${WORK_PROGRAMME}`);
    expect(programme).toMatchObject({
      kind: 'work-programme',
      state: 'adopted',
      visibility: 'joint',
      reconstructed: true,
      sourceId: 'fact-sheet',
      ref: { kind: 'decision', id: 'decision-2000-12-15-work-programme-2001' },
      originalLanguage: 'en',
      languages: ['en'],
      adoptedAt: '2000-12-15',
      publishedAt: null,
      clean: true,
      aligned: [],
      concurrences: [
        { party: 'nato', version: 1, at: '2000-12-15' },
        { party: 'russia', version: 1, at: '2000-12-15' },
      ],
    });
    expect(programme.languageVersions[0].paragraphs[0].text).toContain(
      'constructive work programme to guide consultation and cooperation between Russia and NATO',
    );
    const letters = await callOk(ctx, natoMember, 'GET', `/texts/${LETTERS}`);
    expect(letters).toMatchObject({ kind: 'exchange-of-letters', reconstructed: true });
    expect(
      letters.languageVersions[0].paragraphs.map((p: { text: string }) => p.text).join(' '),
    ).toContain('NATO Information Office in Moscow');
  });

  it('are not public: the fact sheet never says their wording was made public', async () => {
    for (const id of [WORK_PROGRAMME, LETTERS]) {
      expect((await callApi(ctx, null, 'GET', `/texts/${id}`)).statusCode).toBe(404);
    }
  });

  it('each have an adoption record: the canonical JSON of the text, reconstructed, and its SHA-256', async () => {
    const { records } = await textRows();
    expect(records.map((r) => r.textId)).toEqual([LETTERS, WORK_PROGRAMME]);
    for (const record of records) {
      expect(record.sha256).toBe(createHash('sha256').update(record.canonical).digest('hex'));
      const canonical = JSON.parse(record.canonical);
      expect(canonical.text).toMatchObject({ id: record.textId, reconstructed: true });
      expect(canonical.procedure.kind).toBe('concurrence');
      expect(canonical.procedure.concurrences.map((c: { party: string }) => c.party)).toEqual([
        'nato',
        'russia',
      ]);
    }
  });

  it('are signed by reference keys that say so, valid, and never as signed by both parties', async () => {
    for (const id of [WORK_PROGRAMME, LETTERS]) {
      const record = await callOk(ctx, russiaMember, 'GET', `/texts/${id}/adoption-record`);
      expect(record.signatures).toHaveLength(2);
      for (const signature of record.signatures) {
        expect(signature).toMatchObject({ keyKind: 'reference', valid: true });
      }
      const text = await callOk(ctx, natoMember, 'GET', `/texts/${id}`);
      expect(text).toMatchObject({ signedBy: [], signedByBoth: false });
    }
    const keys = await callOk(ctx, null, 'GET', '/parties/russia/keys');
    const reference = keys.items ?? keys;
    expect(
      reference
        .filter((k: { kind: string }) => k.kind === 'reference')
        .map((k: { note: string }) => k.note),
    ).toEqual([expect.stringMatching(/not the original wording.*not russia's own key/)]);
  });

  it('are seeded once: a second run writes none of their rows again', async () => {
    const before = await textRows();
    await seedPjc(ctx.deps);
    expect(await textRows()).toEqual(before);
  });
});
