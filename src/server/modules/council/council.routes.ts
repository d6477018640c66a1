import { z } from 'zod';
import {
  CouncilPeriodSchema,
  CouncilSchema,
  CouncilStatusAnswerSchema,
  CouncilStatusQuerySchema,
  CreateCouncilPeriodSchema,
  UpdateCouncilSchema,
} from '../../../shared/council.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { createCouncilPeriod, updateCouncil } from './change-council.ts';
import { findCouncilRow, getCouncil, listPeriods } from './council.repository.ts';
import { councilStatusAt } from './council-status.service.ts';

// GET /council/cadence belongs to the meetings feature.
export const councilRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/council',
    {
      schema: {
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
        tags: ['council'],
        summary: "The periods of the council's life, oldest first",
        response: { 200: z.object({ items: z.array(CouncilPeriodSchema) }) },
      },
    },
    async (request) => {
      const council = await findCouncilRow(deps, request.actor);
      return { items: await listPeriods(deps, request.actor, council.id) };
    },
  );

  app.post(
    '/council/periods',
    {
      schema: {
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
