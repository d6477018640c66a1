import { z } from 'zod';
import { TextParamsSchema, TextPdfQuerySchema } from '../../../shared/texts.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { exportTextAkn, exportTextPdf } from './export-text.ts';
import { AKN_MEDIA_TYPE } from './text-export.ts';

const tags = ['texts'];

/**
 * A text's exports: the same read as GET /texts/{id} (404 for a text the caller may not see,
 * its marking enforced), in another form. Both are deterministic for one version of a text.
 */
export const textExportsRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/texts/:id/akn',
    {
      schema: {
        operationId: 'getTextAkomaNtoso',
        tags,
        summary: 'The text as Akoma Ntoso 3.0 (OASIS LegalDocML), every language version',
        description:
          'A `documentCollection` named for the kind, with one component `doc` per language ' +
          'version (its own FRBR expression and `FRBRlanguage`; the original authoritative). ' +
          'Paragraphs carry the text’s stable paragraph ids as `wId`; a bracket is an ' +
          '`inline name="bracket"` holding one `inline name="alternative"` per wording, ' +
          '`refersTo` the party holding it.',
        params: TextParamsSchema,
        response: {
          200: {
            description: 'An Akoma Ntoso 3.0 XML document',
            content: { [AKN_MEDIA_TYPE]: { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const xml = await exportTextAkn(deps, request.actor, request.params.id);
      return reply.type(`${AKN_MEDIA_TYPE}; charset=utf-8`).send(xml);
    },
  );

  app.get(
    '/texts/:id/pdf',
    {
      schema: {
        operationId: 'getTextPdf',
        tags,
        summary: 'The text as a PDF to circulate, in one language version',
        description:
          'Council, title, number, date and the classification marking at the top and bottom ' +
          'of every page; "Original: <language>"; line numbers on a text still negotiated; ' +
          'brackets with their holders; the reconstructed notice where it applies; page ' +
          'numbers. Deterministic: its dates are the text’s own.',
        params: TextParamsSchema,
        querystring: TextPdfQuerySchema,
        response: {
          200: {
            description: 'A PDF document',
            content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
          },
        },
      },
    },
    async (request, reply) => {
      const { pdf, fileName } = await exportTextPdf(
        deps,
        request.actor,
        request.params.id,
        request.query,
      );
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${fileName}"`)
          // Fastify sends a Buffer as it is, without the response schema's serializer; the schema
          // (a binary string) is what the OpenAPI document says of it.
          .send(pdf as unknown as string)
      );
    },
  );
};
