import { afterEach, describe, expect, it } from 'vitest';
import { council, type Scratch, scratch, withParties } from '../../../tests/support/cli.ts';

const scratches: Scratch[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) s.remove();
});

async function withSecretary(): Promise<Scratch> {
  const s = scratch();
  scratches.push(s);
  await withParties(s);
  const added = await council(
    s.env,
    ['user', 'add', 'secretariat', '--party', 'nato', '--role', 'secretary'],
    'the founding act of 1997\n',
  );
  expect(added.code).toBe(0);
  return s;
}

const ambassadorsMonthly = [
  'schedule',
  '--as',
  'secretariat',
  '--title',
  'PJC at ambassadors',
  '--level',
  'ambassadors',
  '--cadence',
  'monthly',
  '--starts-at',
  '2001-01-17T10:00:00+01:00',
  '--until',
  '2001-12-31',
];

describe('council schedule', () => {
  it('creates ambassadors monthly through a year, and nothing new when run again', async () => {
    const s = await withSecretary();
    const first = await council(s.env, ambassadorsMonthly);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('12 created, 0 skipped.');
    const second = await council(s.env, ambassadorsMonthly);
    expect(second.stdout).toContain('0 created, 12 skipped.');
    const count = await s.withDeps(async (deps) =>
      deps.db
        .selectFrom('meetings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(count.n).toBe(12);
  });

  it('acts with the rights of the named user: a member may not schedule', async () => {
    const s = await withSecretary();
    await council(
      s.env,
      ['user', 'add', 'reader', '--party', 'nato', '--role', 'member'],
      'the founding act of 1997\n',
    );
    const refused = await council(s.env, [
      'schedule',
      ...ambassadorsMonthly.slice(1).map((a) => (a === 'secretariat' ? 'reader' : a)),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/manage-council/);
  });

  it('schedules by an RFC 5545 rule, set in a time zone, each meeting lasting its duration', async () => {
    const s = await withSecretary();
    const byRule = ambassadorsMonthly
      .filter((a) => a !== '--cadence' && a !== 'monthly')
      .concat(['--rrule', 'FREQ=MONTHLY;BYDAY=WE;BYSETPOS=3', '--skip-weekends'])
      .concat(['--duration', '150', '--time-zone', 'Europe/Brussels']);
    const done = await council(s.env, byRule);
    expect(done.stderr).toBe('');
    expect(done.stdout).toContain('12 created, 0 skipped.');
    const april = await s.withDeps(async (deps) =>
      deps.db
        .selectFrom('meetings')
        .select(['date', 'startsAt', 'endsAt', 'timeZone'])
        .where('date', 'like', '2001-04-%')
        .executeTakeFirstOrThrow(),
    );
    expect(april).toEqual({
      date: '2001-04-18',
      startsAt: '2001-04-18T08:00:00.000Z',
      endsAt: '2001-04-18T10:30:00.000Z',
      timeZone: 'Europe/Brussels',
    });
  });

  it('names the recurrence missing, and a rule that is wrong', async () => {
    const s = await withSecretary();
    const without = ambassadorsMonthly.filter((a) => a !== '--cadence' && a !== 'monthly');
    const missing = await council(s.env, without);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cadence');
    const wrong = await council(s.env, [...without, '--rrule', 'FREQ=HOURLY']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('rrule');
  });

  it('names the option that is wrong', async () => {
    const s = await withSecretary();
    const wrong = ambassadorsMonthly.map((a) => (a === 'monthly' ? 'hourly' : a));
    const refused = await council(s.env, wrong);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--cadence');
  });
});
