import { describe, expect, it } from 'vitest';
import { compareWithFoundingAct, FOUNDING_ACT_CADENCE } from './founding-act-cadence.ts';

describe('the Founding Act cadence', () => {
  it.each([
    ['summit', null],
    ['foreign-ministers', 2],
    ['defence-ministers', 2],
    ['ambassadors', 12],
    ['chiefs-of-defence', 2],
    ['military-representatives', 12],
    ['experts', null],
  ])('requires %s: %s a year', (level, count) => {
    expect(FOUNDING_ACT_CADENCE.find((r) => r.level === level)?.count).toBe(count);
  });

  it.each([
    { level: 'ambassadors', held: 3, planned: 9, cancelled: 0, shortfall: 0 },
    { level: 'ambassadors', held: 3, planned: 5, cancelled: 4, shortfall: 4 },
    { level: 'foreign-ministers', held: 3, planned: 0, cancelled: 0, shortfall: 0 },
    { level: 'defence-ministers', held: 0, planned: 1, cancelled: 1, shortfall: 1 },
    { level: 'experts', held: 0, planned: 0, cancelled: 0, shortfall: 0 },
    { level: 'summit', held: 0, planned: 0, cancelled: 2, shortfall: 0 },
  ])(
    '$level with $held held, $planned planned, $cancelled cancelled falls $shortfall short',
    ({ level, held, planned, cancelled, shortfall }) => {
      const counted = [
        { level, status: 'held', count: held },
        { level, status: 'planned', count: planned },
        { level, status: 'cancelled', count: cancelled },
      ];
      const line = compareWithFoundingAct(counted).find((l) => l.level === level);
      expect(line).toMatchObject({ held, planned, cancelled, shortfall });
    },
  );

  const twoAmbassadors = [{ level: 'ambassadors', status: 'held', count: 2 }];
  const incomplete = (level: 'ambassadors' | null) => ({
    level,
    complete: false,
    reason: 'Only the meetings the sources name.',
  });

  it('reports a gap as not on record, and no shortfall, where the record is incomplete', () => {
    const line = compareWithFoundingAct(twoAmbassadors, [incomplete(null)]).find(
      (l) => l.level === 'ambassadors',
    );
    expect(line).toMatchObject({
      held: 2,
      recordComplete: false,
      reason: 'Only the meetings the sources name.',
      notOnRecord: 10,
      shortfall: null,
    });
  });

  it('calls the same gap a shortfall where the record is complete', () => {
    for (const coverage of [[], [{ level: null, complete: true, reason: 'Kept by us.' }]]) {
      const line = compareWithFoundingAct(twoAmbassadors, coverage).find(
        (l) => l.level === 'ambassadors',
      );
      expect(line).toMatchObject({
        recordComplete: true,
        reason: null,
        notOnRecord: 10,
        shortfall: 10,
      });
    }
  });

  it('lets a coverage fact that names a level speak for that level only', () => {
    const lines = compareWithFoundingAct(twoAmbassadors, [incomplete('ambassadors')]);
    expect(lines.filter((l) => !l.recordComplete).map((l) => l.level)).toEqual(['ambassadors']);
    expect(lines.find((l) => l.level === 'foreign-ministers')?.shortfall).toBe(2);
  });

  it('answers every level, ignoring meetings without a level', () => {
    const lines = compareWithFoundingAct([{ level: null, status: 'held', count: 5 }]);
    expect(lines.map((l) => l.level)).toEqual(FOUNDING_ACT_CADENCE.map((r) => r.level));
    expect(lines.every((l) => l.held === 0)).toBe(true);
  });
});
