import type { UnitOfWork } from '../changes/unit-of-work.ts';

type NoteParents = { meetingId: string | null; agendaItemId: string | null };

/**
 * Notes detach themselves from a meeting or agenda item that is going away: the meetings
 * module calls this in its own unit of work, and every note under the removed parent moves to
 * `to`, whoever may see it. Notes are never destroyed with their parent: some may be the
 * other party's caucus notes, which the caller can neither see nor decide about. Each move is
 * recorded at the note's own visibility and party, so only the note's own audience learns of it.
 */
export async function detachNotes(
  uow: UnitOfWork,
  from: { meetingId: string } | { agendaItemId: string },
  to: NoteParents,
): Promise<void> {
  // The notes of every party, deliberately: see above.
  await uow.asSystem(() => moveNotes(uow, from, to));
}

async function moveNotes(
  uow: UnitOfWork,
  from: { meetingId: string } | { agendaItemId: string },
  to: NoteParents,
): Promise<void> {
  const { trx, at, record } = uow;
  const notes = await trx
    .selectFrom('notes')
    .selectAll()
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
  for (const before of notes) {
    record({
      entity: 'note',
      id: before.id,
      action: 'detach',
      before,
      after: { ...before, ...to, updatedAt: at },
      audit: {
        before: { meetingId: before.meetingId, agendaItemId: before.agendaItemId },
        after: to,
      },
    });
  }
}
