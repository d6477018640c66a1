import { describe, expect, it } from 'vitest';
import type { SetCoChairsInput } from '../../../shared/meetings.schemas.ts';
import { type CoChairFacts, coChairProblems, coChairRowsOf } from './co-chairs.policy.ts';

const facts: CoChairFacts = {
  date: '1999-03-10',
  people: new Map([
    ['robertson', { delegationId: null }],
    ['ivanov', { delegationId: 'russia-mission' }],
    ['de-ruyt', { delegationId: 'nato-be' }],
    ['kovanda', { delegationId: 'nato-cz' }],
  ]),
  delegations: new Map([
    ['nato-be', { party: 'nato', countryCode: 'BE', joinedOn: '1949-04-04', leftOn: null }],
    ['nato-cz', { party: 'nato', countryCode: 'CZ', joinedOn: '1999-03-12', leftOn: null }],
    ['nato-is', { party: 'nato', countryCode: null, joinedOn: null, leftOn: null }],
    ['russia-mission', { party: 'russia', countryCode: null, joinedOn: null, leftOn: null }],
  ]),
};

describe('coChairProblems', () => {
  const cases: { name: string; input: SetCoChairsInput; fields: string[]; date?: string }[] = [
    {
      name: 'the three co-chairs of the Founding Act',
      input: {
        secretaryGeneral: 'robertson',
        rotating: { delegationId: 'nato-be', personId: 'de-ruyt' },
        russia: 'ivanov',
      },
      fields: [],
    },
    { name: 'no co-chairs at all', input: {}, fields: [] },
    { name: 'an unknown person', input: { russia: 'nobody' }, fields: ['russia'] },
    {
      name: "Russia's co-chair from the NATO side",
      input: { russia: 'de-ruyt' },
      fields: ['russia'],
    },
    {
      name: 'a Russian as Secretary General',
      input: { secretaryGeneral: 'ivanov' },
      fields: ['secretaryGeneral'],
    },
    {
      name: "the rotating chair given to Russia's mission",
      input: { rotating: { delegationId: 'russia-mission' } },
      fields: ['rotating.delegationId'],
    },
    {
      name: "the rotating chair given to NATO's own staff, not a member state",
      input: { rotating: { delegationId: 'nato-is' } },
      fields: ['rotating.delegationId'],
    },
    {
      name: 'a member state before it joined',
      input: { rotating: { delegationId: 'nato-cz' } },
      fields: ['rotating.delegationId'],
    },
    {
      name: 'a member state in the month it joined (date known to the month only)',
      input: { rotating: { delegationId: 'nato-cz' } },
      date: '1999-03',
      fields: [],
    },
    {
      name: 'a representative of another delegation in the rotating chair',
      input: { rotating: { delegationId: 'nato-be', personId: 'kovanda' } },
      date: '2000-05-24',
      fields: ['rotating.personId'],
    },
    {
      name: 'one person in two chairs',
      input: {
        secretaryGeneral: 'de-ruyt',
        rotating: { delegationId: 'nato-be', personId: 'de-ruyt' },
      },
      fields: [''],
    },
  ];

  it.each(cases)('$name', ({ input, fields, date }) => {
    const problems = coChairProblems(input, { ...facts, date: date ?? facts.date });
    expect(problems.map((p) => p.field)).toEqual(fields);
  });
});

describe('coChairRowsOf', () => {
  it('makes one row per role given, the rotating one with its delegation', () => {
    expect(
      coChairRowsOf({ secretaryGeneral: 'robertson', rotating: { delegationId: 'nato-be' } }),
    ).toEqual([
      { role: 'secretary-general', personId: 'robertson', delegationId: null },
      { role: 'rotating', personId: null, delegationId: 'nato-be' },
    ]);
  });
});
