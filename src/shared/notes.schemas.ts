import { z } from 'zod';
import { IdSchema, ListQuerySchema, VisibilitySchema } from './common.schemas.ts';

/** A note is for the author's party (caucus) or for both parties (joint); never public. */
export const NoteVisibilitySchema = z.enum(['caucus', 'joint']);

export const NoteSchema = z.object({
  id: z.string(),
  text: z.string(),
  visibility: VisibilitySchema,
  party: z.string().nullable().describe("The author's party."),
  authorId: z.string().nullable().describe("Shown to the author's own party only."),
  meetingId: z.string().nullable(),
  agendaItemId: z.string().nullable(),
  decisionId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Note = z.infer<typeof NoteSchema>;

const NoteTextSchema = z.string().trim().min(1).max(50_000);

export const CreateNoteSchema = z
  .strictObject({
    text: NoteTextSchema,
    visibility: NoteVisibilitySchema,
    meetingId: IdSchema.optional(),
    agendaItemId: IdSchema.optional(),
    decisionId: IdSchema.optional(),
  })
  .refine(
    (v) => [v.meetingId, v.agendaItemId, v.decisionId].filter((p) => p !== undefined).length <= 1,
    { message: 'a note has at most one parent', path: ['meetingId'] },
  );
export type CreateNoteInput = z.infer<typeof CreateNoteSchema>;

export const UpdateNoteSchema = z
  .strictObject({
    text: NoteTextSchema.optional(),
    visibility: NoteVisibilitySchema.optional().describe('Only widening (caucus to joint).'),
  })
  .refine((v) => v.text !== undefined || v.visibility !== undefined, {
    message: 'give text or visibility',
  });
export type UpdateNoteInput = z.infer<typeof UpdateNoteSchema>;

export const NoteListQuerySchema = ListQuerySchema.extend({
  meetingId: IdSchema.optional(),
  agendaItemId: IdSchema.optional(),
  decisionId: IdSchema.optional(),
});
export type NoteListQuery = z.infer<typeof NoteListQuerySchema>;
