import type { Row } from '../../db/schema.ts';
import type { SearchDocument } from './search-index.ts';

/**
 * What of each item is searchable. Services, the seed and the importer all build documents
 * here, so an item is found by the same words however it was stored.
 */
type Searchable = {
  meeting: Row<'meetings'>;
  agendaItem: Row<'agendaItems'>;
  workProgramme: Row<'workProgrammes'>;
  activity: Row<'activities'>;
  activityProgress: Row<'activityProgress'>;
  decision: Row<'decisions'>;
  note: Row<'notes'>;
  office: Row<'offices'>;
  operation: Row<'operations'>;
  timelineEvent: Row<'timelineEvents'>;
  topic: Row<'topics'>;
  person: Row<'people'>;
  delegation: Row<'delegations'>;
};

export type SearchableType = keyof Searchable;

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n');

const builders: { [K in SearchableType]: (row: Searchable[K]) => { title: string; body: string } } =
  {
    meeting: (r) => ({ title: r.title, body: join(r.level, r.venue, r.date, r.summary) }),
    agendaItem: (r) => ({ title: r.title, body: join(r.outcome) }),
    workProgramme: (r) => ({ title: r.title, body: join(String(r.year), r.description) }),
    activity: (r) => ({ title: r.title, body: join(r.lead, r.level, r.status) }),
    activityProgress: (r) => ({ title: `Progress ${r.on}`, body: r.text }),
    decision: (r) => ({ title: r.subject, body: r.text }),
    note: (r) => ({ title: r.text.slice(0, 80), body: r.text }),
    office: (r) => ({ title: r.name, body: join(r.location, r.establishedBy, r.status) }),
    operation: (r) => ({ title: `${r.name}: ${r.fullName}`, body: join(r.location, r.mandate) }),
    timelineEvent: (r) => ({ title: r.title, body: join(r.date, r.description) }),
    topic: (r) => ({ title: r.name, body: join(r.description) }),
    person: (r) => ({ title: join(r.honorific, r.name).replace('\n', ' '), body: '' }),
    delegation: (r) => ({ title: r.name, body: join(r.countryCode) }),
  };

export function searchDocumentOf<K extends SearchableType>(
  entityType: K,
  row: Searchable[K],
): SearchDocument {
  const { title, body } = builders[entityType](row);
  return {
    entityType,
    entityId: row.id,
    visibility: row.visibility,
    party: row.party,
    title,
    body,
  };
}
