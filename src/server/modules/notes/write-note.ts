import type { CreateNoteInput, Note } from '../../../shared/notes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { toNote } from './note.repository.ts';
import { assertNoteFitsParent } from './note-parent.ts';

/**
 * Writes a note or position: caucus (the author's party only) or joint (both parties), on at
 * most one parent. The parent must exist and be visible to the author (NotFound) and be at
 * least as visible as the note (VisibilityTooWide). Forbidden without write-notes.
 */
export async function writeNote(deps: Deps, actor: Actor, input: CreateNoteInput): Promise<Note> {
  const author = requirePermission(actor, 'write-notes');
  // At most one parent, never public: CreateNoteSchema refuses both; only the route calls this.
  return change(deps, actor, async ({ trx, at, record }) => {
    const row: Row<'notes'> = {
      id: deps.ids(),
      text: input.text,
      ...visibilityOnCreate(author, input.visibility),
      authorId: author.userId,
      meetingId: input.meetingId ?? null,
      agendaItemId: input.agendaItemId ?? null,
      decisionId: input.decisionId ?? null,
      createdAt: at,
      updatedAt: at,
    };
    await assertNoteFitsParent(trx, actor, row, row);
    await trx.insertInto('notes').values(row).execute();
    record({ entity: 'note', id: row.id, action: 'create', after: row });
    return toNote(actor, row);
  });
}
