import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PartialDateSchema } from './common.schemas.ts';

describe('PartialDateSchema', () => {
  it.each(['2000', '2000-05', '2000-05-24', '2000-02-29', '1999-07'])('accepts %s', (value) => {
    expect(PartialDateSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    '2001-02-29',
    '2000-13',
    '2000-00',
    '2000-5',
    '1000000000',
    '1970-01-01T00:00:00.000Z',
    '',
  ])('refuses %j with an answer, not an exception', (value) => {
    expect(PartialDateSchema.safeParse(value).success).toBe(false);
  });

  it('never throws, whatever the string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (value) => {
        expect(() => PartialDateSchema.safeParse(value)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
