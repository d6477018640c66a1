import type { SearchableType } from '../../../shared/entities.ts';
import type { Deps } from '../../deps.ts';

export interface Located {
  entityType: SearchableType;
  entityId: string;
}

const TOP_LEVEL: Partial<Record<SearchableType, string>> = {
  meeting: '/api/meetings',
  decision: '/api/decisions',
  note: '/api/notes',
  office: '/api/offices',
  operation: '/api/operations',
  timelineEvent: '/api/timeline',
  topic: '/api/topics',
  person: '/api/people',
  delegation: '/api/delegations',
  text: '/api/texts',
};

const idsOf = (hits: Located[], type: SearchableType) =>
  hits.filter((h) => h.entityType === type).map((h) => h.entityId);

/**
 * Where the API serves each hit. Agenda items, programmes and activities live under their
 * parents, so their parents are looked up for the whole page at once (at most three queries,
 * none per hit). A child is never wider than its parent, so no hidden id is revealed.
 */
export async function urlsOf(deps: Deps, hits: Located[]): Promise<Map<Located, string>> {
  const agendaItemIds = idsOf(hits, 'agendaItem');
  const programmeIds = idsOf(hits, 'workProgramme');
  const activityIds = [...idsOf(hits, 'activity'), ...idsOf(hits, 'activityProgress')];
  const [agendaItems, programmes, activities] = await Promise.all([
    agendaItemIds.length === 0
      ? []
      : deps.db
          .selectFrom('agendaItems')
          .select(['id', 'meetingId'])
          .where('id', 'in', agendaItemIds)
          .execute(),
    programmeIds.length === 0
      ? []
      : deps.db
          .selectFrom('workProgrammes')
          .select(['id', 'year'])
          .where('id', 'in', programmeIds)
          .execute(),
    activityIds.length === 0
      ? []
      : Promise.all([
          // By key only, each: a join from activities to all their progress notes would walk
          // the notes of every audience, the other party's caucus ones too.
          deps.db
            .selectFrom('activities')
            .innerJoin('workProgrammes', 'workProgrammes.id', 'activities.programmeId')
            .select(['activities.id', 'workProgrammes.year'])
            .where('activities.id', 'in', activityIds)
            .execute(),
          deps.db
            .selectFrom('activityProgress')
            .innerJoin('activities', 'activities.id', 'activityProgress.activityId')
            .innerJoin('workProgrammes', 'workProgrammes.id', 'activities.programmeId')
            .select(['activityProgress.id', 'activities.id as activityId', 'workProgrammes.year'])
            .where('activityProgress.id', 'in', activityIds)
            .execute(),
        ]),
  ]);
  const meetingOf = new Map(agendaItems.map((a) => [a.id, a.meetingId]));
  const yearOf = new Map(programmes.map((p) => [p.id, p.year]));
  const activityUrl = new Map<string, string>();
  const urlOf = (year: number, id: string) =>
    `/api/work-programmes/${year}/activities/${encodeURIComponent(id)}`;
  const [activityRows, progressRows] = activities.length === 0 ? [[], []] : activities;
  for (const a of activityRows) activityUrl.set(`activity:${a.id}`, urlOf(a.year, a.id));
  // A progress note is served within its activity (it has no route of its own to GET).
  for (const p of progressRows) {
    activityUrl.set(`activityProgress:${p.id}`, urlOf(p.year, p.activityId));
  }
  const urls = new Map<Located, string>();
  for (const hit of hits) {
    const id = encodeURIComponent(hit.entityId);
    const base = TOP_LEVEL[hit.entityType];
    let url: string | undefined;
    if (base) url = `${base}/${id}`;
    else if (hit.entityType === 'agendaItem') {
      const meeting = meetingOf.get(hit.entityId);
      url = meeting && `/api/meetings/${encodeURIComponent(meeting)}/agenda-items/${id}`;
    } else if (hit.entityType === 'workProgramme') {
      const year = yearOf.get(hit.entityId);
      url = year === undefined ? undefined : `/api/work-programmes/${year}`;
    } else url = activityUrl.get(`${hit.entityType}:${hit.entityId}`);
    if (url) urls.set(hit, url);
  }
  return urls;
}
