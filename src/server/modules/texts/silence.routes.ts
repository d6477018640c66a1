import {
  BreakSilenceSchema,
  StartSilenceSchema,
  TextParamsSchema,
  TextSchema,
} from '../../../shared/texts.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { versionRead } from '../../http/versions.ts';
import { breakSilence } from './break-silence.ts';
import { startSilence } from './start-silence.ts';

const tags = ['texts'];

/** The silence procedure: a chair starts it, a participant breaks it, the deadline adopts. */
export const silenceRoutes: Routes = async (app, { deps }) => {
  app.post(
    '/texts/:id/silence',
    {
      schema: {
        operationId: 'startTextSilence',
        tags,
        summary:
          'Put the version read of a clean text under silence until a deadline (chairs); adopted at the deadline unless broken',
        params: TextParamsSchema,
        body: StartSilenceSchema,
        response: { 200: TextSchema },
      },
    },
    async (request) =>
      startSilence(deps, request.actor, request.params.id, {
        ...request.body,
        version: versionRead(request, request.body.version),
      }),
  );

  app.post(
    '/texts/:id/silence/break',
    {
      schema: {
        operationId: 'breakTextSilence',
        tags,
        summary:
          'Break silence before the deadline with a written objection (a participating party or delegation): the text returns to negotiation',
        params: TextParamsSchema,
        body: BreakSilenceSchema,
        response: { 200: TextSchema },
      },
    },
    async (request) => breakSilence(deps, request.actor, request.params.id, request.body),
  );
};
