import { PublishSchema } from '../../../shared/agreements.schemas.ts';
import { ListQuerySchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  ActivityListQuerySchema,
  ActivityParamsSchema,
  ActivitySchema,
  AreaParamsSchema,
  AreaSchema,
  CreateActivitySchema,
  CreateAreaSchema,
  CreateProgressSchema,
  CreateWorkProgrammeSchema,
  ProgressReportSchema,
  ProgressSchema,
  ReportQuerySchema,
  UpdateActivitySchema,
  UpdateAreaSchema,
  UpdateWorkProgrammeSchema,
  WorkProgrammeSchema,
  WorkProgrammeSummarySchema,
  YearParamsSchema,
} from '../../../shared/work-programmes.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { tagVersion, versionRead } from '../../http/versions.ts';
import { addArea } from './add-area.ts';
import { addProgress } from './add-progress.ts';
import { createActivity } from './create-activity.ts';
import { createWorkProgramme } from './create-work-programme.ts';
import { getActivity } from './get-activity.ts';
import { getWorkProgramme } from './get-work-programme.ts';
import { listActivities } from './list-activities.ts';
import { listWorkProgrammes } from './list-work-programmes.ts';
import { publishWorkProgramme } from './publish-work-programme.ts';
import { reportWorkProgramme } from './report-work-programme.ts';
import { updateActivity } from './update-activity.ts';
import { updateArea } from './update-area.ts';
import { updateWorkProgramme } from './update-work-programme.ts';

const tags = ['work-programmes'];

export const workProgrammesRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/work-programmes',
    {
      schema: {
        operationId: 'listWorkProgrammes',
        tags,
        summary: 'Work programmes, one per year, with their derived status',
        querystring: ListQuerySchema,
        response: { 200: pageOf(WorkProgrammeSummarySchema) },
      },
    },
    async (request) => listWorkProgrammes(deps, request.actor, request.query),
  );

  app.post(
    '/work-programmes',
    {
      schema: {
        operationId: 'createWorkProgramme',
        tags,
        summary: 'Create the work programme of a year',
        body: CreateWorkProgrammeSchema,
        response: { 201: WorkProgrammeSummarySchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createWorkProgramme(deps, request.actor, request.body)),
  );

  app.get(
    '/work-programmes/:year',
    {
      schema: {
        operationId: 'getWorkProgramme',
        tags,
        summary:
          'A work programme with its areas, activities and progress notes; its ETag is the version of its joint text',
        params: YearParamsSchema,
        response: { 200: WorkProgrammeSchema },
      },
    },
    async (request, reply) => {
      const programme = await getWorkProgramme(deps, request.actor, request.params.year);
      tagVersion(reply, programme.version);
      return programme;
    },
  );

  app.post(
    '/work-programmes/:year/publish',
    {
      schema: {
        operationId: 'publishWorkProgramme',
        tags,
        summary:
          "Ask, for the caller's party, to publish the version read; public once every party asked",
        params: YearParamsSchema,
        body: PublishSchema.nullish().describe('The version read, unless sent as If-Match.'),
        response: { 200: WorkProgrammeSummarySchema },
      },
    },
    async (request) =>
      publishWorkProgramme(
        deps,
        request.actor,
        request.params.year,
        versionRead(request, request.body?.version),
      ),
  );

  app.patch(
    '/work-programmes/:year',
    {
      schema: {
        operationId: 'updateWorkProgramme',
        tags,
        summary: 'Change title or description (not once approved or answered)',
        params: YearParamsSchema,
        body: UpdateWorkProgrammeSchema,
        response: { 200: WorkProgrammeSummarySchema },
      },
    },
    async (request) => updateWorkProgramme(deps, request.actor, request.params.year, request.body),
  );

  app.post(
    '/work-programmes/:year/areas',
    {
      schema: {
        operationId: 'addArea',
        tags,
        summary: 'Add an area to a work programme',
        params: YearParamsSchema,
        body: CreateAreaSchema,
        response: { 201: AreaSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addArea(deps, request.actor, request.params.year, request.body)),
  );

  app.patch(
    '/work-programmes/:year/areas/:areaId',
    {
      schema: {
        operationId: 'updateArea',
        tags,
        summary: 'Rename or move an area, or widen its visibility',
        params: AreaParamsSchema,
        body: UpdateAreaSchema,
        response: { 200: AreaSchema },
      },
    },
    async (request) =>
      updateArea(deps, request.actor, request.params.year, request.params.areaId, request.body),
  );

  app.get(
    '/work-programmes/:year/activities',
    {
      schema: {
        operationId: 'listActivities',
        tags,
        summary: 'The activities of a work programme',
        params: YearParamsSchema,
        querystring: ActivityListQuerySchema,
        response: { 200: pageOf(ActivitySchema) },
      },
    },
    async (request) => listActivities(deps, request.actor, request.params.year, request.query),
  );

  app.post(
    '/work-programmes/:year/activities',
    {
      schema: {
        operationId: 'createActivity',
        tags,
        summary: 'Add an activity to a work programme',
        params: YearParamsSchema,
        body: CreateActivitySchema,
        response: { 201: ActivitySchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createActivity(deps, request.actor, request.params.year, request.body)),
  );

  app.get(
    '/work-programmes/:year/activities/:activityId',
    {
      schema: {
        operationId: 'getActivity',
        tags,
        summary: 'One activity of a work programme, with its progress notes',
        params: ActivityParamsSchema,
        response: { 200: ActivitySchema },
      },
    },
    async (request) =>
      getActivity(deps, request.actor, request.params.year, request.params.activityId),
  );

  app.patch(
    '/work-programmes/:year/activities/:activityId',
    {
      schema: {
        operationId: 'updateActivity',
        tags,
        summary: 'Change an activity (status planned, under-way, done, dropped; dates; ...)',
        params: ActivityParamsSchema,
        body: UpdateActivitySchema,
        response: { 200: ActivitySchema },
      },
    },
    async (request) =>
      updateActivity(
        deps,
        request.actor,
        request.params.year,
        request.params.activityId,
        request.body,
      ),
  );

  app.post(
    '/work-programmes/:year/activities/:activityId/progress',
    {
      schema: {
        operationId: 'addProgress',
        tags,
        summary: 'Record a dated progress note on an activity',
        params: ActivityParamsSchema,
        body: CreateProgressSchema,
        response: { 201: ProgressSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addProgress(
            deps,
            request.actor,
            request.params.year,
            request.params.activityId,
            request.body,
          ),
        ),
  );

  app.get(
    '/work-programmes/:year/report',
    {
      schema: {
        operationId: 'reportWorkProgramme',
        tags,
        summary: 'Progress report: counts per status and area, share done, overdue activities',
        params: YearParamsSchema,
        querystring: ReportQuerySchema,
        response: { 200: ProgressReportSchema },
      },
    },
    async (request) =>
      reportWorkProgramme(deps, request.actor, request.params.year, request.query.on),
  );
};
