import { z } from 'zod';
import { PublicationSchema } from './agreements.schemas.ts';
import {
  FullDateSchema,
  IdSchema,
  InstantSchema,
  LevelSchema,
  ListQuerySchema,
  PartialDateSchema,
  PartyIdSchema,
  VisibilitySchema,
} from './common.schemas.ts';
import { RecordCoverageSchema } from './council.schemas.ts';
import { CitedSchema } from './sources.schemas.ts';
import {
  AGENDA_STATUSES,
  CO_CHAIR_ROLES,
  MEETING_FORMATS,
  MEETING_STATUSES,
} from './vocabularies.ts';

export const MeetingFormatSchema = z
  .enum(MEETING_FORMATS)
  .describe("`joint`: both parties meet; `caucus`: one party's internal coordination.");

export const MeetingStatusSchema = z.enum(MEETING_STATUSES);

export const CoChairRoleSchema = z.enum(CO_CHAIR_ROLES);

export const CADENCES = [
  'weekly',
  'fortnightly',
  'monthly',
  'quarterly',
  'twice-yearly',
  'yearly',
] as const;
export const CadenceSchema = z.enum(CADENCES);
export type Cadence = z.infer<typeof CadenceSchema>;

const TitleSchema = z.string().trim().min(1).max(300);
const VenueSchema = z.string().trim().min(1).max(300);
// Checked against the zones Node knows (Intl) by the service, which names the field.
const TimeZoneSchema = z.string().min(1).max(64);
const TIME_ZONE_OF_MEETING =
  'The IANA time zone the meeting is set in (e.g. Europe/Brussels): calendars show its local ' +
  'time (TZID) and its day is the day there. Without one it is UTC, and its day is the day of ' +
  "startsAt's offset.";

export const CreateMeetingSchema = z.strictObject({
  title: TitleSchema,
  level: LevelSchema,
  format: MeetingFormatSchema,
  party: PartyIdSchema.optional().describe(
    "Caucus meetings only: must be the caller's own party (the default).",
  ),
  startsAt: InstantSchema.describe('ISO 8601 with an offset; stored in UTC.'),
  endsAt: InstantSchema.optional(),
  timeZone: TimeZoneSchema.optional().meta({
    description: TIME_ZONE_OF_MEETING,
    examples: ['Europe/Brussels'],
  }),
  venue: VenueSchema.optional(),
  visibility: VisibilitySchema.optional().describe(
    'Joint meetings are `joint`, and public only when both parties publish them (POST /api/meetings/{id}/publish). Caucus meetings are always `caucus`.',
  ),
  status: MeetingStatusSchema.optional(),
});
export type CreateMeetingInput = z.infer<typeof CreateMeetingSchema>;

export const UpdateMeetingSchema = z.strictObject({
  title: TitleSchema.optional(),
  venue: VenueSchema.nullable().optional(),
  startsAt: InstantSchema.optional(),
  endsAt: InstantSchema.nullable().optional(),
  timeZone: TimeZoneSchema.optional().meta({
    description: `${TIME_ZONE_OF_MEETING} Changing it moves no instant.`,
    examples: ['Europe/Brussels'],
  }),
  status: MeetingStatusSchema.optional(),
  summary: z
    .string()
    .max(100_000)
    .nullable()
    .optional()
    .describe('The summary record of the meeting.'),
  visibility: VisibilitySchema.optional().describe(
    'Never narrower; public only when both parties publish it (POST /api/meetings/{id}/publish).',
  ),
});
export type UpdateMeetingInput = z.infer<typeof UpdateMeetingSchema>;

export const MeetingListQuerySchema = ListQuerySchema.extend({
  level: LevelSchema.optional(),
  format: MeetingFormatSchema.optional(),
  status: MeetingStatusSchema.optional(),
  from: PartialDateSchema.optional().describe('Meetings whose date overlaps this date or later.'),
  to: PartialDateSchema.optional().describe('Meetings whose date overlaps this date or earlier.'),
  topicId: IdSchema.optional().describe('Meetings with an agenda item on this topic.'),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuerySchema>;

export const CalendarQuerySchema = MeetingListQuerySchema.omit({
  limit: true,
  cursor: true,
}).extend({
  from: PartialDateSchema.optional().describe(
    'The first day of the window (a year or a month stands for its first day); 90 days ago by default.',
  ),
  to: PartialDateSchema.optional().describe(
    'The last day of the window (a year or a month stands for its last day); a year from today by default. The window spans at most 3 years.',
  ),
});
export type CalendarQuery = z.infer<typeof CalendarQuerySchema>;

export const AgendaStatusSchema = z
  .object({
    status: z
      .enum(AGENDA_STATUSES)
      .describe(
        'Joint meetings: `agreed` once a secretary of every party agreed the current version, ' +
          'otherwise `draft` while the meeting is planned and `not-recorded` once it was held or ' +
          'cancelled without an agreement on record (historical meetings). ' +
          "Caucus meetings: `not-required` (the agenda is the party's own).",
      ),
    version: z
      .number()
      .int()
      .describe(
        "Increments on every change to what an agreement covers: the agenda items and the meeting's terms (title, time, venue, co-chairs). The meeting's ETag.",
      ),
    agreedBy: z.array(z.string()).describe('Parties that agreed the current version.'),
  })
  .describe('The state of the joint agenda (Founding Act: established jointly).');
export type AgendaStatus = z.infer<typeof AgendaStatusSchema>;

export const CoChairSchema = z.object({
  role: CoChairRoleSchema,
  personId: z.string().nullable(),
  delegationId: z.string().nullable(),
  ...CitedSchema.shape,
});

export const AttendanceSchema = z.object({
  delegationId: z.string(),
  personId: z.string().nullable(),
  representative: z.string().nullable(),
  ...CitedSchema.shape,
});

export const MeetingSchema = z.object({
  id: z.string(),
  title: z.string(),
  level: LevelSchema.nullable(),
  format: MeetingFormatSchema,
  party: z.string().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  timeZone: z
    .string()
    .describe('The IANA time zone the meeting is set in; `UTC` when none was given.'),
  date: z
    .string()
    .describe("Partial ISO date; the meeting's local calendar day when startsAt is known."),
  venue: z.string().nullable(),
  status: MeetingStatusSchema,
  visibility: VisibilitySchema,
  summary: z.string().nullable(),
  seriesId: z.string().nullable(),
  ...CitedSchema.shape,
  agenda: AgendaStatusSchema,
  coChairs: z.array(CoChairSchema),
  attendance: z.array(AttendanceSchema),
  publication: PublicationSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const VoidedAgreementsSchema = z
  .array(z.object({ party: z.string(), agendaVersion: z.number().int() }))
  .describe(
    'The agreements this change voided (the agenda or the terms they were given to changed): each party must agree again.',
  );

/** What a change to the agenda or the terms answers: the result and the agreements it voided. */
export const MeetingChangeSchema = MeetingSchema.extend({
  voidedAgreements: VoidedAgreementsSchema,
});

export const AgendaItemSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  position: z.number().int(),
  title: z.string(),
  topicIds: z.array(z.string()),
  activityIds: z.array(z.string()),
  chairedBy: CoChairRoleSchema.nullable(),
  outcome: z.string().nullable(),
  ...CitedSchema.shape,
  reconstructed: z
    .boolean()
    .describe(
      "true when the record made the item itself from what its source says was discussed or decided: the sources publish no agendas, so the title and place are the record's, the outcome the source's.",
    ),
  visibility: VisibilitySchema,
  party: z.string().nullable(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const AgendaItemChangeSchema = AgendaItemSchema.extend({
  voidedAgreements: VoidedAgreementsSchema,
});

export const AgendaRemovalSchema = z.object({
  agenda: AgendaStatusSchema,
  voidedAgreements: VoidedAgreementsSchema,
});

export const ReorderResultSchema = z.object({
  items: z.array(AgendaItemSchema),
  voidedAgreements: VoidedAgreementsSchema,
});

export const MeetingDetailSchema = MeetingSchema.extend({
  agendaItems: z.array(AgendaItemSchema),
});
export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;

export const SetCoChairsSchema = z.strictObject({
  secretaryGeneral: IdSchema.optional().describe('Person id of the NATO Secretary General.'),
  rotating: z
    .strictObject({ delegationId: IdSchema, personId: IdSchema.optional() })
    .optional()
    .describe('The NATO member state chairing in rotation, and its representative.'),
  russia: IdSchema.optional().describe("Person id of Russia's representative."),
});
export type SetCoChairsInput = z.infer<typeof SetCoChairsSchema>;

export const SetAttendanceSchema = z
  .array(
    z.strictObject({
      delegationId: IdSchema,
      personId: IdSchema.optional(),
      representative: z.string().trim().min(1).max(300).optional(),
    }),
  )
  .max(100);
export type SetAttendanceInput = z.infer<typeof SetAttendanceSchema>;

const LinkIdsSchema = z.array(IdSchema).max(50);

export const CreateAgendaItemSchema = z.strictObject({
  title: TitleSchema,
  topicIds: LinkIdsSchema.optional(),
  activityIds: LinkIdsSchema.optional(),
  chairedBy: CoChairRoleSchema.optional().describe('Joint meetings: the co-chair of this item.'),
  outcome: z.string().max(100_000).optional().describe('Only once the meeting has been held.'),
});
export type CreateAgendaItemInput = z.infer<typeof CreateAgendaItemSchema>;

export const UpdateAgendaItemSchema = z.strictObject({
  title: TitleSchema.optional(),
  topicIds: LinkIdsSchema.optional(),
  activityIds: LinkIdsSchema.optional(),
  chairedBy: CoChairRoleSchema.nullable().optional(),
  outcome: z
    .string()
    .max(100_000)
    .nullable()
    .optional()
    .describe('Recording the outcome is not an agenda change: agreements stand.'),
});
export type UpdateAgendaItemInput = z.infer<typeof UpdateAgendaItemSchema>;

export const ReorderAgendaSchema = z.strictObject({
  itemIds: z.array(IdSchema).max(200).describe('Every item of the agenda, in the new order.'),
});
export type ReorderAgendaInput = z.infer<typeof ReorderAgendaSchema>;

export const AgreeAgendaSchema = z
  .strictObject({
    agendaVersion: z
      .number()
      .int()
      .min(0)
      .max(2_147_483_647)
      .optional()
      .describe(
        'The version the secretary read (`agenda.version`, or the ETag as If-Match); required. Refused (StaleVersion) if the agenda or the terms changed since.',
      ),
  })
  .describe("Agrees for the caller's own party; no party can be named.");
export type AgreeAgendaInput = z.infer<typeof AgreeAgendaSchema>;

export const AgendaItemParamsSchema = z.object({ id: IdSchema, itemId: IdSchema });

export const ScheduleSeriesSchema = CreateMeetingSchema.omit({
  endsAt: true,
  status: true,
  timeZone: true,
})
  .extend({
    startsAt: InstantSchema.describe(
      'The first meeting, ISO 8601 with an offset. With `rrule`: the time of day of every meeting and the earliest day, a meeting itself only if the rule falls on it.',
    ),
    until: FullDateSchema.describe(
      'The last calendar day a meeting may fall on (inclusive); at most 10 years after startsAt.',
    ),
    cadence: CadenceSchema.optional().describe(
      'A fixed cadence from startsAt; monthly steps keep its day of the month, or the last day of a shorter month. Give this or `rrule`.',
    ),
    rrule: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .meta({
        description:
          'An RFC 5545 recurrence rule instead of a cadence, e.g. `FREQ=MONTHLY;BYDAY=WE;BYSETPOS=3` (the third Wednesday of every month): FREQ DAILY, WEEKLY, MONTHLY or YEARLY, with INTERVAL, COUNT, WKST and the BY parts for days, weeks and months. The time of day comes from startsAt, the zone from timeZone and the end from until, so DTSTART, TZID, UNTIL, BYHOUR, BYMINUTE and BYSECOND are refused.',
        examples: ['FREQ=MONTHLY;BYDAY=WE;BYSETPOS=3'],
      }),
    skipWeekends: z
      .boolean()
      .optional()
      .describe(
        'true: a meeting that would fall on a Saturday or a Sunday moves to the Monday after, at the same time (past `until` it is dropped); a Monday that already has one is skipped like any day that has a meeting.',
      ),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .optional()
      .describe('How long each meeting lasts: sets its endsAt.'),
    timeZone: TimeZoneSchema.optional().meta({
      description:
        'IANA time zone (e.g. Europe/Brussels): keeps the local wall-clock time across DST, and each meeting is set in it. ' +
        "Without it, every meeting keeps startsAt's UTC offset and is set in UTC.",
      examples: ['Europe/Brussels'],
    }),
  })
  // A whole request, for the document's readers and for the samples tools draw from it: the
  // fields alone cannot show that a series takes a cadence or a rule, not both.
  .meta({
    examples: [
      {
        title: 'PJC at ambassadors level',
        level: 'ambassadors',
        format: 'joint',
        venue: 'NATO headquarters, Brussels',
        startsAt: '2002-01-16T10:00:00+01:00',
        until: '2002-12-31',
        rrule: 'FREQ=MONTHLY;BYDAY=WE;BYSETPOS=3',
        skipWeekends: true,
        durationMinutes: 150,
        timeZone: 'Europe/Brussels',
      },
    ],
  });
export type ScheduleSeriesInput = z.infer<typeof ScheduleSeriesSchema>;

export const SeriesResultSchema = z.object({
  seriesId: z.string().nullable().describe('null when nothing new was created.'),
  created: z.array(z.object({ id: z.string(), date: z.string(), startsAt: z.string() })),
  skipped: z.array(
    z.object({
      date: z.string(),
      startsAt: z.string(),
      existingMeetingId: z.string().describe('The meeting already on that day.'),
    }),
  ),
});
export type SeriesResult = z.infer<typeof SeriesResultSchema>;

export const CadenceQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(1997).max(2100),
});

export const CadenceLevelSchema = z.object({
  level: LevelSchema,
  required: z.object({
    count: z.number().int().nullable().describe('null: as needed, no minimum.'),
    basis: z.string(),
  }),
  held: z.number().int(),
  planned: z.number().int(),
  cancelled: z.number().int(),
  recordComplete: z
    .boolean()
    .describe('false when the record of this year and level is known to miss meetings.'),
  reason: z.string().nullable().describe('Why the record is incomplete; null when complete.'),
  notOnRecord: z
    .number()
    .int()
    .describe('Required minus held and planned, never below 0: meetings the record does not list.'),
  shortfall: z
    .number()
    .int()
    .nullable()
    .describe(
      'Meetings the council did not hold: notOnRecord when the record is complete, null when it cannot tell.',
    ),
});

export const CadenceReportSchema = z.object({
  year: z.number().int(),
  recordComplete: z.boolean().describe('Whether the record of every level is complete.'),
  coverage: z
    .array(RecordCoverageSchema)
    .describe('What the record says of its completeness in this year.'),
  levels: z.array(CadenceLevelSchema),
});
export type CadenceReport = z.infer<typeof CadenceReportSchema>;
