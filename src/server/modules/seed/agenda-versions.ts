import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { reviseAgreedTerms } from '../meetings/revise-terms.ts';
import type { SeedTable } from './pjc-rows.ts';

type Loose = Record<string, unknown>;

/** What the seed did to one row: `stored` and `changed` are absent for a created row. */
export interface SeededRow {
  table: string;
  row: Loose;
  stored?: Loose;
  changed?: readonly string[];
}

const LINK_TABLES = new Set(['agendaItemTopics', 'agendaItemActivities']);
// Recorded after the meeting, the outcome is no part of the agenda the parties agree to; nor
// is which document the record cites for an item, or whether the record composed it.
const NOT_AGENDA = new Set(['outcome', 'sourceId', 'reconstructed']);

/**
 * Collects the meetings whose agenda a seed run changes: an item created, retitled, moved,
 * re-chaired or re-scoped, or a topic or activity link added. An agenda agreement holds for one
 * agenda version, so such a change under an unchanged version would count as agreed a text
 * that no party agreed to. A meeting the run creates has no agreement yet and is left out.
 */
export function watchAgendas(tables: readonly SeedTable[]) {
  const meetingOfItem = new Map<unknown, unknown>(
    tables
      .filter((t) => t.table === 'agendaItems')
      .flatMap((t) => t.rows.map((row) => [row.id, row.meetingId] as const)),
  );
  const created = new Set<unknown>();
  const changed = new Set<unknown>();
  return {
    /** Called for every row the run creates or updates, never for an unchanged one. */
    note({ table, row, stored, changed: columns }: SeededRow): void {
      if (table === 'meetings' && stored === undefined) created.add(row.id);
      const agendaItemChanged =
        stored === undefined || (columns ?? []).some((column) => !NOT_AGENDA.has(column));
      if (table === 'agendaItems' && agendaItemChanged) {
        changed.add(row.meetingId);
        if (stored !== undefined) changed.add(stored.meetingId);
      }
      if (LINK_TABLES.has(table)) changed.add(meetingOfItem.get(row.agendaItemId));
    },
    /** The meetings that existed before this run and whose agenda it changed. */
    meetings(): string[] {
      return [...changed].filter((id): id is string => typeof id === 'string' && !created.has(id));
    },
  };
}

/**
 * Moves each meeting's agenda to a new version through the meetings module, so agreements
 * given to the agenda before the seed changed it are void, and say so in the audit trail.
 */
export async function bumpAgendaVersions(
  uow: UnitOfWork,
  meetingIds: readonly string[],
): Promise<void> {
  for (const id of meetingIds) {
    const meeting = await uow.trx
      .selectFrom('meetings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (meeting) await reviseAgreedTerms(uow, meeting, 'the reference record changed the agenda');
  }
}
