import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/support/test-context.ts';
import { forUpdate } from '../../db/dialect.ts';
import type { Row } from '../../db/schema.ts';
import { OPERATOR } from '../access/actor.ts';
import { toDecision } from './decision.repository.ts';

const row: Row<'decisions'> = {
  id: 'd1',
  subject: 'Search and rescue at sea',
  text: '[Draft] The council agrees.',
  approvesKind: null,
  approvesId: null,
  status: 'proposed',
  version: 1,
  meetingId: null,
  visibility: 'joint',
  party: 'nato',
  proposedBy: 'u1',
  decidedOn: null,
  sourceId: null,
  createdAt: '2001-03-01T09:00:00.000Z',
  updatedAt: '2001-03-01T09:00:00.000Z',
};
const responses = [
  {
    party: 'nato',
    response: 'concur' as const,
    version: 1,
    comment: null,
    at: '2001-03-01T10:00:00.000Z',
  },
];

describe('toDecision', () => {
  it('reads the responses as SQLite (JSON text) and PostgreSQL (an array) hand them back', () => {
    const base = { ...row, agreedVersion: 1 };
    const fromText = toDecision(OPERATOR, {
      ...base,
      responses: JSON.stringify(responses),
      publicationRequests: '[]',
    });
    const fromArray = toDecision(OPERATOR, { ...base, responses, publicationRequests: [] });
    expect(fromText.responses).toEqual(responses);
    expect(fromArray.responses).toEqual(responses);
    expect(fromArray.text).toBe('[Draft] The council agrees.');
  });
});

describe('forUpdate on SQLite', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx.close());

  it('adds no clause SQLite would reject, and the query runs', async () => {
    const query = forUpdate(ctx.deps.db.selectFrom('parties').select('id').orderBy('id'));
    expect(query.compile().sql).not.toMatch(/for update/i);
    expect(await query.execute()).toEqual([{ id: 'nato' }, { id: 'russia' }]);
  });
});
