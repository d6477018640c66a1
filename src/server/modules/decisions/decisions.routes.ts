import { PublishSchema } from '../../../shared/agreements.schemas.ts';
import { IdParamsSchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  CreateDecisionSchema,
  DecisionListQuerySchema,
  DecisionSchema,
  RespondToDecisionSchema,
  UpdateDecisionSchema,
} from '../../../shared/decisions.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { tagVersion, versionRead } from '../../http/versions.ts';
import { getDecision } from './decision.repository.ts';
import { listDecisions } from './list-decisions.ts';
import { proposeDecision } from './propose-decision.ts';
import { publishDecision } from './publish-decision.ts';
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
        summary: "A decision with each party's response; its ETag is the version to concur in",
        params: IdParamsSchema,
        response: { 200: DecisionSchema },
      },
    },
    async (request, reply) => {
      const decision = await getDecision(deps.db, request.actor, request.params.id);
      tagVersion(reply, decision.version);
      return decision;
    },
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

  app.post(
    '/decisions/:id/publish',
    {
      schema: {
        operationId: 'publishDecision',
        tags,
        summary:
          "Ask, for the caller's party, to publish the version read; public once every party asked",
        params: IdParamsSchema,
        body: PublishSchema.nullish().describe('The version read, unless sent as If-Match.'),
        response: { 200: DecisionSchema },
      },
    },
    async (request) =>
      publishDecision(
        deps,
        request.actor,
        request.params.id,
        versionRead(request, request.body?.version),
      ),
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
          body: RespondToDecisionSchema.nullish().describe(
            'The version read (unless sent as If-Match) and an optional comment.',
          ),
          response: { 200: DecisionSchema },
        },
      },
      async (request) =>
        respondToDecision(deps, request.actor, request.params.id, response, {
          ...request.body,
          version: versionRead(request, request.body?.version),
        }),
    );
  }
};
