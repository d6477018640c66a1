import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';

type NoteParents = { meetingId: string | null; agendaItemId: string | null };

/**
 * Re-parents every note under a removed meeting or agenda item, whoever may see it. Notes
 * are never destroyed with their parent: some may be the other party's caucus notes, which
 * the caller can neither see nor decide about. Each move is audited at the note's own
 * visibility and party, so only the note's own audience learns of it.
 */
export async function moveNotes(
  trx: Transaction<Database>,
  actor: Actor,
  at: string,
  from: { meetingId: string } | { agendaItemId: string },
  to: NoteParents,
): Promise<void> {
  const notes = await trx
    .selectFrom('notes')
    .select(['id', 'visibility', 'party', 'meetingId', 'agendaItemId'])
    .where((eb) =>
      'agendaItemId' in from
        ? eb('agendaItemId', '=', from.agendaItemId)
        : eb.or([
            eb('meetingId', '=', from.meetingId),
            eb(
              'agendaItemId',
              'in',
              eb.selectFrom('agendaItems').select('id').where('meetingId', '=', from.meetingId),
            ),
          ]),
    )
    .orderBy('id')
    .execute();
  if (notes.length === 0) return;
  await trx
    .updateTable('notes')
    .set({ ...to, updatedAt: at })
    .where(
      'id',
      'in',
      notes.map((note) => note.id),
    )
    .execute();
  for (const note of notes) {
    await recordAudit(trx, {
      actor,
      at,
      action: 'note.detach',
      entityType: 'note',
      entityId: note.id,
      visibility: note.visibility,
      party: note.party,
      before: { meetingId: note.meetingId, agendaItemId: note.agendaItemId },
      after: to,
    });
  }
}
