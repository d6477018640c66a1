import type { Note } from '../../../shared/notes.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { isOwnParty } from '../access/actor.ts';
import { canSee } from '../access/visibility.policy.ts';

export function toNote(actor: Actor, row: Row<'notes'>): Note {
  return {
    id: row.id,
    text: row.text,
    visibility: row.visibility,
    party: row.party,
    authorId: isOwnParty(actor, row.party) ? row.authorId : null,
    meetingId: row.meetingId,
    agendaItemId: row.agendaItemId,
    decisionId: row.decisionId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A note the caller may see; NotFound when it is missing or hidden, alike. */
export async function findNote(db: Executor, actor: Actor, id: string): Promise<Row<'notes'>> {
  const row = await db.selectFrom('notes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !canSee(actor, row)) throw notFound('note');
  return row;
}
