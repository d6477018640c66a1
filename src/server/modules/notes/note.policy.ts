import type { UserActor } from '../access/actor.ts';
import { can } from '../access/roles.policy.ts';

/**
 * Who may change or delete a note: its author, or a secretary of the author's party (who
 * keeps the party's record in order). Nobody of the other party, whatever the role.
 */
export function canEditNote(
  actor: UserActor,
  note: { authorId: string | null; party: string | null },
): boolean {
  if (note.authorId !== null && note.authorId === actor.userId) return true;
  return note.party === actor.party && can(actor, 'manage-council');
}
