import { z } from 'zod';
import { PublishSchema } from '../../../shared/agreements.schemas.ts';
import { IdParamsSchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  CadenceQuerySchema,
  CadenceReportSchema,
  CalendarQuerySchema,
  CreateMeetingSchema,
  MeetingChangeSchema,
  MeetingDetailSchema,
  MeetingListQuerySchema,
  MeetingSchema,
  ScheduleSeriesSchema,
  SeriesResultSchema,
  UpdateMeetingSchema,
} from '../../../shared/meetings.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { tagVersion, versionRead } from '../../http/versions.ts';
import { agendaRoutes } from './agenda.routes.ts';
import { reportCadence } from './cadence-report.ts';
import { calendarWindowOf } from './calendar-window.ts';
import { deleteMeeting } from './delete-meeting.ts';
import { getMeetingDetail } from './get-meeting.ts';
import { listMeetings } from './list-meetings.ts';
import { meetingsCalendar, sendCalendar } from './meetings-calendar.ts';
import { publishMeeting } from './publish-meeting.ts';
import { scheduleMeeting } from './schedule-meeting.ts';
import { scheduleSeries } from './schedule-series.ts';
import { updateMeeting } from './update-meeting.ts';

const tags = ['meetings'];

export const meetingsRoutes: Routes = async (app, options) => {
  const { deps } = options;

  app.get(
    '/meetings',
    {
      schema: {
        operationId: 'listMeetings',
        tags,
        summary: 'Meetings the caller can see, by date',
        querystring: MeetingListQuerySchema,
        response: { 200: pageOf(MeetingSchema) },
      },
    },
    async (request) => listMeetings(deps, request.actor, request.query),
  );

  // A static path: Fastify matches it before the parametric /meetings/:id.
  app.get(
    '/meetings.ics',
    {
      schema: {
        operationId: 'getMeetingsCalendar',
        tags,
        summary: 'The meetings the caller can see as an iCalendar (RFC 5545) feed',
        description:
          'The meetings of a window of days (`from`, `to`: by default from 90 days ago to a ' +
          'year ahead, at most 3 years), streamed. Timed events for meetings with a start time ' +
          '(TZID with its VTIMEZONE, or UTC), all-day events for meetings known to the day; ' +
          'meetings known only to the month or year have no event. SEQUENCE counts the ' +
          'changes of what an event shows. A calendar app that sends no credential sees the public record: give it a private feed URL (POST /api/me/calendar-feeds).',
        querystring: CalendarQuerySchema,
        response: {
          200: {
            description: 'An iCalendar (RFC 5545) document',
            content: { 'text/calendar': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const { from, to, ...filters } = request.query;
      const window = calendarWindowOf({ from, to }, deps.clock());
      return sendCalendar(reply, meetingsCalendar(deps.db, request.actor, window, filters));
    },
  );

  app.post(
    '/meetings',
    {
      schema: {
        operationId: 'scheduleMeeting',
        tags,
        summary: 'Schedule a meeting (secretary)',
        body: CreateMeetingSchema,
        response: { 201: MeetingSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await scheduleMeeting(deps, request.actor, request.body)),
  );

  app.post(
    '/meetings/series',
    {
      schema: {
        operationId: 'scheduleMeetingSeries',
        tags,
        summary: 'Schedule a cadence of meetings without duplicates (secretary)',
        body: ScheduleSeriesSchema,
        response: { 200: SeriesResultSchema, 201: SeriesResultSchema },
      },
    },
    async (request, reply) => {
      const result = await scheduleSeries(deps, request.actor, request.body);
      return reply.code(result.created.length > 0 ? 201 : 200).send(result);
    },
  );

  app.get(
    '/meetings/:id',
    {
      schema: {
        operationId: 'getMeeting',
        tags,
        summary:
          'A meeting with its agenda, co-chairs, attendance and agenda status; its ETag is the agenda version to agree',
        params: IdParamsSchema,
        response: { 200: MeetingDetailSchema },
      },
    },
    async (request, reply) => {
      const meeting = await getMeetingDetail(deps, request.actor, request.params.id);
      tagVersion(reply, meeting.agenda.version);
      return meeting;
    },
  );

  app.patch(
    '/meetings/:id',
    {
      schema: {
        operationId: 'updateMeeting',
        tags,
        summary:
          "Change a meeting; a change of its terms voids the agenda's agreements (secretary)",
        params: IdParamsSchema,
        body: UpdateMeetingSchema,
        response: { 200: MeetingChangeSchema },
      },
    },
    async (request) => updateMeeting(deps, request.actor, request.params.id, request.body),
  );

  app.post(
    '/meetings/:id/publish',
    {
      schema: {
        operationId: 'publishMeeting',
        tags,
        summary:
          "Ask, for the caller's party, to publish the version read; public once every party asked",
        params: IdParamsSchema,
        body: PublishSchema.nullish().describe('The version read, unless sent as If-Match.'),
        response: { 200: MeetingSchema },
      },
    },
    async (request) =>
      publishMeeting(
        deps,
        request.actor,
        request.params.id,
        versionRead(request, request.body?.version),
      ),
  );

  app.delete(
    '/meetings/:id',
    {
      schema: {
        operationId: 'deleteMeeting',
        tags,
        summary: 'Delete a meeting that is still planned (secretary)',
        params: IdParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteMeeting(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/council/cadence',
    {
      schema: {
        operationId: 'getCouncilCadence',
        tags: ['council', ...tags],
        summary: "A year's joint meetings per level against the Founding Act's frequencies",
        querystring: CadenceQuerySchema,
        response: { 200: CadenceReportSchema },
      },
    },
    async (request) => reportCadence(deps, request.actor, request.query.year),
  );

  await app.register(agendaRoutes, options);
};
