import type { RecordCoverage } from '../../../shared/council.schemas.ts';
import type { MeetingLevel } from '../../../shared/vocabularies.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { cited } from '../sources/source-ref.ts';

export function toRecordCoverage(row: Row<'recordCoverage'>): RecordCoverage {
  return {
    id: row.id,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    level: row.level,
    complete: row.complete === 1,
    reason: row.reason,
    ...cited(row),
    visibility: row.visibility,
    party: row.party,
  };
}

/**
 * What the record says of its own completeness, oldest first. `year` keeps the entries whose
 * period touches that calendar year; bounds count at their own precision, so an entry ending
 * `2002-05-28` touches 2002 and one starting `1997` touches 1997.
 */
export async function listRecordCoverage(
  db: Executor,
  actor: Actor,
  year?: number,
): Promise<RecordCoverage[]> {
  let select = db
    .selectFrom('recordCoverage')
    .selectAll()
    .where(visibleTo(actor, 'recordCoverage'))
    .orderBy('startsOn')
    .orderBy('id');
  if (year !== undefined) {
    select = select
      .where('startsOn', '<', String(year + 1))
      .where((eb) => eb.or([eb('endsOn', 'is', null), eb('endsOn', '>=', String(year))]));
  }
  const rows = await select.execute();
  return rows.map(toRecordCoverage);
}

/** The entries that speak of one level: those naming it and those naming no level. */
export function coverageOfLevel(
  coverage: readonly RecordCoverage[],
  level: MeetingLevel,
): RecordCoverage[] {
  return coverage.filter((c) => c.level === null || c.level === level);
}
