import { IdParamsSchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  CreateDecisionSchema,
  DecisionListQuerySchema,
  DecisionSchema,
  RespondToDecisionSchema,
  UpdateDecisionSchema,
} from '../../../shared/decisions.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { getDecision } from './decision.queries.ts';
import { listDecisions } from './list-decisions.ts';
import { proposeDecision } from './propose-decision.ts';
import { respondToDecision } from './respond-to-decision.ts';
import { updateDecision } from './update-decision.ts';
import { withdrawDecision } from './withdraw-decision.ts';

const tags = ['decisions'];

export const decisionsRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/decisions',
    {
      schema: {
        operationId: 'listDecisions',
        tags,
        summary: 'Joint decisions, newest first',
        querystring: DecisionListQuerySchema,
        response: { 200: pageOf(DecisionSchema) },
      },
    },
    async (request) => listDecisions(deps, request.actor, request.query),
  );

  app.post(
    '/decisions',
    {
      schema: {
        operationId: 'proposeDecision',
        tags,
        summary: 'Propose a joint decision',
        body: CreateDecisionSchema,
        response: { 201: DecisionSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await proposeDecision(deps, request.actor, request.body)),
  );

  app.get(
    '/decisions/:id',
    {
      schema: {
        operationId: 'getDecision',
        tags,
        summary: "A decision with each party's response",
        params: IdParamsSchema,
        response: { 200: DecisionSchema },
      },
    },
    async (request) => getDecision(deps.db, request.actor, request.params.id),
  );

  app.patch(
    '/decisions/:id',
    {
      schema: {
        operationId: 'updateDecision',
        tags,
        summary: 'Change a proposed decision before any party has responded',
        params: IdParamsSchema,
        body: UpdateDecisionSchema,
        response: { 200: DecisionSchema },
      },
    },
    async (request) => updateDecision(deps, request.actor, request.params.id, request.body),
  );

  app.post(
    '/decisions/:id/withdraw',
    {
      schema: {
        operationId: 'withdrawDecision',
        tags,
        summary: 'Withdraw a proposed decision (a secretary of the proposing party)',
        params: IdParamsSchema,
        response: { 200: DecisionSchema },
      },
    },
    async (request) => withdrawDecision(deps, request.actor, request.params.id),
  );

  for (const response of ['concur', 'decline'] as const) {
    app.post(
      `/decisions/:id/${response}`,
      {
        schema: {
          operationId: `${response}Decision`,
          tags,
          summary:
            response === 'concur'
              ? "Concur for the caller's own party (chairs only)"
              : "Decline for the caller's own party (chairs only)",
          params: IdParamsSchema,
          body: RespondToDecisionSchema.nullish().describe('Optional; may be omitted.'),
          response: { 200: DecisionSchema },
        },
      },
      async (request) =>
        respondToDecision(deps, request.actor, request.params.id, response, request.body ?? {}),
    );
  }
};
