import type { SearchableType } from '../../../shared/entities.ts';
import { PUBLIC_MARKING } from '../../../shared/vocabularies.ts';
import type { Visible } from '../access/visibility.policy.ts';
import type { RowOf } from '../changes/entity-tables.ts';
import type { SearchDocument } from './search-index.ts';

/**
 * What of each item is searchable. The unit of work and the importer both build documents
 * here, so an item is found by the same words however it was stored.
 */
type Searchable = { [K in SearchableType]: RowOf<K> };

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
    text: (r) => ({ title: join(r.number, r.title).replace('\n', ' '), body: r.plain }),
  };

export function searchDocumentOf<K extends SearchableType>(
  entityType: K,
  row: Searchable[K],
): SearchDocument {
  const { title, body } = builders[entityType](row);
  // Every searchable table has an id and the visibility columns; the mapped type loses that
  // for a generic K.
  const item = row as Searchable[K] & Visible & { id: string; classification?: string };
  return {
    entityType,
    entityId: item.id,
    visibility: item.visibility,
    party: item.party,
    // A text is read only by those cleared for its marking; only PUBLIC DISCLOSED is none.
    marking:
      item.classification === undefined || item.classification === PUBLIC_MARKING
        ? null
        : item.classification,
    title,
    body,
  };
}
