import { z } from 'zod';
import { PublicationSchema } from './agreements.schemas.ts';
import {
  FullDateSchema,
  IdSchema,
  LevelSchema,
  ListQuerySchema,
  PartialDateSchema,
  VisibilitySchema,
} from './common.schemas.ts';
import { CitedSchema } from './sources.schemas.ts';
import { ACTIVITY_LEADS, ACTIVITY_STATUSES } from './vocabularies.ts';

export const YearSchema = z.number().int().min(1900).max(2999);
export const ActivityStatusSchema = z.enum(ACTIVITY_STATUSES);
export const LeadSchema = z.enum(ACTIVITY_LEADS);
export const ProgrammeStatusSchema = z
  .enum(['draft', 'approved'])
  .describe('Derived: approved exactly when a decision approving the programme is agreed.');

const TitleSchema = z.string().trim().min(1).max(300);
const TextSchema = z.string().trim().min(1).max(20_000);

export const YearParamsSchema = z.object({ year: z.coerce.number().int().min(1900).max(2999) });
export const ActivityParamsSchema = YearParamsSchema.extend({ activityId: IdSchema });
export const AreaParamsSchema = YearParamsSchema.extend({ areaId: IdSchema });

export const WorkProgrammeSummarySchema = z.object({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  visibility: VisibilitySchema,
  party: z.string().nullable(),
  status: ProgrammeStatusSchema,
  version: z
    .number()
    .int()
    .describe(
      "Moves on when the programme's joint text changes (its fields, areas, joint activities): what a decision approving it agrees to.",
    ),
  approvedBy: z.string().nullable().describe('The agreed decision that approves the programme.'),
  approvedOn: z.string().nullable(),
  ...CitedSchema.shape,
  publication: PublicationSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WorkProgrammeSummary = z.infer<typeof WorkProgrammeSummarySchema>;

export const AreaSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  position: z.number().int(),
  title: z.string(),
  ...CitedSchema.shape,
  visibility: VisibilitySchema,
  party: z.string().nullable(),
});
export type Area = z.infer<typeof AreaSchema>;

export const ProgressSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  on: z.string(),
  text: z.string(),
  visibility: VisibilitySchema,
  party: z.string().nullable(),
  userId: z.string().nullable().describe("Shown to the author's own party only."),
  createdAt: z.string(),
});
export type Progress = z.infer<typeof ProgressSchema>;

export const ActivitySchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  areaId: z.string().nullable(),
  title: z.string(),
  topicId: z.string().nullable(),
  lead: LeadSchema,
  level: LevelSchema.nullable(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  status: ActivityStatusSchema,
  visibility: VisibilitySchema,
  party: z.string().nullable(),
  ...CitedSchema.shape,
  createdAt: z.string(),
  updatedAt: z.string(),
  progress: z.array(ProgressSchema),
});
export type Activity = z.infer<typeof ActivitySchema>;

export const WorkProgrammeSchema = WorkProgrammeSummarySchema.extend({
  areas: z.array(AreaSchema),
  activities: z.array(ActivitySchema),
});
export type WorkProgramme = z.infer<typeof WorkProgrammeSchema>;

/**
 * A work programme is the council's, agreed by both parties, so it is never a caucus item. (Its
 * year is unique: a caucus programme would also tell the other party, by refusing it that year,
 * that one exists.) Single activities and areas may still be a party's own.
 */
export const ProgrammeVisibilitySchema = z.enum(['joint']);

export const CreateWorkProgrammeSchema = z.strictObject({
  year: YearSchema,
  title: TitleSchema,
  description: TextSchema.optional(),
  visibility: ProgrammeVisibilitySchema.optional().describe(
    'Always joint: public only when both parties publish it (POST /api/work-programmes/{year}/publish).',
  ),
});
export type CreateWorkProgrammeInput = z.infer<typeof CreateWorkProgrammeSchema>;

export const UpdateWorkProgrammeSchema = z.strictObject({
  title: TitleSchema.optional(),
  description: TextSchema.nullable().optional(),
  visibility: VisibilitySchema.optional().describe('Only widening is allowed.'),
});
export type UpdateWorkProgrammeInput = z.infer<typeof UpdateWorkProgrammeSchema>;

export const CreateAreaSchema = z.strictObject({
  title: TitleSchema,
  visibility: VisibilitySchema.optional().describe("Defaults to the programme's."),
});
export type CreateAreaInput = z.infer<typeof CreateAreaSchema>;

export const UpdateAreaSchema = z.strictObject({
  title: TitleSchema.optional(),
  position: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe('Areas are listed by position, equal positions by id.'),
  visibility: VisibilitySchema.optional().describe('Only widening is allowed.'),
});
export type UpdateAreaInput = z.infer<typeof UpdateAreaSchema>;

export const CreateActivitySchema = z.strictObject({
  title: TitleSchema,
  areaId: IdSchema.optional(),
  topicId: IdSchema.optional(),
  lead: LeadSchema,
  level: LevelSchema.optional(),
  plannedStart: PartialDateSchema.optional(),
  plannedEnd: PartialDateSchema.optional(),
  status: ActivityStatusSchema.optional().describe('Defaults to planned.'),
  visibility: VisibilitySchema.optional().describe("Defaults to the programme's."),
});
export type CreateActivityInput = z.infer<typeof CreateActivitySchema>;

export const UpdateActivitySchema = z.strictObject({
  title: TitleSchema.optional(),
  areaId: IdSchema.nullable().optional(),
  topicId: IdSchema.nullable().optional(),
  lead: LeadSchema.optional(),
  level: LevelSchema.nullable().optional(),
  plannedStart: PartialDateSchema.nullable().optional(),
  plannedEnd: PartialDateSchema.nullable().optional(),
  status: ActivityStatusSchema.optional(),
  visibility: VisibilitySchema.optional().describe('Only widening is allowed.'),
});
export type UpdateActivityInput = z.infer<typeof UpdateActivitySchema>;

export const ActivityListQuerySchema = ListQuerySchema.extend({
  status: ActivityStatusSchema.optional(),
  areaId: IdSchema.optional(),
  topicId: IdSchema.optional(),
  lead: LeadSchema.optional(),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuerySchema>;

export const CreateProgressSchema = z.strictObject({
  on: PartialDateSchema,
  text: TextSchema,
  visibility: VisibilitySchema.optional().describe("Defaults to the activity's."),
});
export type CreateProgressInput = z.infer<typeof CreateProgressSchema>;

export const ReportQuerySchema = z.strictObject({
  on: FullDateSchema.optional().describe('The report date; defaults to today.'),
});

const StatusCountsSchema = z.object({
  planned: z.number().int(),
  'under-way': z.number().int(),
  done: z.number().int(),
  dropped: z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCountsSchema>;

export const ProgressReportSchema = z.object({
  programmeId: z.string(),
  year: z.number().int(),
  status: ProgrammeStatusSchema,
  on: z.string(),
  total: z.number().int(),
  byStatus: StatusCountsSchema,
  shareDone: z
    .number()
    .nullable()
    .describe('done / (total - dropped), between 0 and 1; null when nothing is left to do.'),
  areas: z.array(
    z.object({
      areaId: z.string().nullable().describe('null for activities outside any area.'),
      title: z.string().nullable(),
      total: z.number().int(),
      byStatus: StatusCountsSchema,
    }),
  ),
  overdue: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      areaId: z.string().nullable(),
      plannedEnd: z.string(),
      status: ActivityStatusSchema,
    }),
  ),
});
export type ProgressReport = z.infer<typeof ProgressReportSchema>;
