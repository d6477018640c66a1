import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callOk,
  createTestContext,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';
import { itOnlyOn } from './support/test-database.ts';

/**
 * Search finds a word by its inflected forms in each of the council's languages on PostgreSQL
 * (the tsvector store's stemmers), and by its beginning on both dialects.
 */
let ctx: TestContext;
let member: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  member = await addUser(ctx, 'nato', ['member', 'secretary']);
  for (const text of [
    'Обсуждение ситуации по Косову и сотрудничества',
    'Les négociations sur la coopération se poursuivent',
    'The Council discussed Kosovo and crisis management',
  ]) {
    await callOk(ctx, member, 'POST', '/notes', { text, visibility: 'joint' });
  }
});
afterAll(async () => ctx.close());

const found = async (q: string) =>
  (
    (await callOk(ctx, member, 'GET', `/search?q=${encodeURIComponent(q)}`)) as {
      items: { snippet: string }[];
    }
  ).items.length;

describe('search across the languages', () => {
  it('finds a word by its beginning', async () => {
    expect(await found('Koso')).toBe(1);
    expect(await found('négoc')).toBe(1);
    expect(await found('сотруд')).toBe(1);
  });

  itOnlyOn('postgres', "SQLite's FTS5 stems English only (porter)")(
    'finds a word by another of its forms, in Russian, French and English (PostgreSQL)',
    async () => {
      expect(await found('Косово')).toBe(1);
      expect(await found('négociation')).toBe(1);
      expect(await found('discussing')).toBe(1);
      expect(await found('Косово négociation')).toBe(0);
    },
  );
});
