import type { Note, NoteListQuery } from '../../../shared/notes.schemas.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { toNote } from './note.repository.ts';

/** Notes the caller may see, oldest first, by meeting, agenda item or decision. */
export async function listNotes(
  deps: Deps,
  actor: Actor,
  query: NoteListQuery,
): Promise<{ items: Note[]; nextCursor: string | null }> {
  let q = deps.db
    .selectFrom('notes')
    .selectAll()
    .where(visibleTo(actor, 'notes'))
    .orderBy('createdAt')
    .orderBy('id')
    .limit(query.limit + 1);
  if (query.meetingId) q = q.where('meetingId', '=', query.meetingId);
  if (query.agendaItemId) q = q.where('agendaItemId', '=', query.agendaItemId);
  if (query.decisionId) q = q.where('decisionId', '=', query.decisionId);
  if (query.cursor) q = q.where(afterCursor(['createdAt', 'id'], query.cursor));
  const rows = await q.execute();
  return toPage(
    rows,
    query.limit,
    (r) => [r.createdAt, r.id],
    (r) => toNote(actor, r),
  );
}
