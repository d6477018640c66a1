import { z } from 'zod';
import { IdParamsSchema } from '../../../shared/common.schemas.ts';
import {
  AgendaItemChangeSchema,
  AgendaItemParamsSchema,
  AgendaItemSchema,
  AgendaRemovalSchema,
  AgreeAgendaSchema,
  CreateAgendaItemSchema,
  MeetingChangeSchema,
  MeetingSchema,
  ReorderAgendaSchema,
  ReorderResultSchema,
  SetAttendanceSchema,
  SetCoChairsSchema,
  UpdateAgendaItemSchema,
} from '../../../shared/meetings.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { versionRead } from '../../http/versions.ts';
import { addAgendaItem } from './add-agenda-item.ts';
import { getAgendaItem } from './agenda-item.repository.ts';
import { agreeAgenda } from './agree-agenda.ts';
import { listAgendaItems } from './get-meeting.ts';
import { removeAgendaItem } from './remove-agenda-item.ts';
import { reorderAgenda } from './reorder-agenda.ts';
import { setAttendance } from './set-attendance.ts';
import { setCoChairs } from './set-co-chairs.ts';
import { updateAgendaItem } from './update-agenda-item.ts';

const tags = ['meetings'];
const ItemsSchema = z.object({ items: z.array(AgendaItemSchema) });

/** The agenda, co-chairs and attendance of one meeting. */
export const agendaRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/meetings/:id/agenda-items',
    {
      schema: {
        operationId: 'listAgendaItems',
        tags,
        summary: "A meeting's agenda items, in order",
        params: IdParamsSchema,
        response: { 200: ItemsSchema },
      },
    },
    async (request) => ({
      items: await listAgendaItems(deps, request.actor, request.params.id),
    }),
  );

  app.get(
    '/meetings/:id/agenda-items/:itemId',
    {
      schema: {
        operationId: 'getAgendaItem',
        tags,
        summary: 'One agenda item (the address search hits point to)',
        params: AgendaItemParamsSchema,
        response: { 200: AgendaItemSchema },
      },
    },
    async (request) =>
      getAgendaItem(deps.db, request.actor, request.params.id, request.params.itemId),
  );

  app.post(
    '/meetings/:id/agenda-items',
    {
      schema: {
        operationId: 'addAgendaItem',
        tags,
        summary: 'Add an agenda item; earlier agreements of the agenda are void (secretary)',
        params: IdParamsSchema,
        body: CreateAgendaItemSchema,
        response: { 201: AgendaItemChangeSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addAgendaItem(deps, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/meetings/:id/agenda-items/order',
    {
      schema: {
        operationId: 'reorderAgenda',
        tags,
        summary: 'Reorder the agenda; earlier agreements of the agenda are void (secretary)',
        params: IdParamsSchema,
        body: ReorderAgendaSchema,
        response: { 200: ReorderResultSchema },
      },
    },
    async (request) => reorderAgenda(deps, request.actor, request.params.id, request.body),
  );

  app.patch(
    '/meetings/:id/agenda-items/:itemId',
    {
      schema: {
        operationId: 'updateAgendaItem',
        tags,
        summary: 'Change an agenda item or record its outcome (secretary)',
        params: AgendaItemParamsSchema,
        body: UpdateAgendaItemSchema,
        response: { 200: AgendaItemChangeSchema },
      },
    },
    async (request) => {
      const { id, itemId } = request.params;
      return updateAgendaItem(deps, request.actor, id, itemId, request.body);
    },
  );

  app.delete(
    '/meetings/:id/agenda-items/:itemId',
    {
      schema: {
        operationId: 'removeAgendaItem',
        tags,
        summary:
          "Remove an agenda item; answers the agenda's state and the agreements it voided (secretary)",
        params: AgendaItemParamsSchema,
        response: { 200: AgendaRemovalSchema },
      },
    },
    async (request) =>
      removeAgendaItem(deps, request.actor, request.params.id, request.params.itemId),
  );

  app.post(
    '/meetings/:id/agenda/agree',
    {
      schema: {
        operationId: 'agreeAgenda',
        tags,
        summary: "Agree the version of the agenda read, for the caller's own party (secretary)",
        params: IdParamsSchema,
        body: AgreeAgendaSchema.nullish().describe('The version read, unless sent as If-Match.'),
        response: { 200: MeetingSchema },
      },
    },
    async (request) =>
      agreeAgenda(deps, request.actor, request.params.id, {
        agendaVersion: versionRead(request, request.body?.agendaVersion),
      }),
  );

  app.put(
    '/meetings/:id/co-chairs',
    {
      schema: {
        operationId: 'setCoChairs',
        tags,
        summary:
          "Set the three co-chairs of a joint meeting; a new set voids the agenda's agreements (secretary)",
        params: IdParamsSchema,
        body: SetCoChairsSchema,
        response: { 200: MeetingChangeSchema },
      },
    },
    async (request) => setCoChairs(deps, request.actor, request.params.id, request.body),
  );

  app.put(
    '/meetings/:id/attendance',
    {
      schema: {
        operationId: 'setAttendance',
        tags,
        summary: 'Set who attended, per delegation (secretary)',
        params: IdParamsSchema,
        body: SetAttendanceSchema,
        response: { 200: MeetingSchema },
      },
    },
    async (request) => setAttendance(deps, request.actor, request.params.id, request.body),
  );
};
