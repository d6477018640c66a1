import { IdParamsSchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  CouncilPeriodSchema,
  CouncilPeriodsQuerySchema,
  CouncilSchema,
  CouncilStatusAnswerSchema,
  CouncilStatusQuerySchema,
  CreateCouncilPeriodSchema,
  UpdateCouncilPeriodSchema,
  UpdateCouncilSchema,
} from '../../../shared/council.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import {
  findCouncilRow,
  findPeriodRow,
  getCouncil,
  listPeriodPage,
  toPeriod,
} from './council.repository.ts';
import { councilStatusAt } from './council-status-at.ts';
import { createCouncilPeriod } from './create-council-period.ts';
import { updateCouncil } from './update-council.ts';
import { updateCouncilPeriod } from './update-council-period.ts';

// GET /council/cadence belongs to the meetings feature.
export const councilRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/council',
    {
      schema: {
        operationId: 'getCouncil',
        tags: ['council'],
        summary: 'The council, its founding instrument, languages and periods',
        response: { 200: CouncilSchema },
      },
    },
    async (request) => getCouncil(deps, request.actor),
  );

  app.patch(
    '/council',
    {
      schema: {
        operationId: 'updateCouncil',
        tags: ['council'],
        summary: "Change the council's description (secretary)",
        body: UpdateCouncilSchema,
        response: { 200: CouncilSchema },
      },
    },
    async (request) => updateCouncil(deps, request.actor, request.body),
  );

  app.get(
    '/council/status',
    {
      schema: {
        operationId: 'getCouncilStatus',
        tags: ['council'],
        summary: 'Whether the council was active, suspended or restricted on a date',
        description:
          'A date inside a month-precision bound belongs to the period that starts latest: a date in 1999-07 belongs to a period starting 1999-07.',
        querystring: CouncilStatusQuerySchema,
        response: { 200: CouncilStatusAnswerSchema },
      },
    },
    async (request) => councilStatusAt(deps, request.actor, request.query.at),
  );

  app.get(
    '/council/periods',
    {
      schema: {
        operationId: 'listCouncilPeriods',
        tags: ['council'],
        summary: "The periods of the council's life, oldest first; filter by status",
        querystring: CouncilPeriodsQuerySchema,
        response: { 200: pageOf(CouncilPeriodSchema) },
      },
    },
    async (request) => {
      const council = await findCouncilRow(deps.db, request.actor);
      return listPeriodPage(deps, request.actor, council.id, request.query);
    },
  );

  app.get(
    '/council/periods/:id',
    {
      schema: {
        operationId: 'getCouncilPeriod',
        tags: ['council'],
        summary: "One period of the council's life",
        params: IdParamsSchema,
        response: { 200: CouncilPeriodSchema },
      },
    },
    async (request) => toPeriod(await findPeriodRow(deps.db, request.actor, request.params.id)),
  );

  app.patch(
    '/council/periods/:id',
    {
      schema: {
        operationId: 'updateCouncilPeriod',
        tags: ['council'],
        summary: 'Change a period: status, scope, dates, description; widen visibility (secretary)',
        params: IdParamsSchema,
        body: UpdateCouncilPeriodSchema,
        response: { 200: CouncilPeriodSchema },
      },
    },
    async (request) => updateCouncilPeriod(deps, request.actor, request.params.id, request.body),
  );

  app.post(
    '/council/periods',
    {
      schema: {
        operationId: 'createCouncilPeriod',
        tags: ['council'],
        summary: "Record a period of the council's life (secretary)",
        body: CreateCouncilPeriodSchema,
        response: { 201: CouncilPeriodSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCouncilPeriod(deps, request.actor, request.body)),
  );
};
