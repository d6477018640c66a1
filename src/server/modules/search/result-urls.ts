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
      : deps.db
          .selectFrom('activities')
          .leftJoin('activityProgress', 'activityProgress.activityId', 'activities.id')
          .innerJoin('workProgrammes', 'workProgrammes.id', 'activities.programmeId')
          .select(['activities.id', 'activityProgress.id as progressId', 'workProgrammes.year'])
          .where((eb) =>
            eb.or([
              eb('activities.id', 'in', activityIds),
              eb('activityProgress.id', 'in', activityIds),
            ]),
          )
          .execute(),
  ]);
  const meetingOf = new Map(agendaItems.map((a) => [a.id, a.meetingId]));
  const yearOf = new Map(programmes.map((p) => [p.id, p.year]));
  const activityUrl = new Map<string, string>();
  for (const a of activities) {
    const url = `/api/work-programmes/${a.year}/activities/${encodeURIComponent(a.id)}`;
    activityUrl.set(`activity:${a.id}`, url);
    // A progress note is served within its activity (it has no route of its own to GET).
    if (a.progressId) activityUrl.set(`activityProgress:${a.progressId}`, url);
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
