import { IdParamsSchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  CreateOperationSchema,
  CreateStrengthSchema,
  OperationDetailSchema,
  OperationQuerySchema,
  OperationSchema,
  OperationsQuerySchema,
  StrengthParamsSchema,
  StrengthRecordSchema,
  UpdateOperationSchema,
  UpdateStrengthSchema,
} from '../../../shared/operations.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { addStrength } from './add-strength.ts';
import { correctStrength } from './correct-strength.ts';
import { createOperation } from './create-operation.ts';
import { getOperation, listOperations } from './operations.repository.ts';
import { updateOperation } from './update-operation.ts';

export const operationsRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/operations',
    {
      schema: {
        operationId: 'listOperations',
        tags: ['operations'],
        summary: 'Peacekeeping operations with their strength and contributors on a date',
        querystring: OperationsQuerySchema,
        response: { 200: pageOf(OperationSchema) },
      },
    },
    async (request) => listOperations(deps, request.actor, request.query),
  );

  app.get(
    '/operations/:id',
    {
      schema: {
        operationId: 'getOperation',
        tags: ['operations'],
        summary: "One operation: total strength and each contributor's troops and share",
        params: IdParamsSchema,
        querystring: OperationQuerySchema,
        response: { 200: OperationDetailSchema },
      },
    },
    async (request) => getOperation(deps, request.actor, request.params.id, request.query.at),
  );

  app.post(
    '/operations',
    {
      schema: {
        operationId: 'createOperation',
        tags: ['operations'],
        summary: 'Record an operation (secretary)',
        body: CreateOperationSchema,
        response: { 201: OperationSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOperation(deps, request.actor, request.body)),
  );

  app.post(
    '/operations/:id/strengths',
    {
      schema: {
        operationId: 'recordStrength',
        tags: ['operations'],
        summary: "Record a force's or a contributor's strength on a date (secretary)",
        params: IdParamsSchema,
        body: CreateStrengthSchema,
        response: { 201: StrengthRecordSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addStrength(deps, request.actor, request.params.id, request.body)),
  );

  app.patch(
    '/operations/:id',
    {
      schema: {
        operationId: 'updateOperation',
        tags: ['operations'],
        summary: 'Change an operation: name, full name, location, mandate; widen visibility',
        params: IdParamsSchema,
        body: UpdateOperationSchema,
        response: { 200: OperationDetailSchema },
      },
    },
    async (request) => updateOperation(deps, request.actor, request.params.id, request.body),
  );

  app.patch(
    '/operations/:id/strengths/:strengthId',
    {
      schema: {
        operationId: 'correctStrength',
        tags: ['operations'],
        summary: 'Correct a reported figure: troops, date or qualifier (secretary)',
        params: StrengthParamsSchema,
        body: UpdateStrengthSchema,
        response: { 200: StrengthRecordSchema },
      },
    },
    async (request) =>
      correctStrength(
        deps,
        request.actor,
        request.params.id,
        request.params.strengthId,
        request.body,
      ),
  );
};
