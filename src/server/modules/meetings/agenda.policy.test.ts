import { describe, expect, it } from 'vitest';
import { type AgreementFact, agendaStatusOf } from './agenda.policy.ts';

const parties = ['nato', 'russia'];
const joint = (agendaVersion: number, status: 'planned' | 'held' | 'cancelled' = 'planned') => ({
  format: 'joint' as const,
  agendaVersion,
  status,
});

describe('agendaStatusOf', () => {
  const cases: {
    name: string;
    version: number;
    agreements: AgreementFact[];
    status: string;
    agreedBy: string[];
  }[] = [
    { name: 'nobody agreed', version: 1, agreements: [], status: 'draft', agreedBy: [] },
    {
      name: 'only NATO agreed',
      version: 1,
      agreements: [{ party: 'nato', agendaVersion: 1 }],
      status: 'draft',
      agreedBy: ['nato'],
    },
    {
      name: 'only Russia agreed',
      version: 2,
      agreements: [{ party: 'russia', agendaVersion: 2 }],
      status: 'draft',
      agreedBy: ['russia'],
    },
    {
      name: 'both agreed the current version',
      version: 3,
      agreements: [
        { party: 'russia', agendaVersion: 3 },
        { party: 'nato', agendaVersion: 3 },
      ],
      status: 'agreed',
      agreedBy: ['nato', 'russia'],
    },
    {
      name: 'one agreement is to an earlier version',
      version: 4,
      agreements: [
        { party: 'nato', agendaVersion: 3 },
        { party: 'russia', agendaVersion: 4 },
      ],
      status: 'draft',
      agreedBy: ['russia'],
    },
    {
      name: 'both agreed a version that has since changed',
      version: 5,
      agreements: [
        { party: 'nato', agendaVersion: 4 },
        { party: 'russia', agendaVersion: 4 },
      ],
      status: 'draft',
      agreedBy: [],
    },
    {
      name: 'an agreement by a party that is not on record',
      version: 1,
      agreements: [
        { party: 'nato', agendaVersion: 1 },
        { party: 'someone-else', agendaVersion: 1 },
      ],
      status: 'draft',
      agreedBy: ['nato'],
    },
  ];

  it.each(cases)('$name -> $status', ({ version, agreements, status, agreedBy }) => {
    expect(agendaStatusOf(joint(version), agreements, parties)).toEqual({
      status,
      version,
      agreedBy,
    });
  });

  it.each(['held', 'cancelled'] as const)(
    'says a %s meeting without an agreement on record is not-recorded, never draft',
    (status) => {
      const only = [{ party: 'nato', agendaVersion: 0 }];
      expect(agendaStatusOf(joint(0, status), only, parties)).toEqual({
        status: 'not-recorded',
        version: 0,
        agreedBy: ['nato'],
      });
    },
  );

  it('keeps an agreed agenda agreed once the meeting is held', () => {
    const both = [
      { party: 'nato', agendaVersion: 2 },
      { party: 'russia', agendaVersion: 2 },
    ];
    expect(agendaStatusOf(joint(2, 'held'), both, parties).status).toBe('agreed');
  });

  it('never counts an agenda as agreed when no parties are on record', () => {
    expect(agendaStatusOf(joint(0), [], []).status).toBe('draft');
  });

  it('needs no joint agreement for a caucus agenda', () => {
    const status = agendaStatusOf(
      { format: 'caucus', agendaVersion: 2, status: 'planned' },
      [],
      parties,
    );
    expect(status).toEqual({ status: 'not-required', version: 2, agreedBy: [] });
  });
});
