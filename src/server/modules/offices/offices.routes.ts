import { IdParamsSchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  CreateOfficeSchema,
  OfficeSchema,
  OfficesQuerySchema,
  UpdateOfficeSchema,
} from '../../../shared/offices.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { createOffice, updateOffice } from './change-offices.ts';
import { findOfficeRow, listOffices, toOffice } from './offices.repository.ts';

export const officesRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/offices',
    {
      schema: {
        operationId: 'listOffices',
        tags: ['offices'],
        summary: 'Offices and missions by name; filter by status or kind',
        querystring: OfficesQuerySchema,
        response: { 200: pageOf(OfficeSchema) },
      },
    },
    async (request) => listOffices(deps, request.actor, request.query),
  );

  app.get(
    '/offices/:id',
    {
      schema: {
        operationId: 'getOffice',
        tags: ['offices'],
        summary: 'One office',
        params: IdParamsSchema,
        response: { 200: OfficeSchema },
      },
    },
    async (request) => toOffice(await findOfficeRow(deps.db, request.actor, request.params.id)),
  );

  app.post(
    '/offices',
    {
      schema: {
        operationId: 'createOffice',
        tags: ['offices'],
        summary: 'Record an office (secretary)',
        body: CreateOfficeSchema,
        response: { 201: OfficeSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOffice(deps, request.actor, request.body)),
  );

  app.patch(
    '/offices/:id',
    {
      schema: {
        operationId: 'updateOffice',
        tags: ['offices'],
        summary: 'Change an office or move it one step forward (secretary)',
        params: IdParamsSchema,
        body: UpdateOfficeSchema,
        response: { 200: OfficeSchema },
      },
    },
    async (request) => updateOffice(deps, request.actor, request.params.id, request.body),
  );
};
