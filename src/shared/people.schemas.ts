import { z } from 'zod';
import {
  FullDateSchema,
  IdParamsSchema,
  IdSchema,
  ListQuerySchema,
  PartialDateSchema,
  PartyIdSchema,
  VisibilitySchema,
} from './common.schemas.ts';
import { CitedSchema } from './sources.schemas.ts';

export const PersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  honorific: z.string().nullable().describe('Rank or title before the name: Marshal, Lord.'),
  delegationId: z.string().nullable(),
  party: z.string().nullable(),
  ...CitedSchema.shape,
  visibility: VisibilitySchema,
  updatedAt: z.string(),
});
export type Person = z.infer<typeof PersonSchema>;

export const PostSchema = z.object({
  id: z.string(),
  personId: z.string(),
  title: z.string(),
  delegationId: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  ...CitedSchema.shape,
  visibility: VisibilitySchema,
});
export type Post = z.infer<typeof PostSchema>;

export const PersonDetailSchema = PersonSchema.extend({
  posts: z.array(PostSchema).describe('Posts held over time, oldest first.'),
});
export type PersonDetail = z.infer<typeof PersonDetailSchema>;

export const PeopleQuerySchema = ListQuerySchema.extend({
  party: PartyIdSchema.optional(),
  delegationId: IdSchema.optional(),
  at: FullDateSchema.optional().describe('Only people holding a post on this date.'),
});
export type PeopleQuery = z.infer<typeof PeopleQuerySchema>;

export const CreatePersonSchema = z.strictObject({
  name: z.string().min(1).max(200),
  honorific: z.string().min(1).max(60).optional(),
  delegationId: IdSchema.optional(),
  visibility: VisibilitySchema.optional(),
});
export type CreatePersonInput = z.infer<typeof CreatePersonSchema>;

export const UpdatePersonSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  honorific: z.string().min(1).max(60).nullable().optional(),
  delegationId: IdSchema.nullable().optional(),
  visibility: VisibilitySchema.optional().describe('May only widen.'),
});
export type UpdatePersonInput = z.infer<typeof UpdatePersonSchema>;

export const CreatePostSchema = z.strictObject({
  title: z.string().min(1).max(200),
  delegationId: IdSchema.optional(),
  startsOn: PartialDateSchema.optional(),
  endsOn: PartialDateSchema.optional(),
  visibility: VisibilitySchema.optional().describe("No wider than the person's."),
});
export type CreatePostInput = z.infer<typeof CreatePostSchema>;

export const PostParamsSchema = IdParamsSchema.extend({ postId: IdSchema });

export const UpdatePostSchema = z.strictObject({
  title: z.string().min(1).max(200).optional(),
  delegationId: IdSchema.nullable().optional(),
  startsOn: PartialDateSchema.nullable().optional(),
  endsOn: PartialDateSchema.nullable().optional().describe('Set when the post was left.'),
  visibility: VisibilitySchema.optional().describe("May only widen; no wider than the person's."),
});
export type UpdatePostInput = z.infer<typeof UpdatePostSchema>;
