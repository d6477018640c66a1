import { PublishSchema } from '../../../shared/agreements.schemas.ts';
import { IdParamsSchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  CreateOfficeSchema,
  OfficeSchema,
  OfficesQuerySchema,
  UpdateOfficeSchema,
} from '../../../shared/offices.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { tagVersion, versionRead } from '../../http/versions.ts';
import { createOffice } from './create-office.ts';
import { getOffice, listOffices } from './offices.repository.ts';
import { publishOffice } from './publish-office.ts';
import { updateOffice } from './update-office.ts';

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
        summary: 'One office; its ETag is the version a publication request names',
        params: IdParamsSchema,
        response: { 200: OfficeSchema },
      },
    },
    async (request, reply) => {
      const office = await getOffice(deps.db, request.actor, request.params.id);
      tagVersion(reply, office.version);
      return office;
    },
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

  app.post(
    '/offices/:id/publish',
    {
      schema: {
        operationId: 'publishOffice',
        tags: ['offices'],
        summary:
          "Ask, for the caller's party, to publish the version read; public once every party asked",
        params: IdParamsSchema,
        body: PublishSchema.nullish().describe('The version read, unless sent as If-Match.'),
        response: { 200: OfficeSchema },
      },
    },
    async (request) =>
      publishOffice(
        deps,
        request.actor,
        request.params.id,
        versionRead(request, request.body?.version),
      ),
  );
};
