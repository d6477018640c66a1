import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { OPERATOR } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
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
 * Moves each meeting's agenda to a new version, so agreements given to the agenda before the
 * seed changed it no longer count; audited as the operator's seed.update of the meeting.
 */
export async function bumpAgendaVersions(
  trx: Transaction<Database>,
  meetingIds: readonly string[],
  at: string,
): Promise<void> {
  for (const id of meetingIds) {
    const before = await trx
      .selectFrom('meetings')
      .select(['agendaVersion', 'visibility', 'party'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!before) continue;
    const agendaVersion = before.agendaVersion + 1;
    await trx
      .updateTable('meetings')
      .set({ agendaVersion, updatedAt: at })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor: OPERATOR,
      at,
      action: 'seed.update',
      entityType: 'meeting',
      entityId: id,
      visibility: before.visibility,
      party: before.party,
      before: { agendaVersion: before.agendaVersion },
      after: { agendaVersion },
    });
  }
}
