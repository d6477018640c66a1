import { z } from 'zod';
import { PublishSchema } from '../../../shared/agreements.schemas.ts';
import { IdParamsSchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  CouncilPeriodSchema,
  CouncilPeriodsQuerySchema,
  CouncilSchema,
  CouncilStatusAnswerSchema,
  CouncilStatusQuerySchema,
  CreateCouncilPeriodSchema,
  ProposeCouncilDescriptionSchema,
  UpdateCouncilPeriodSchema,
} from '../../../shared/council.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { versionRead } from '../../http/versions.ts';
import {
  findCouncilRow,
  findPeriodRow,
  getCouncil,
  listPeriodPage,
  toPeriod,
} from './council.repository.ts';
import { councilStatusAt } from './council-status-at.ts';
import { createCouncilPeriod } from './create-council-period.ts';
import { proposeCouncilDescription } from './propose-council-description.ts';
import { publishCouncilDescription } from './publish-council-description.ts';
import { updateCouncilPeriod } from './update-council-period.ts';
import { withdrawCouncilDescription } from './withdraw-council-description.ts';

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

  app.put(
    '/council/description-proposal',
    {
      schema: {
        operationId: 'proposeCouncilDescription',
        tags: ['council'],
        summary:
          "Propose a new description of the council for the caller's party (secretary); the council's once every party published it",
        description:
          'Replaces the proposal waiting, whoever made it, and counts as the proposing party asking to publish it. Joint: the public sees the description only once every party published it.',
        body: ProposeCouncilDescriptionSchema,
        response: { 200: CouncilSchema },
      },
    },
    async (request) => proposeCouncilDescription(deps, request.actor, request.body),
  );

  app.post(
    '/council/description-proposal/publish',
    {
      schema: {
        operationId: 'publishCouncilDescription',
        tags: ['council'],
        summary:
          "Ask, for the caller's party, to publish the proposed description read (secretary); the council's once every party asked",
        body: PublishSchema.nullish().describe(
          "The proposal's version read (`descriptionProposal.version`), unless sent as If-Match.",
        ),
        response: { 200: CouncilSchema },
      },
    },
    async (request) =>
      publishCouncilDescription(deps, request.actor, versionRead(request, request.body?.version)),
  );

  app.delete(
    '/council/description-proposal',
    {
      schema: {
        operationId: 'withdrawCouncilDescription',
        tags: ['council'],
        summary:
          'Take the proposed description off the table (secretary): its party withdraws it, the other declines it',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await withdrawCouncilDescription(deps, request.actor);
      return reply.code(204).send(null);
    },
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
