import type { MeetingLevel } from '../../../shared/vocabularies.ts';

export interface CadenceRequirement {
  level: MeetingLevel;
  /** Meetings a year the founding instrument asks for; null: as needed, no minimum. */
  count: number | null;
  basis: string;
}

const SOURCE = 'NATO-Russia Founding Act (Paris, 27 May 1997), section on the PJC';

/** What the Founding Act requires of each level in a calendar year. */
export const FOUNDING_ACT_CADENCE: readonly CadenceRequirement[] = [
  {
    level: 'summit',
    count: null,
    basis: `Heads of state and government: as appropriate. ${SOURCE}`,
  },
  { level: 'foreign-ministers', count: 2, basis: `Foreign ministers: twice a year. ${SOURCE}` },
  { level: 'defence-ministers', count: 2, basis: `Defence ministers: twice a year. ${SOURCE}` },
  {
    level: 'ambassadors',
    count: 12,
    basis: `Ambassadors (permanent representatives): monthly. ${SOURCE}`,
  },
  {
    level: 'chiefs-of-defence',
    count: 2,
    basis: `Chiefs of general staff: at least twice a year, under the council's auspices. ${SOURCE}`,
  },
  {
    level: 'military-representatives',
    count: 12,
    basis: `Military representatives: monthly, under the council's auspices. ${SOURCE}`,
  },
  { level: 'experts', count: null, basis: `Expert meetings: as needed. ${SOURCE}` },
];

export interface LevelCounts {
  held: number;
  planned: number;
  cancelled: number;
}

/**
 * Meetings the requirement asks for beyond those on record (held or planned): cancelled ones
 * do not count towards the minimum.
 */
export function notOnRecordOf(requirement: CadenceRequirement, counts: LevelCounts): number {
  if (requirement.count === null) return 0;
  return Math.max(0, requirement.count - counts.held - counts.planned);
}

/** What the record says of its own completeness for a period, and optionally one level. */
export interface CoverageFact {
  level: MeetingLevel | null;
  complete: boolean;
  reason: string;
}

export interface CadenceLine extends LevelCounts {
  level: MeetingLevel;
  required: { count: number | null; basis: string };
  recordComplete: boolean;
  /** Why the record of this level is incomplete; null when it is complete. */
  reason: string | null;
  notOnRecord: number;
  /** The meetings the council did not hold; null when the record cannot tell. */
  shortfall: number | null;
}

/**
 * Sets the counted meetings of a year against the requirement of every level. A level is on
 * record completely unless a coverage fact for the year (naming that level or none) says
 * otherwise; only then is the gap a shortfall of the council, else it is a gap of the record.
 */
export function compareWithFoundingAct(
  counted: readonly { level: string | null; status: string; count: number }[],
  coverage: readonly CoverageFact[] = [],
): CadenceLine[] {
  return FOUNDING_ACT_CADENCE.map((requirement) => {
    const counts: LevelCounts = { held: 0, planned: 0, cancelled: 0 };
    for (const row of counted) {
      if (row.level !== requirement.level) continue;
      if (row.status === 'held' || row.status === 'planned' || row.status === 'cancelled') {
        counts[row.status] += row.count;
      }
    }
    const gaps = coverage.filter(
      (c) => !c.complete && (c.level === null || c.level === requirement.level),
    );
    const notOnRecord = notOnRecordOf(requirement, counts);
    return {
      level: requirement.level,
      required: { count: requirement.count, basis: requirement.basis },
      ...counts,
      recordComplete: gaps.length === 0,
      reason: gaps.length === 0 ? null : gaps.map((c) => c.reason).join(' '),
      notOnRecord,
      shortfall: gaps.length === 0 ? notOnRecord : null,
    };
  });
}
