import { IdParamsSchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  CreateTimelineEventSchema,
  TimelineEventSchema,
  TimelineQuerySchema,
  UpdateTimelineEventSchema,
} from '../../../shared/timeline.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { createTimelineEvent } from './create-timeline-event.ts';
import { findTimelineEventRow, listTimeline, toTimelineEvent } from './timeline.repository.ts';
import { updateTimelineEvent } from './update-timeline-event.ts';

export const timelineRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/timeline',
    {
      schema: {
        operationId: 'listTimelineEvents',
        tags: ['timeline'],
        summary: "The council's record in date order; filter by dates and kind",
        querystring: TimelineQuerySchema,
        response: { 200: pageOf(TimelineEventSchema) },
      },
    },
    async (request) => listTimeline(deps, request.actor, request.query),
  );

  app.get(
    '/timeline/:id',
    {
      schema: {
        operationId: 'getTimelineEvent',
        tags: ['timeline'],
        summary: 'One event',
        params: IdParamsSchema,
        response: { 200: TimelineEventSchema },
      },
    },
    async (request) =>
      toTimelineEvent(await findTimelineEventRow(deps.db, request.actor, request.params.id)),
  );

  app.post(
    '/timeline',
    {
      schema: {
        operationId: 'createTimelineEvent',
        tags: ['timeline'],
        summary: 'Add an event to the record (secretary)',
        body: CreateTimelineEventSchema,
        response: { 201: TimelineEventSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createTimelineEvent(deps, request.actor, request.body)),
  );

  app.patch(
    '/timeline/:id',
    {
      schema: {
        operationId: 'updateTimelineEvent',
        tags: ['timeline'],
        summary: 'Correct an event or widen who may see it (secretary)',
        params: IdParamsSchema,
        body: UpdateTimelineEventSchema,
        response: { 200: TimelineEventSchema },
      },
    },
    async (request) => updateTimelineEvent(deps, request.actor, request.params.id, request.body),
  );
};
