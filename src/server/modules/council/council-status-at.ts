import type { CouncilPeriod, CouncilStatus } from '../../../shared/council.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { findCouncilRow, listPeriods } from './council.repository.ts';
import { firstDayOf, periodAt } from './council-status.ts';

export interface CouncilStatusAnswer {
  at: string;
  status: CouncilStatus | null;
  scope: string | null;
  period: CouncilPeriod | null;
  reason: string | null;
}

function reasonForNone(periods: CouncilPeriod[], at: string): string {
  const first = periods[0];
  if (first === undefined) return 'no period of the council is on record';
  if (at < firstDayOf(first.startsOn)) {
    return `${at} is before the first period on record, which starts ${first.startsOn}`;
  }
  return `no period on record covers ${at}`;
}

/**
 * Whether the council was active, suspended or restricted on a date (today by default), from
 * the periods the caller may see; the month-precision rule is periodAt's. NotFound when the
 * caller may not see the council.
 */
export async function councilStatusAt(
  deps: Deps,
  actor: Actor,
  at: string | undefined,
): Promise<CouncilStatusAnswer> {
  const day = at ?? deps.clock().toISOString().slice(0, 10);
  const council = await findCouncilRow(deps.db, actor);
  const periods = await listPeriods(deps, actor, council.id);
  const period = periodAt(periods, day);
  if (period === null) {
    return {
      at: day,
      status: null,
      scope: null,
      period: null,
      reason: reasonForNone(periods, day),
    };
  }
  return { at: day, status: period.status, scope: period.scope, period, reason: null };
}
