import type { FieldError } from '../../domain/errors.ts';
import { dayOf, UTC, wallClockIn } from './time-zone.ts';

/**
 * Instants arrive with an explicit offset and are stored in UTC. The meeting's `date` is the
 * calendar day where it takes place, i.e. in the offset the client wrote: a meeting at
 * 00:30+01:00 on 17 January is a meeting of the 17th, although it is still the 16th in UTC.
 */
export function toUtc(instant: string): string {
  return new Date(instant).toISOString();
}

/** The offset written in an ISO 8601 instant, in minutes east of UTC. */
export function offsetMinutesOf(instant: string): number {
  const match = /([+-])(\d{2})(?::?(\d{2}))?$/.exec(instant);
  if (!match || /[zZ]$/.test(instant)) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? '0');
  return match[1] === '-' ? -minutes : minutes;
}

/** The local calendar day (YYYY-MM-DD) of an instant, in the offset it was written with. */
export function localDateOf(instant: string): string {
  const local = new Date(Date.parse(instant) + offsetMinutesOf(instant) * 60_000);
  return local.toISOString().slice(0, 10);
}

/**
 * The meeting's day: where it takes place. In its time zone when it has one (a meeting at
 * 23:30Z set in Moscow is a meeting of the next day); without one (UTC), in the offset the
 * client wrote, as `localDateOf`, or in UTC when only the stored instant is known.
 */
export function meetingDateOf(instant: string, timeZone: string): string {
  if (timeZone !== UTC) return dayOf(wallClockIn(Date.parse(instant), timeZone));
  return localDateOf(instant);
}

/** Field errors for a start and end that do not make a meeting (end not after start). */
export function timeProblems(startsAt: string | null, endsAt: string | null): FieldError[] {
  if (endsAt === null) return [];
  if (startsAt === null) {
    return [{ field: 'endsAt', message: 'a meeting without a start time has no end' }];
  }
  if (Date.parse(endsAt) <= Date.parse(startsAt)) {
    return [{ field: 'endsAt', message: 'must be after startsAt' }];
  }
  return [];
}
