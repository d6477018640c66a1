import { invalid } from '../../domain/errors.ts';

/**
 * Wall-clock arithmetic in an IANA time zone with Intl alone (no time-zone library): a
 * meeting series at 10:00 in Brussels stays at 10:00 local across the change to summer time.
 */
export interface WallClock {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export function isTimeZone(timeZone: string): boolean {
  return canonicalTimeZone(timeZone) !== null;
}

/** The zone of a meeting set in none: calendars show its instants in UTC. */
export const UTC = 'UTC';

/**
 * The zone a meeting is stored with: the one given, spelt as the zone spells itself, or UTC
 * when none is. Throws ValidationFailed naming `field` for a name that is no IANA zone.
 */
export function meetingTimeZoneOf(given: string | undefined, field: string): string {
  if (given === undefined) return UTC;
  const zone = canonicalTimeZone(given);
  if (zone === null) throw invalid(field, 'not an IANA time zone such as Europe/Brussels');
  return zone;
}

/**
 * The zone's own spelling (`europe/brussels` -> `Europe/Brussels`, `Etc/UTC` -> `UTC`), as Intl
 * resolves it; null for a name that is no IANA zone. Stored so, the same zone is one name.
 */
export function canonicalTimeZone(timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function wallClockIn(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: ((epochMs % 1000) + 1000) % 1000,
  };
}

export function wallClockAsUtc(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(epochMs: number, timeZone: string): number {
  return wallClockAsUtc(wallClockIn(epochMs, timeZone)) - epochMs;
}

/**
 * The instant at which the clocks of a zone show `w`. Two passes settle the offset on either
 * side of a transition; a wall-clock time skipped by a spring-forward gap lands just after it.
 */
export function zonedWallClockToUtc(w: WallClock, timeZone: string): number {
  const asUtc = wallClockAsUtc(w);
  const first = asUtc - offsetAt(asUtc, timeZone);
  return asUtc - offsetAt(first, timeZone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day (YYYY-MM-DD) of a wall-clock time. */
export function dayOf(w: Pick<WallClock, 'year' | 'month' | 'day'>): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}
