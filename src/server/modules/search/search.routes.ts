import { pageOf } from '../../../shared/common.schemas.ts';
import { SearchQuerySchema, SearchResultSchema } from '../../../shared/search.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { searchEverything } from './search-everything.ts';

export const searchRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/search',
    {
      schema: {
        operationId: 'searchRecords',
        tags: ['search'],
        summary: 'Full-text search over everything the caller may see, best match first',
        querystring: SearchQuerySchema,
        response: { 200: pageOf(SearchResultSchema) },
      },
    },
    async (request) => searchEverything(deps, request.actor, request.query),
  );
};
