import { IdParamsSchema, ListQuerySchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  CreateDelegationSchema,
  DelegationSchema,
  DelegationsQuerySchema,
  JointMarkingCeilingSchema,
  PartySchema,
  UpdateDelegationSchema,
} from '../../../shared/parties.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { createDelegation } from './create-delegation.ts';
import {
  findDelegationRow,
  getParty,
  listDelegations,
  listParties,
  toDelegation,
} from './parties.repository.ts';
import { setJointMarkingCeiling } from './set-joint-marking-ceiling.ts';
import { updateDelegation } from './update-delegation.ts';

export const partiesRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/parties',
    {
      schema: {
        operationId: 'listParties',
        tags: ['parties'],
        summary: 'The parties in alternat order, with their delegations',
        querystring: ListQuerySchema,
        response: { 200: pageOf(PartySchema) },
      },
    },
    async (request) => listParties(deps, request.actor, request.query),
  );

  app.get(
    '/parties/:id',
    {
      schema: {
        operationId: 'getParty',
        tags: ['parties'],
        summary: 'One party with its delegations',
        params: IdParamsSchema,
        response: { 200: PartySchema },
      },
    },
    async (request) => getParty(deps, request.actor, request.params.id),
  );

  app.put(
    '/parties/:id/joint-marking-ceiling',
    {
      schema: {
        operationId: 'setJointMarkingCeiling',
        tags: ['parties'],
        summary:
          "Declare the highest marking the caller's party accepts on texts both parties share (admin)",
        params: IdParamsSchema,
        body: JointMarkingCeilingSchema,
        response: { 200: PartySchema },
      },
    },
    async (request) => setJointMarkingCeiling(deps, request.actor, request.params.id, request.body),
  );

  app.get(
    '/parties/:id/delegations',
    {
      schema: {
        operationId: 'listDelegations',
        tags: ['parties'],
        summary: "A party's delegations, optionally those that were members on a date",
        params: IdParamsSchema,
        querystring: DelegationsQuerySchema,
        response: { 200: pageOf(DelegationSchema) },
      },
    },
    async (request) => listDelegations(deps, request.actor, request.params.id, request.query),
  );

  app.post(
    '/parties/:id/delegations',
    {
      schema: {
        operationId: 'createDelegation',
        tags: ['parties'],
        summary: "Add a delegation to the caller's own party (secretary)",
        params: IdParamsSchema,
        body: CreateDelegationSchema,
        response: { 201: DelegationSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createDelegation(deps, request.actor, request.params.id, request.body)),
  );

  app.get(
    '/delegations/:id',
    {
      schema: {
        operationId: 'getDelegation',
        tags: ['parties'],
        summary: 'One delegation',
        params: IdParamsSchema,
        response: { 200: DelegationSchema },
      },
    },
    async (request) =>
      toDelegation(await findDelegationRow(deps.db, request.actor, request.params.id)),
  );

  app.patch(
    '/delegations/:id',
    {
      schema: {
        operationId: 'updateDelegation',
        tags: ['parties'],
        summary: "Change one of the caller's own party's delegations (secretary)",
        params: IdParamsSchema,
        body: UpdateDelegationSchema,
        response: { 200: DelegationSchema },
      },
    },
    async (request) => updateDelegation(deps, request.actor, request.params.id, request.body),
  );
};
