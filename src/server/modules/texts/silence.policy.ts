import { TZDate } from '@date-fns/tz';

/**
 * The rules of the silence procedure, without I/O: when a deadline given as a local date-time
 * in an IANA zone is, who takes part, and who may break silence for whom.
 */

/** A local date-time as the API takes it: `2001-03-02T18:00` or `2001-03-02T18:00:30`. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export type DeadlineVerdict =
  | { ok: true; instant: string; timeZone: string }
  | { ok: false; field: 'deadline' | 'timeZone'; message: string };

/** The zone's own spelling as Intl resolves it (`europe/brussels` -> `Europe/Brussels`). */
export function canonicalZone(timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function wallClockOf(epochMs: number, timeZone: string): string {
  const d = new TZDate(epochMs, timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(
    d.getHours(),
  )}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * The one instant at which the clocks of `timeZone` show `local`, stored as UTC beside the
 * zone. A deadline must be exact: a time the zone skips (the spring-forward gap) or shows
 * twice (the autumn fall-back) is refused, naming the field, as are an impossible date, a
 * zone that is no IANA zone and an instant that is not after `now`.
 */
export function deadlineOf(local: string, timeZone: string, now: Date): DeadlineVerdict {
  const zone = canonicalZone(timeZone);
  if (zone === null) {
    return {
      ok: false,
      field: 'timeZone',
      message: 'not an IANA time zone such as Europe/Brussels',
    };
  }
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) {
    return {
      ok: false,
      field: 'deadline',
      message: 'a local date and time such as 2001-03-02T18:00, without an offset',
    };
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map((p) => Number(p ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const wanted = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? '00'}`;
  const check = new Date(asUtc);
  if (
    Number.isNaN(asUtc) ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return { ok: false, field: 'deadline', message: `${local} is not a date and time` };
  }
  // Every offset the zone uses within a day either side; each gives one candidate instant, and
  // the candidates whose wall clock really shows the time asked for are its instants.
  const offsets = new Set<number>();
  for (const probe of [asUtc - 86_400_000, asUtc, asUtc + 86_400_000]) {
    offsets.add(new TZDate(probe, zone).getTimezoneOffset());
  }
  const instants = [...offsets]
    .map((offset) => asUtc + offset * 60_000)
    .filter((instant) => wallClockOf(instant, zone) === wanted);
  const unique = [...new Set(instants)];
  if (unique.length === 0) {
    return {
      ok: false,
      field: 'deadline',
      message: `${local} does not exist in ${zone}: the clocks skip it`,
    };
  }
  if (unique.length > 1) {
    return {
      ok: false,
      field: 'deadline',
      message: `${local} happens twice in ${zone} (the clocks go back): choose another time`,
    };
  }
  const instant = unique[0] as number;
  if (instant <= now.getTime()) {
    return { ok: false, field: 'deadline', message: 'the deadline has passed' };
  }
  return { ok: true, instant: new Date(instant).toISOString(), timeZone: zone };
}

/** The deadline as the clocks of its own zone show it, for reading (`2001-03-02T18:00:00`). */
export function localDeadline(instant: string, timeZone: string): string {
  return wallClockOf(Date.parse(instant), timeZone);
}

/**
 * The least time a joint text stays under silence, and the least left of it for a statement to
 * be lodged: long enough for the other party's capital to read what it would be taken to
 * accept and to break silence if it must. One party cannot adopt a joint text by a silence
 * the other had no time to keep or break.
 */
export const MIN_JOINT_SILENCE_MS = 24 * 60 * 60 * 1000;

export interface Participant {
  participant: string;
  participantKind: 'party' | 'delegation';
}

/**
 * Who takes part in a silence: every party for a joint text; for a caucus text, the member
 * delegations of its party (the allies agreeing their common position), or the party itself
 * when it has no delegations on record.
 */
export function participantsOf(
  text: { visibility: string; party: string | null },
  parties: readonly string[],
  memberDelegations: readonly string[],
): Participant[] {
  if (text.visibility !== 'caucus') {
    return parties.map((p) => ({ participant: p, participantKind: 'party' }));
  }
  if (memberDelegations.length === 0) {
    return [{ participant: text.party ?? '', participantKind: 'party' }];
  }
  return memberDelegations.map((d) => ({ participant: d, participantKind: 'delegation' }));
}

/**
 * The participant a user breaks silence for: its party when the parties take part, its
 * delegation when delegations do; null when it speaks for none of them.
 */
export function participantFor(
  user: { party: string; delegationId: string | null },
  participants: readonly Participant[],
): string | null {
  for (const p of participants) {
    if (p.participantKind === 'party' && p.participant === user.party) return p.participant;
    if (p.participantKind === 'delegation' && p.participant === user.delegationId) {
      return p.participant;
    }
  }
  return null;
}

/** Whether a silence still runs at `now`: a break is taken only before the deadline. */
export function isBeforeDeadline(deadline: string, now: Date): boolean {
  return now.getTime() < Date.parse(deadline);
}

/** The longest delay a Node timer takes (about 24.8 days); a later deadline re-arms on firing. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** The longest the scheduler waits before it tries again to settle what it could not. */
export const MAX_RETRY_DELAY_MS = 60_000;

/**
 * How long the scheduler waits before it tries again a text whose settling failed `failures`
 * times in a row (a row it cannot read): 1 s, 2 s, 4 s ... up to a minute. Without it the
 * timer, finding the same past deadline, would try again at once, forever.
 */
export function retryDelay(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(1000 * 2 ** Math.min(failures - 1, 30), MAX_RETRY_DELAY_MS);
}

/** How long the scheduler's timer waits for the next deadline: never negative, never too long. */
export function timerDelay(deadline: string, now: Date): number {
  return Math.min(Math.max(Date.parse(deadline) - now.getTime(), 0), MAX_TIMER_DELAY_MS);
}
