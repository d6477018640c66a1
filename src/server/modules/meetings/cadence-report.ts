import type { CadenceReport } from '../../../shared/meetings.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { listRecordCoverage } from '../council/record-coverage.ts';
import { compareWithFoundingAct } from './founding-act-cadence.ts';
import { meetingsOwnedBy } from './meeting.repository.ts';

/**
 * Sets the joint meetings of a year against the Founding Act's frequencies, per level. Only
 * meetings the caller can see are counted (anonymous callers: public ones), in one grouped
 * query. A meeting known only as "2001" counts for 2001. Where the record says it is
 * incomplete for the year, the gap is reported as not on record, never as a shortfall.
 */
export async function reportCadence(
  deps: Deps,
  actor: Actor,
  year: number,
): Promise<CadenceReport> {
  const counted = await deps.db
    .selectFrom('meetings')
    .select(['level', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('format', '=', 'joint')
    // Always so of a joint meeting (ownershipOf); said so, the year is read on the index of
    // public and joint meetings, never past a caucus.
    .where(meetingsOwnedBy(null))
    .where('date', '>=', String(year))
    .where('date', '<', String(year + 1))
    .where(visibleTo(actor, 'meetings'))
    .groupBy(['level', 'status'])
    .execute();
  const coverage = await listRecordCoverage(deps.db, actor, year);
  const levels = compareWithFoundingAct(
    counted.map((c) => ({ ...c, count: Number(c.count) })),
    coverage,
  );
  return {
    year,
    recordComplete: levels.every((l) => l.recordComplete),
    coverage,
    levels,
  };
}
