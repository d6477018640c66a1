import { z } from 'zod';
import { InstantSchema, LevelSchema, PartialDateSchema } from '../../../shared/common.schemas.ts';
import { TEXT_KINDS } from '../../../shared/vocabularies.ts';

/**
 * The shape of each file in data/pjc. Field names are the database's (camelCase), except that
 * every fact names its source as `source:` (stored as `sourceId`). Objects are strict, so a
 * misspelt field is reported instead of silently dropped.
 */

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case slug such as nato-be');
const Text = z.string().trim().min(1, 'must not be empty');
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);
const optionalDate = optional(PartialDateSchema);

// The reference record is published material: a caucus or joint item seeded from it would be
// invisible to the public that the sources address, or worse, mislabel a public fact.
const Visibility = z
  .literal('public', { error: 'the reference record is public; only `public` is allowed' })
  .default('public');

/** The columns every stored item of the record shares. */
const item = {
  visibility: Visibility,
  party: optional(Slug),
  source: Slug,
};

const SourceSchema = z.strictObject({
  id: Slug,
  title: Text,
  publisher: optional(Text),
  publishedOn: optionalDate,
  reference: optional(Text),
  disclaimer: optional(Text),
  // As the source prints them: the fact sheet closes with its publisher's address and contacts.
  publisherAddress: optional(Text),
  publisherFax: optional(Text),
  publisherEmail: optional(Text),
  publisherWebsite: optional(Text),
});

export const SourcesFileSchema = z.strictObject({ sources: z.array(SourceSchema).min(1) });

export const CouncilFileSchema = z.strictObject({
  council: z.strictObject({
    id: Slug,
    name: Text,
    shortName: Text,
    foundingInstrument: Text,
    foundedOn: PartialDateSchema,
    languages: z.array(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as en')).min(1),
    description: optional(Text),
    ...item,
  }),
  // What the sources say about the council as a whole, each with its own source.
  statements: z
    .array(
      z.strictObject({
        id: Slug,
        text: Text,
        note: optional(Text),
        ...item,
      }),
    )
    .default([]),
  periods: z.array(
    z.strictObject({
      id: Slug,
      status: z.enum(['active', 'suspended', 'restricted']),
      scope: optional(Text),
      startsOn: PartialDateSchema,
      endsOn: optionalDate,
      description: optional(Text),
      ...item,
    }),
  ),
  // Where the record is known to be incomplete (or complete), so that reports say so.
  coverage: z
    .array(
      z.strictObject({
        id: Slug,
        startsOn: PartialDateSchema,
        endsOn: optionalDate,
        level: optional(LevelSchema),
        complete: z.boolean(),
        reason: Text,
        ...item,
      }),
    )
    .default([]),
});

export const PartiesFileSchema = z.strictObject({
  parties: z
    .array(
      z.strictObject({
        id: Slug,
        name: Text,
        shortName: Text,
        label: z.string().regex(/^[A-Z]{2,8}$/, 'two to eight capitals, as in [NATO: ...]'),
        names: z.array(Text).default([]),
        position: z.number().int().positive(),
        visibility: Visibility,
        source: Slug,
      }),
    )
    .min(2),
  delegations: z.array(
    z.strictObject({
      id: Slug,
      name: Text,
      countryCode: optional(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case')),
      joinedOn: optionalDate,
      leftOn: optionalDate,
      ...item,
      // A delegation always belongs to a side.
      party: Slug,
    }),
  ),
});

export const PeopleFileSchema = z.strictObject({
  people: z.array(
    z.strictObject({
      id: Slug,
      name: Text,
      honorific: optional(Text),
      delegationId: optional(Slug),
      ...item,
      posts: z
        .array(
          z.strictObject({
            id: Slug,
            title: Text,
            delegationId: optional(Slug),
            startsOn: optionalDate,
            endsOn: optionalDate,
            ...item,
          }),
        )
        .default([]),
    }),
  ),
});

export const TopicsFileSchema = z.strictObject({
  topics: z.array(
    z.strictObject({
      id: Slug,
      name: Text,
      parentId: optional(Slug),
      description: optional(Text),
      ...item,
    }),
  ),
});

const CoChairRole = z.enum(['secretary-general', 'rotating', 'russia']);

export const MeetingsFileSchema = z.strictObject({
  meetings: z.array(
    z.strictObject({
      id: Slug,
      title: Text,
      level: optional(LevelSchema),
      format: z
        .literal('joint', { error: 'the record holds joint meetings only' })
        .default('joint'),
      startsAt: optional(InstantSchema),
      endsAt: optional(InstantSchema),
      date: PartialDateSchema,
      venue: optional(Text),
      status: z.enum(['planned', 'held', 'cancelled']).default('held'),
      summary: optional(Text),
      ...item,
      // A co-chair, attendance entry or agenda item cites its meeting's source unless it names
      // its own: one document may date a meeting and another say who chaired it.
      coChairs: z
        .array(
          z.strictObject({
            role: CoChairRole,
            personId: optional(Slug),
            delegationId: optional(Slug),
            source: Slug.optional(),
          }),
        )
        .default([]),
      attendance: z
        .array(
          z.strictObject({
            delegationId: Slug,
            personId: optional(Slug),
            representative: optional(Text),
            source: Slug.optional(),
          }),
        )
        .default([]),
      agenda: z
        .array(
          z.strictObject({
            id: Slug,
            title: Text,
            outcome: optional(Text),
            chairedBy: optional(CoChairRole),
            topics: z.array(Slug).default([]),
            activities: z.array(Slug).default([]),
            source: Slug.optional(),
            // The sources publish no agendas: an item made from what a source says was
            // discussed or decided must say that the record composed it.
            reconstructed: z.boolean().default(false),
          }),
        )
        .default([]),
    }),
  ),
});

export const WorkProgrammesFileSchema = z.strictObject({
  programmes: z.array(
    z.strictObject({
      id: Slug,
      year: z.number().int().min(1997).max(2100),
      title: Text,
      description: optional(Text),
      ...item,
      areas: z
        .array(
          z.strictObject({
            id: Slug,
            title: Text,
            // The programme's source unless the area names its own.
            source: Slug.optional(),
            activities: z
              .array(
                z.strictObject({
                  id: Slug,
                  title: Text,
                  topicId: optional(Slug),
                  lead: z.enum(['nato', 'russia', 'joint']).default('joint'),
                  level: optional(LevelSchema),
                  plannedStart: optionalDate,
                  plannedEnd: optionalDate,
                  status: z.enum(['planned', 'under-way', 'done', 'dropped']).default('planned'),
                  ...item,
                }),
              )
              .default([]),
          }),
        )
        .default([]),
    }),
  ),
});

export const DecisionsFileSchema = z.strictObject({
  decisions: z.array(
    z.strictObject({
      id: Slug,
      subject: Text,
      text: Text,
      approves: optional(
        z
          .string()
          .regex(
            /^(work-programme:\d{4}|office:[a-z0-9-]+)$/,
            'work-programme:<year> or office:<id>',
          ),
      ),
      status: z.enum(['proposed', 'agreed', 'declined', 'withdrawn']),
      meetingId: optional(Slug),
      proposedBy: optional(Text),
      decidedOn: optionalDate,
      ...item,
      responses: z
        .array(
          z.strictObject({
            party: Slug,
            userId: optional(Text),
            response: z.enum(['concur', 'decline']),
            comment: optional(Text),
            at: z.union([PartialDateSchema, InstantSchema]),
          }),
        )
        .default([]),
    }),
  ),
});

export const OfficesFileSchema = z.strictObject({
  offices: z.array(
    z.strictObject({
      id: Slug,
      name: Text,
      kind: z.enum(['information-office', 'military-liaison-mission', 'mission', 'other']),
      location: optional(Text),
      status: z.enum(['proposed', 'agreed', 'open', 'closed']),
      proposedOn: optionalDate,
      agreedOn: optionalDate,
      openedOn: optionalDate,
      closedOn: optionalDate,
      establishedBy: optional(Text),
      ...item,
    }),
  ),
});

export const OperationsFileSchema = z.strictObject({
  operations: z.array(
    z.strictObject({
      id: Slug,
      name: Text,
      fullName: Text,
      location: optional(Text),
      mandate: optional(Text),
      ...item,
      strengths: z
        .array(
          z.strictObject({
            id: Slug,
            contributor: optional(Slug),
            troops: z.number().int().nonnegative(),
            qualifier: optional(z.enum(['about', 'some', 'approximately'])),
            asOf: PartialDateSchema,
            ...item,
          }),
        )
        .default([]),
    }),
  ),
});

export const TimelineFileSchema = z.strictObject({
  events: z.array(
    z.strictObject({
      id: Slug,
      date: PartialDateSchema,
      title: Text,
      description: optional(Text),
      kind: Slug,
      // Set when the record worked part of the event out itself; the description says how.
      reconstructed: z.boolean().default(false),
      ...item,
    }),
  ),
});

// A paragraph of an adopted text: plain wording, no brackets (an adopted text is clean).
const AdoptedParagraph = z.strictObject({
  id: Slug,
  text: Text.refine((t) => !/[[\]|]/.test(t), 'an adopted text has no brackets'),
});

export const TextsFileSchema = z.strictObject({
  texts: z.array(
    z.strictObject({
      id: Slug,
      kind: z.enum(TEXT_KINDS),
      title: Text,
      // The decision that adopted it (decisions.yaml): both parties' concurrence is recorded there.
      decisionId: Slug,
      classification: Slug,
      originalLanguage: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as en'),
      adoptedOn: PartialDateSchema.refine((d) => d.length === 10, 'a full date: 2000-12-15'),
      // The record's texts are reconstructions until a source gives their wording.
      reconstructed: z.literal(true).default(true),
      source: Slug,
      paragraphs: z.array(AdoptedParagraph).min(1),
    }),
  ),
});

/** Each file of the record and the schema it must satisfy, in loading order. */
export const PJC_FILES = {
  sources: { file: 'sources.yaml', schema: SourcesFileSchema },
  council: { file: 'council.yaml', schema: CouncilFileSchema },
  parties: { file: 'parties.yaml', schema: PartiesFileSchema },
  people: { file: 'people.yaml', schema: PeopleFileSchema },
  topics: { file: 'topics.yaml', schema: TopicsFileSchema },
  meetings: { file: 'meetings.yaml', schema: MeetingsFileSchema },
  workProgrammes: { file: 'work-programmes.yaml', schema: WorkProgrammesFileSchema },
  decisions: { file: 'decisions.yaml', schema: DecisionsFileSchema },
  offices: { file: 'offices.yaml', schema: OfficesFileSchema },
  operations: { file: 'operations.yaml', schema: OperationsFileSchema },
  timeline: { file: 'timeline.yaml', schema: TimelineFileSchema },
  texts: { file: 'texts.yaml', schema: TextsFileSchema },
} as const;

type Files = typeof PJC_FILES;
export type PjcRecord = { [K in keyof Files]: z.infer<Files[K]['schema']> };
