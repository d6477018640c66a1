import type { Note, UpdateNoteInput } from '../../../shared/notes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { widenVisibility } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { canEditNote } from './note.policy.ts';
import { findNote, toNote } from './note.repository.ts';
import { assertNoteFitsParent } from './note-parent.ts';

const notYours = () =>
  new DomainError('Forbidden', 'only the author or a secretary of its party may change a note');

/**
 * Changes a note's text, or widens it from caucus to joint (never narrower: Conflict; never
 * wider than its parent: VisibilityTooWide). Only the author or a secretary of the author's
 * party (Forbidden otherwise). NotFound when the caller cannot see the note.
 */
export async function updateNote(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateNoteInput,
): Promise<Note> {
  const user = requirePermission(actor, 'write-notes');
  return change(deps, actor, async ({ trx, at, record }) => {
    const before = await findNote(trx, actor, id);
    if (!canEditNote(user, before)) throw notYours();
    const after: Row<'notes'> = {
      ...before,
      ...widenVisibility(before, input.visibility),
      text: input.text ?? before.text,
      updatedAt: at,
    };
    if (after.visibility !== before.visibility) {
      await assertNoteFitsParent(trx, actor, after, after);
    }
    await trx
      .updateTable('notes')
      .set({ text: after.text, visibility: after.visibility, updatedAt: at })
      .where('id', '=', id)
      .execute();
    record({ entity: 'note', id, action: 'update', before, after });
    return toNote(actor, after);
  });
}

/**
 * Deletes a note: the author or a secretary of the author's party only (Forbidden).
 * NotFound when the caller cannot see the note.
 */
export async function deleteNote(deps: Deps, actor: Actor, id: string): Promise<void> {
  const user = requirePermission(actor, 'write-notes');
  await change(deps, actor, async ({ trx, record }) => {
    const before = await findNote(trx, actor, id);
    if (!canEditNote(user, before)) throw notYours();
    await trx.deleteFrom('notes').where('id', '=', id).execute();
    record({ entity: 'note', id, action: 'delete', before, after: null });
  });
}
