import type { Executor } from '../../db/database.ts';
import { isNarrowerThan, type Visible } from '../access/visibility.policy.ts';
import {
  audienceWords,
  type Invariant,
  type Violation,
  violation,
} from '../integrity/invariant.ts';

type Scoped = Visible & { id: string };

async function byId(
  db: Executor,
  table: 'workProgrammes' | 'topics',
): Promise<Map<string, Scoped>> {
  const rows = await db.selectFrom(table).select(['id', 'visibility', 'party']).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

function wider(child: Visible, parent: Scoped, what: string): string | null {
  if (!isNarrowerThan(parent, child)) return null;
  return `is ${audienceWords(child)}, wider than its ${what} ${parent.id} (${audienceWords(parent)})`;
}

/**
 * A work programme is the parties' joint text: joint, or public once both published it, never
 * one party's caucus (createWorkProgramme). Its areas and activities are never wider than it;
 * an activity is never wider than its area (of the same programme) or its topic, and a
 * progress note never wider than its activity (addArea, createActivity, updateActivity,
 * addProgress).
 */
export const WORK_PROGRAMME_INVARIANTS: readonly Invariant[] = [
  {
    name: 'workProgrammes.joint',
    check: async (db) => {
      const caucus = await db
        .selectFrom('workProgrammes')
        .select(['id', 'party'])
        .where('visibility', '=', 'caucus')
        .orderBy('id')
        .execute();
      return caucus.map((p) =>
        violation(
          'workProgrammes',
          p.id,
          `is ${p.party ?? 'a party'}'s caucus: a work programme is both parties' text, joint or public`,
        ),
      );
    },
  },
  {
    name: 'workProgrammes.contents-within',
    check: async (db) => {
      const programmes = await byId(db, 'workProgrammes');
      const topics = await byId(db, 'topics');
      const found: Violation[] = [];
      const report = (table: string, key: string, problem: string | null) => {
        if (problem !== null) found.push(violation(table, key, problem));
      };
      const areas = await db
        .selectFrom('workProgrammeAreas')
        .select(['id', 'programmeId', 'visibility', 'party'])
        .orderBy('id')
        .execute();
      const areasById = new Map(areas.map((a) => [a.id, a]));
      for (const area of areas) {
        const programme = programmes.get(area.programmeId);
        if (programme) report('workProgrammeAreas', area.id, wider(area, programme, 'programme'));
      }
      const activities = await db
        .selectFrom('activities')
        .select(['id', 'programmeId', 'areaId', 'topicId', 'visibility', 'party'])
        .orderBy('id')
        .execute();
      for (const activity of activities) {
        const programme = programmes.get(activity.programmeId);
        if (programme) report('activities', activity.id, wider(activity, programme, 'programme'));
        const area = activity.areaId === null ? undefined : areasById.get(activity.areaId);
        if (area && area.programmeId !== activity.programmeId) {
          report(
            'activities',
            activity.id,
            `is in programme ${activity.programmeId} but in area ${area.id} of programme ${area.programmeId}`,
          );
        }
        if (area) report('activities', activity.id, wider(activity, area, 'area'));
        const topic = activity.topicId === null ? undefined : topics.get(activity.topicId);
        if (topic) report('activities', activity.id, wider(activity, topic, 'topic'));
      }
      const byActivity = new Map(activities.map((a) => [a.id, a]));
      const progress = await db
        .selectFrom('activityProgress')
        .select(['id', 'activityId', 'visibility', 'party'])
        .orderBy('id')
        .execute();
      for (const note of progress) {
        const activity = byActivity.get(note.activityId);
        if (activity) report('activityProgress', note.id, wider(note, activity, 'activity'));
      }
      return found;
    },
  },
];
