import { z } from 'zod';
import { ListQuerySchema } from './common.schemas.ts';
import { SEARCHABLE_TYPES } from './entities.ts';

export const SearchQuerySchema = ListQuerySchema.extend({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('Words to find; operators and quotes are plain text.'),
  type: z.enum(SEARCHABLE_TYPES).optional().describe('Only items of this type.'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const SearchResultSchema = z.object({
  entityType: z.enum(SEARCHABLE_TYPES),
  entityId: z.string(),
  title: z.string(),
  snippet: z.string().describe('The best matching passage, matches in [square brackets].'),
  url: z.string().describe('Where the API serves the item.'),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;
