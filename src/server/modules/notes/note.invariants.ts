import { isNarrowerThan, type Visible } from '../access/visibility.policy.ts';
import {
  audienceWords,
  type Invariant,
  type Violation,
  violation,
} from '../integrity/invariant.ts';

/**
 * A note is a party's: caucus or joint, never public (CreateNoteSchema, UpdateNoteSchema),
 * written by a user of that party (writeNote: the party is the author's). It hangs on at most
 * one parent, and is never wider than it; an agenda item answers for its meeting too
 * (assertNoteFitsParent).
 */
export const NOTE_INVARIANTS: readonly Invariant[] = [
  {
    name: 'notes.parent',
    check: async (db) => {
      const parents = new Map<string, Visible & { id: string }>();
      for (const table of ['meetings', 'agendaItems', 'decisions'] as const) {
        const rows = await db.selectFrom(table).select(['id', 'visibility', 'party']).execute();
        for (const row of rows) parents.set(`${table}:${row.id}`, row);
      }
      const meetingOfItem = new Map(
        (await db.selectFrom('agendaItems').select(['id', 'meetingId']).execute()).map((i) => [
          i.id,
          i.meetingId,
        ]),
      );
      const notes = await db.selectFrom('notes').selectAll().orderBy('id').execute();
      const found: Violation[] = [];
      for (const note of notes) {
        if (note.visibility === 'public') {
          found.push(
            violation('notes', note.id, "is public: a note is a party's, caucus or joint"),
          );
        }
        const named = (
          [
            ['meetings', 'meeting', note.meetingId],
            ['agendaItems', 'agenda item', note.agendaItemId],
            ['decisions', 'decision', note.decisionId],
          ] as const
        ).filter(([, , id]) => id !== null);
        if (named.length > 1) {
          found.push(
            violation(
              'notes',
              note.id,
              `hangs on ${named.map(([, what, id]) => `${what} ${id}`).join(' and ')}: a note has at most one parent`,
            ),
          );
        }
        for (const [table, what, id] of named) {
          const chain = [[what, parents.get(`${table}:${id}`)] as const];
          if (table === 'agendaItems') {
            const meetingId = meetingOfItem.get(id ?? '');
            chain.push(['meeting', parents.get(`meetings:${meetingId}`)] as const);
          }
          for (const [kind, parent] of chain) {
            if (parent && isNarrowerThan(parent, note)) {
              found.push(
                violation(
                  'notes',
                  note.id,
                  `is ${audienceWords(note)}, wider than its ${kind} ${parent.id} (${audienceWords(parent)})`,
                ),
              );
            }
          }
        }
      }
      return found;
    },
  },
  {
    name: 'notes.author',
    check: async (db) => {
      const notes = await db
        .selectFrom('notes')
        .leftJoin('users', 'users.id', 'notes.authorId')
        .select(['notes.id', 'notes.authorId', 'notes.party', 'users.party as authorParty'])
        .where('notes.authorId', 'is not', null)
        .orderBy('notes.id')
        .execute();
      const found: Violation[] = [];
      for (const note of notes) {
        if (note.authorParty === null) {
          found.push(
            violation('notes', note.id, `names author ${note.authorId}, who does not exist`),
          );
        } else if (note.authorParty !== note.party) {
          found.push(
            violation(
              'notes',
              note.id,
              `is ${note.party ?? 'no party'}'s, but its author ${note.authorId} is of ${note.authorParty}`,
            ),
          );
        }
      }
      return found;
    },
  },
];
