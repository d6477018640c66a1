import { describe, expect, it } from 'vitest';
import { type Strength, shareOf, strengthOn } from './troop-shares.ts';

describe('shareOf', () => {
  it.each([
    [1_200, 20_000, 0.06],
    [3_150, 42_500, 0.0741],
    [0, 100, 0],
    [100, 100, 1],
    [1, 3, 0.3333],
    [5, 0, null],
  ])('%i of %i is %s', (troops, total, share) => {
    expect(shareOf(troops, total)).toBe(share);
  });
});

const sfor: Strength[] = [
  { contributor: null, troops: 32_000, qualifier: null, asOf: '1998' },
  { contributor: 'russia', troops: 1_400, qualifier: null, asOf: '1998' },
  { contributor: null, troops: 20_000, qualifier: 'approximately', asOf: '2001-01' },
  { contributor: 'russia', troops: 1_200, qualifier: 'about', asOf: '2001-01' },
  { contributor: 'russia', troops: 1_150, qualifier: null, asOf: '2001-06' },
];

describe('strengthOn', () => {
  it('takes the latest report with a total and divides by that total only', () => {
    expect(strengthOn(sfor)).toEqual({
      asOf: '2001-01',
      total: { troops: 20_000, qualifier: 'approximately' },
      contributors: [
        {
          contributor: 'russia',
          contributorName: null,
          troops: 1_200,
          qualifier: 'about',
          share: 0.06,
        },
      ],
    });
  });

  it('answers as of a date, ignoring later reports', () => {
    expect(strengthOn(sfor, '2000-06-01')?.asOf).toBe('1998');
    expect(strengthOn(sfor, '2000-06-01')?.contributors[0]?.share).toBe(0.0438);
  });

  it('gives no share when the report has no total', () => {
    const partial: Strength[] = [
      { contributor: 'russia', troops: 3_150, qualifier: 'some', asOf: '2001' },
    ];
    expect(strengthOn(partial)?.contributors[0]?.share).toBeNull();
  });

  it('knows nothing before the first report', () => {
    expect(strengthOn(sfor, '1997-01-01')).toBeNull();
  });
});
