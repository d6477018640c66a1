import { sql } from 'kysely';
import { ACTIVITY_STATUSES } from '../../../shared/vocabularies.ts';
import type { ProgressReport, StatusCounts } from '../../../shared/work-programmes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { unionAllOf } from '../../db/union-all.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { audienceConditions } from '../access/visibility.policy.ts';
import { findProgramme, toSummary } from './work-programme.repository.ts';

const noCounts = (): StatusCounts => ({ planned: 0, 'under-way': 0, done: 0, dropped: 0 });

const sum = (c: StatusCounts) => ACTIVITY_STATUSES.reduce((n, s) => n + c[s], 0);

/** done / (total - dropped): a dropped activity is no longer to be done. */
export function shareDone(counts: StatusCounts): number | null {
  const due = sum(counts) - counts.dropped;
  return due === 0 ? null : counts.done / due;
}

/**
 * The progress report of a programme on a date (default: today by deps.clock): counts per
 * status and per area, the share done, and the overdue activities. Everything is counted in
 * SQL over what the caller may see only, so a report never betrays the number of the other
 * party's caucus activities.
 */
export async function reportWorkProgramme(
  deps: Deps,
  actor: Actor,
  year: number,
  on: string | undefined,
): Promise<ProgressReport> {
  const reportDate = on ?? deps.clock().toISOString().slice(0, 10);
  const programme = await findProgramme(deps.db, actor, year);
  // Each audience on its own part of the indexes (migration 2026-12-04T1200), counted and
  // ordered over the union: the other party's caucus rows are never walked past.
  const activitiesSeen = <S extends keyof Row<'activities'>>(columns: readonly S[]) =>
    unionAllOf(
      audienceConditions(actor, 'activities').map((audience) =>
        deps.db
          .selectFrom('activities')
          .select(columns)
          .where('programmeId', '=', programme.id)
          .where(audience),
      ),
    );
  const [counts, areas, overdue] = await Promise.all([
    deps.db
      .selectFrom(activitiesSeen(['areaId', 'status'] as const).as('seen'))
      .select(['seen.areaId', 'seen.status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy(['seen.areaId', 'seen.status'])
      .execute(),
    unionAllOf(
      audienceConditions(actor, 'workProgrammeAreas').map((audience) =>
        deps.db
          .selectFrom('workProgrammeAreas')
          .select(['id', 'title', 'position'])
          .where('programmeId', '=', programme.id)
          .where(audience),
      ),
    )
      .orderBy('position')
      .orderBy('id')
      .execute(),
    deps.db
      .selectFrom(
        activitiesSeen(['id', 'title', 'areaId', 'plannedEnd', 'status'] as const).as('seen'),
      )
      .selectAll()
      .where('seen.status', 'in', ['planned', 'under-way'])
      .where('seen.plannedEnd', 'is not', null)
      // Overdue: still open and the whole planned end period lies before the report date, so
      // an activity planned to end "2001-05" is overdue from 1 June 2001 only.
      .where(sql<boolean>`"plannedEnd" < substr(${reportDate}, 1, length("plannedEnd"))`)
      .orderBy('seen.plannedEnd')
      .orderBy('seen.id')
      .execute(),
  ]);

  const total = noCounts();
  const byArea = new Map<string | null, StatusCounts>();
  for (const row of counts) {
    const count = Number(row.count);
    total[row.status] += count;
    // An activity is never wider than its area, so a visible activity has a visible area.
    const key = row.areaId;
    const area = byArea.get(key) ?? noCounts();
    area[row.status] += count;
    byArea.set(key, area);
  }
  const areaRows: ProgressReport['areas'] = areas.map((a) => {
    const c = byArea.get(a.id) ?? noCounts();
    return { areaId: a.id, title: a.title, total: sum(c), byStatus: c };
  });
  const unassigned = byArea.get(null);
  if (unassigned) {
    areaRows.push({ areaId: null, title: null, total: sum(unassigned), byStatus: unassigned });
  }
  return {
    programmeId: programme.id,
    year: programme.year,
    status: toSummary(programme).status,
    on: reportDate,
    total: sum(total),
    byStatus: total,
    shareDone: shareDone(total),
    areas: areaRows,
    overdue: overdue.map((a) => ({
      id: a.id,
      title: a.title,
      areaId: a.areaId,
      plannedEnd: a.plannedEnd ?? '',
      status: a.status,
    })),
  };
}
