import type { UserActor } from '../access/actor.ts';
import { can } from '../access/roles.policy.ts';

/**
 * Who may change or delete a note: its author, or a secretary of the author's party (who
 * keeps the party's record in order). Nobody of the other party, whatever the role: not even
 * the author once moved to the other party, who would otherwise still write in (and, by
 * widening, publish from) the old party's caucus.
 */
export function canEditNote(
  actor: UserActor,
  note: { authorId: string | null; party: string | null },
): boolean {
  if (note.party !== actor.party) return false;
  const isAuthor = note.authorId !== null && note.authorId === actor.userId;
  return isAuthor || can(actor, 'manage-council');
}
