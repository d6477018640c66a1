import { IdParamsSchema, pageOf } from '../../../shared/common.schemas.ts';
import { SourceSchema, SourcesQuerySchema } from '../../../shared/sources.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { findSourceRow, listSources, toSource } from './sources.repository.ts';

export const sourcesRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/sources',
    {
      schema: {
        operationId: 'listSources',
        tags: ['sources'],
        summary: 'The documents the record cites, by id',
        querystring: SourcesQuerySchema,
        response: { 200: pageOf(SourceSchema) },
      },
    },
    async (request) => listSources(deps, request.query),
  );

  app.get(
    '/sources/:id',
    {
      schema: {
        operationId: 'getSource',
        tags: ['sources'],
        summary:
          'One source: title, publisher and its contact details, date, reference, disclaimer',
        params: IdParamsSchema,
        response: { 200: SourceSchema },
      },
    },
    async (request) => toSource(await findSourceRow(deps.db, request.params.id)),
  );
};
