import { z } from 'zod';
import { IdParamsSchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  CreateTopicSchema,
  TopicNodeSchema,
  TopicSchema,
  TopicsQuerySchema,
  UpdateTopicSchema,
} from '../../../shared/topics.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { createTopic } from './create-topic.ts';
import { getTopic, listTopics, topicTree } from './topics.repository.ts';
import { updateTopic } from './update-topic.ts';

export const topicsRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/topics',
    {
      schema: {
        operationId: 'listTopics',
        tags: ['topics'],
        summary: 'Topics by name, with sub-topic counts; filter by parent or top level',
        querystring: TopicsQuerySchema,
        response: { 200: pageOf(TopicSchema) },
      },
    },
    async (request) => listTopics(deps, request.actor, request.query),
  );

  app.get(
    '/topics/tree',
    {
      schema: {
        operationId: 'getTopicTree',
        tags: ['topics'],
        summary: 'The whole taxonomy the caller may see, as a tree',
        response: { 200: z.object({ items: z.array(TopicNodeSchema) }) },
      },
    },
    async (request) => ({ items: await topicTree(deps, request.actor) }),
  );

  app.get(
    '/topics/:id',
    {
      schema: {
        operationId: 'getTopic',
        tags: ['topics'],
        summary: 'One topic',
        params: IdParamsSchema,
        response: { 200: TopicSchema },
      },
    },
    async (request) => getTopic(deps, request.actor, request.params.id),
  );

  app.post(
    '/topics',
    {
      schema: {
        operationId: 'createTopic',
        tags: ['topics'],
        summary: 'Add a topic (secretary)',
        body: CreateTopicSchema,
        response: { 201: TopicSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createTopic(deps, request.actor, request.body)),
  );

  app.patch(
    '/topics/:id',
    {
      schema: {
        operationId: 'updateTopic',
        tags: ['topics'],
        summary: 'Rename, re-parent or widen a topic (secretary)',
        params: IdParamsSchema,
        body: UpdateTopicSchema,
        response: { 200: TopicSchema },
      },
    },
    async (request) => updateTopic(deps, request.actor, request.params.id, request.body),
  );
};
