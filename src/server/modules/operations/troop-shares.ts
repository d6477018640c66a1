import { firstDayOf } from '../council/council-status.ts';

export interface Strength {
  contributor: string | null;
  contributorName?: string | null;
  troops: number;
  qualifier: string | null;
  asOf: string;
}

export interface ContributorShare {
  contributor: string;
  contributorName: string | null;
  troops: number;
  qualifier: string | null;
  /** troops / total of the same date, to four decimals (0.0741 = 7.41 %); null without a total. */
  share: number | null;
}

export interface StrengthSnapshot {
  asOf: string;
  total: { troops: number; qualifier: string | null } | null;
  contributors: ContributorShare[];
}

/**
 * A contributor's share of a force. Four decimals keep a hundredth of a percent, more than
 * sources that say "about 1,200" and "approximately 20,000" can honestly claim.
 */
export function shareOf(troops: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((troops / total) * 10_000) / 10_000;
}

function later(a: string, b: string): boolean {
  const [dayA, dayB] = [firstDayOf(a), firstDayOf(b)];
  return dayA !== dayB ? dayA > dayB : a.length > b.length;
}

/**
 * The force as last reported on or before `at` (any date when omitted). Figures are only
 * compared within one report date: a share divides by the total of the same `asOf`, so that
 * a contribution is never set against a total from another time. The report date is the
 * latest one that has a total, or the latest of all when none has.
 */
export function strengthOn(strengths: readonly Strength[], at?: string): StrengthSnapshot | null {
  const known = strengths.filter((s) => at === undefined || firstDayOf(s.asOf) <= at);
  let asOf: string | null = null;
  for (const s of known)
    if (s.contributor === null && (asOf === null || later(s.asOf, asOf))) asOf = s.asOf;
  if (asOf === null) for (const s of known) if (asOf === null || later(s.asOf, asOf)) asOf = s.asOf;
  if (asOf === null) return null;
  const ofDate = known.filter((s) => s.asOf === asOf);
  const total = ofDate.find((s) => s.contributor === null) ?? null;
  return {
    asOf,
    total: total && { troops: total.troops, qualifier: total.qualifier },
    contributors: ofDate.flatMap((s) =>
      s.contributor === null
        ? []
        : [
            {
              contributor: s.contributor,
              contributorName: s.contributorName ?? null,
              troops: s.troops,
              qualifier: s.qualifier,
              share: total ? shareOf(s.troops, total.troops) : null,
            },
          ],
    ),
  };
}
