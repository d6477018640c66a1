import { describe, expect, it } from 'vitest';
import {
  deadlineOf,
  isBeforeDeadline,
  localDeadline,
  participantFor,
  participantsOf,
  retryDelay,
  timerDelay,
} from './silence.policy.ts';

const NOW = new Date('2001-03-01T09:00:00.000Z');

describe('a silence deadline given as a local time in a zone', () => {
  it.each([
    // Brussels is UTC+1 in winter, UTC+2 in summer.
    ['2001-03-02T18:00', 'Europe/Brussels', '2001-03-02T17:00:00.000Z'],
    ['2001-06-02T18:00:30', 'Europe/Brussels', '2001-06-02T16:00:30.000Z'],
    ['2001-03-02T18:00', 'Europe/Moscow', '2001-03-02T15:00:00.000Z'],
    ['2001-03-02T18:00', 'europe/brussels', '2001-03-02T17:00:00.000Z'],
    ['2001-03-02T18:00', 'UTC', '2001-03-02T18:00:00.000Z'],
  ])('%s in %s is %s', (local, zone, instant) => {
    expect(deadlineOf(local, zone, NOW)).toMatchObject({ ok: true, instant });
  });

  it('stores the zone as the zone spells itself', () => {
    expect(deadlineOf('2001-03-02T18:00', 'europe/brussels', NOW)).toMatchObject({
      timeZone: 'Europe/Brussels',
    });
  });

  it.each([
    ['2001-03-02T18:00', 'Mars/Base', 'timeZone', /IANA/],
    ['2001-03-02T18:00+01:00', 'Europe/Brussels', 'deadline', /without an offset/],
    ['2001-03-02', 'Europe/Brussels', 'deadline', /local date and time/],
    ['2001-02-30T18:00', 'Europe/Brussels', 'deadline', /not a date/],
    ['2001-03-02T24:30', 'Europe/Brussels', 'deadline', /not a date/],
    ['2001-03-25T02:30', 'Europe/Brussels', 'deadline', /skip/],
    ['2001-10-28T02:30', 'Europe/Brussels', 'deadline', /twice/],
    ['2001-03-01T10:00', 'Europe/Brussels', 'deadline', /passed/],
    ['2001-03-01T09:00', 'UTC', 'deadline', /passed/],
  ])('%s in %s is refused naming %s', (local, zone, field, message) => {
    const verdict = deadlineOf(local, zone, NOW);
    expect(verdict).toMatchObject({ ok: false, field });
    expect(verdict.ok ? '' : verdict.message).toMatch(message);
  });

  it('reads back in its own zone', () => {
    expect(localDeadline('2001-03-02T17:00:00.000Z', 'Europe/Brussels')).toBe(
      '2001-03-02T18:00:00',
    );
  });

  it.each([
    ['2001-03-02T16:59:59.999Z', true],
    ['2001-03-02T17:00:00.000Z', false],
    ['2001-03-02T17:00:00.001Z', false],
  ])('at %s silence still runs: %s', (now, running) => {
    expect(isBeforeDeadline('2001-03-02T17:00:00.000Z', new Date(now))).toBe(running);
  });
});

describe('who takes part in a silence', () => {
  it.each([
    [{ visibility: 'joint', party: null }, [], ['party:nato', 'party:russia']],
    [{ visibility: 'caucus', party: 'nato' }, ['be', 'de'], ['delegation:be', 'delegation:de']],
    [{ visibility: 'caucus', party: 'nato' }, [], ['party:nato']],
  ])('%o with delegations %o: %o', (text, delegations, expected) => {
    expect(
      participantsOf(text, ['nato', 'russia'], delegations).map(
        (p) => `${p.participantKind}:${p.participant}`,
      ),
    ).toEqual(expected);
  });

  const parties = participantsOf({ visibility: 'joint', party: null }, ['nato', 'russia'], []);
  const allies = participantsOf({ visibility: 'caucus', party: 'nato' }, [], ['be', 'de']);
  it.each([
    [{ party: 'russia', delegationId: null }, parties, 'russia'],
    [{ party: 'nato', delegationId: 'be' }, parties, 'nato'],
    [{ party: 'nato', delegationId: 'de' }, allies, 'de'],
    [{ party: 'nato', delegationId: null }, allies, null],
    [{ party: 'nato', delegationId: 'fr' }, allies, null],
  ])('%o breaks for %s', (user, participants, expected) => {
    expect(participantFor(user, participants)).toBe(expected);
  });
});

describe("the scheduler's retries", () => {
  it.each([
    [0, 0],
    [1, 1000],
    [2, 2000],
    [4, 8000],
    [7, 60_000],
    [1000, 60_000],
  ])('after %i failed settlings waits %i ms', (failures, delay) => {
    expect(retryDelay(failures)).toBe(delay);
  });
});

describe("the scheduler's timer", () => {
  it.each([
    ['2001-03-01T09:00:01.000Z', 1000],
    ['2001-03-01T08:00:00.000Z', 0],
    ['2001-03-01T09:00:00.000Z', 0],
    ['2002-03-01T09:00:00.000Z', 2 ** 31 - 1],
  ])('waits for %s %i ms', (deadline, delay) => {
    expect(timerDelay(deadline, NOW)).toBe(delay);
  });
});
