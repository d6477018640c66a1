import type { Activity, Area, Progress } from '../../../shared/work-programmes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { type Actor, isOwnParty } from '../access/actor.ts';
import { cited } from '../sources/source-ref.ts';

export function toArea(row: Row<'workProgrammeAreas'>): Area {
  return {
    id: row.id,
    programmeId: row.programmeId,
    position: row.position,
    title: row.title,
    ...cited(row),
    visibility: row.visibility,
    party: row.party,
  };
}

export function toProgress(actor: Actor, row: Row<'activityProgress'>): Progress {
  return {
    id: row.id,
    activityId: row.activityId,
    on: row.on,
    text: row.text,
    visibility: row.visibility,
    party: row.party,
    userId: isOwnParty(actor, row.party) ? row.userId : null,
    createdAt: row.createdAt,
  };
}

export function toActivity(
  actor: Actor,
  row: Row<'activities'>,
  progress: Row<'activityProgress'>[],
): Activity {
  return {
    id: row.id,
    programmeId: row.programmeId,
    areaId: row.areaId,
    title: row.title,
    topicId: row.topicId,
    lead: row.lead,
    level: row.level,
    plannedStart: row.plannedStart,
    plannedEnd: row.plannedEnd,
    status: row.status,
    visibility: row.visibility,
    party: row.party,
    ...cited(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    progress: progress.map((p) => toProgress(actor, p)),
  };
}

/** Progress notes grouped by activity, in the order given. */
export function progressByActivity(
  rows: Row<'activityProgress'>[],
): Map<string, Row<'activityProgress'>[]> {
  const groups = new Map<string, Row<'activityProgress'>[]>();
  for (const row of rows) {
    const group = groups.get(row.activityId);
    if (group) group.push(row);
    else groups.set(row.activityId, [row]);
  }
  return groups;
}
