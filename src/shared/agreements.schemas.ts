import { z } from 'zod';

/**
 * What the parties agree to carries a version; agreeing, concurring and asking to publish name
 * the version the caller read, in the body or as `If-Match` with the ETag of the GET.
 */
export const VersionSchema = z
  .number()
  .int()
  .min(0)
  .max(2_147_483_647)
  .describe('The version the caller read (`version` of the GET, or its ETag).');

export const PublicationSchema = z
  .object({
    requestedBy: z
      .array(z.string())
      .describe('The parties that asked to publish the current version; public once all have.'),
  })
  .describe(
    'Where an item both parties made stands on its way to the public: it becomes public only when every party asked to publish the same version.',
  );
export type Publication = z.infer<typeof PublicationSchema>;

export const PublishSchema = z.strictObject({
  version: VersionSchema.optional().describe(
    'The version the caller read; required unless sent as If-Match.',
  ),
});
export type PublishInput = z.infer<typeof PublishSchema>;
