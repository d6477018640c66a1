import { IdParamsSchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  CreatePersonSchema,
  CreatePostSchema,
  PeopleQuerySchema,
  PersonDetailSchema,
  PersonSchema,
  PostParamsSchema,
  PostSchema,
  UpdatePersonSchema,
  UpdatePostSchema,
} from '../../../shared/people.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { addPost } from './add-post.ts';
import { createPerson } from './create-person.ts';
import { getPerson, listPeople } from './people.repository.ts';
import { updatePerson } from './update-person.ts';
import { updatePost } from './update-post.ts';

export const peopleRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/people',
    {
      schema: {
        operationId: 'listPeople',
        tags: ['people'],
        summary: 'People on record by name; filter by party, delegation or a date a post was held',
        querystring: PeopleQuerySchema,
        response: { 200: pageOf(PersonSchema) },
      },
    },
    async (request) => listPeople(deps, request.actor, request.query),
  );

  app.get(
    '/people/:id',
    {
      schema: {
        operationId: 'getPerson',
        tags: ['people'],
        summary: 'One person with the posts held over time',
        params: IdParamsSchema,
        response: { 200: PersonDetailSchema },
      },
    },
    async (request) => getPerson(deps, request.actor, request.params.id),
  );

  app.post(
    '/people',
    {
      schema: {
        operationId: 'createPerson',
        tags: ['people'],
        summary: 'Add a person (secretary)',
        body: CreatePersonSchema,
        response: { 201: PersonSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPerson(deps, request.actor, request.body)),
  );

  app.patch(
    '/people/:id',
    {
      schema: {
        operationId: 'updatePerson',
        tags: ['people'],
        summary: 'Change a person (secretary)',
        params: IdParamsSchema,
        body: UpdatePersonSchema,
        response: { 200: PersonSchema },
      },
    },
    async (request) => updatePerson(deps, request.actor, request.params.id, request.body),
  );

  app.post(
    '/people/:id/posts',
    {
      schema: {
        operationId: 'addPost',
        tags: ['people'],
        summary: 'Record a post a person held (secretary)',
        params: IdParamsSchema,
        body: CreatePostSchema,
        response: { 201: PostSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addPost(deps, request.actor, request.params.id, request.body)),
  );

  app.patch(
    '/people/:id/posts/:postId',
    {
      schema: {
        operationId: 'updatePost',
        tags: ['people'],
        summary: 'Change a post: title, delegation, dates (end it when its holder leaves)',
        params: PostParamsSchema,
        body: UpdatePostSchema,
        response: { 200: PostSchema },
      },
    },
    async (request) =>
      updatePost(deps, request.actor, request.params.id, request.params.postId, request.body),
  );
};
