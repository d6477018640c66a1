import { z } from 'zod';
import { IdSchema, ListQuerySchema, VisibilitySchema } from './common.schemas.ts';
import { CitedSchema } from './sources.schemas.ts';

export const TopicSchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  description: z.string().nullable(),
  ...CitedSchema.shape,
  visibility: VisibilitySchema,
  party: z.string().nullable(),
  childCount: z.number().int().describe('Sub-topics the caller may see.'),
  updatedAt: z.string(),
});
export type Topic = z.infer<typeof TopicSchema>;

export interface TopicNode extends Omit<Topic, 'childCount'> {
  children: TopicNode[];
}

export const TopicNodeSchema: z.ZodType<TopicNode> = TopicSchema.omit({ childCount: true }).extend({
  get children() {
    return z.array(TopicNodeSchema);
  },
});
// Recursive, so it must be a named component: inlined, its self-reference had nowhere to point
// (`#/components/schemas/schema0`) and validators rejected the whole document.
z.globalRegistry.add(TopicNodeSchema, { id: 'TopicNode' });

export const TopicsQuerySchema = ListQuerySchema.extend({
  parentId: IdSchema.optional().describe('Only the sub-topics of this topic.'),
  topLevel: z.stringbool().optional().describe('Only topics without a parent.'),
});
export type TopicsQuery = z.infer<typeof TopicsQuerySchema>;

export const CreateTopicSchema = z.strictObject({
  name: z.string().min(1).max(200),
  parentId: IdSchema.optional(),
  description: z.string().max(10_000).optional(),
  visibility: VisibilitySchema.optional().describe("No wider than the parent's."),
});
export type CreateTopicInput = z.infer<typeof CreateTopicSchema>;

export const UpdateTopicSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  parentId: IdSchema.nullable().optional(),
  description: z.string().max(10_000).nullable().optional(),
  visibility: VisibilitySchema.optional().describe('May only widen.'),
});
export type UpdateTopicInput = z.infer<typeof UpdateTopicSchema>;
