import { z } from 'zod';
import { ListQuerySchema } from './common.schemas.ts';

/**
 * The source an item cites, in a form a reader can follow: `url` answers with the title,
 * publisher, date and the source's own disclaimer (GET /api/sources/:id).
 */
export const SourceRefSchema = z
  .object({
    id: z.string(),
    url: z.string().describe('Where the API describes the source: /api/sources/<id>.'),
  })
  .describe('The source this fact comes from.');
export type SourceRef = z.infer<typeof SourceRefSchema>;
z.globalRegistry.add(SourceRefSchema, { id: 'SourceRef' });

/** The two fields every item that cites a source carries, in every response. */
export const CitedSchema = z.object({
  sourceId: z.string().nullable().describe('null for what users entered themselves.'),
  source: SourceRefSchema.nullable(),
});
export type Cited = z.infer<typeof CitedSchema>;

export const SourceSchema = z.object({
  id: z.string(),
  title: z.string(),
  publisher: z.string().nullable(),
  publisherAddress: z.string().nullable().describe("The publisher's postal address, verbatim."),
  publisherFax: z.string().nullable(),
  publisherEmail: z.string().nullable(),
  publisherWebsite: z.string().nullable(),
  publishedOn: z.string().nullable().describe('At the precision known: 2001, 1997-07, 1997-05-27.'),
  reference: z
    .string()
    .nullable()
    .describe("The publisher's own reference for the document, or where the text is kept."),
  disclaimer: z.string().nullable().describe('The disclaimer the source itself carries, verbatim.'),
  url: z.string(),
});
export type Source = z.infer<typeof SourceSchema>;

export const SourcesQuerySchema = ListQuerySchema;
export type SourcesQuery = z.infer<typeof SourcesQuerySchema>;
