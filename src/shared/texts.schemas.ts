import { z } from 'zod';
import { PublicationSchema, VersionSchema } from './agreements.schemas.ts';
import { IdSchema, ListQuerySchema, VisibilitySchema } from './common.schemas.ts';
import { SignaturesSummarySchema } from './record.schemas.ts';
import { CitedSchema } from './sources.schemas.ts';
import { STATEMENT_KINDS, TEXT_KINDS, TEXT_STATES } from './vocabularies.ts';

export const TextKindSchema = z.enum(TEXT_KINDS);
export const TextStateSchema = z.enum(TEXT_STATES);
export const LanguageSchema = z
  .string()
  .regex(/^[a-z]{2}$/, 'a two-letter language code such as en, fr, ru')
  .describe('An ISO 639-1 language code.');

const TitleSchema = z.string().trim().min(1).max(300);
/** A paragraph in the plain-text form: brackets as [NATO: ... | RUS: ...]. */
const ParagraphTextSchema = z.string().max(20_000);

export const AlternativeSchema = z.object({
  id: z.string(),
  holder: z.string().describe('The party that proposed the alternative.'),
  text: z.string(),
  proposedBy: z
    .string()
    .nullable()
    .describe("The proposing user; shown to that user's party only."),
  proposedAt: z.string().nullable(),
  reason: z.string().nullable(),
});

export const SegmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({
    kind: z.literal('bracket'),
    id: z.string(),
    alternatives: z.array(AlternativeSchema),
  }),
]);

export const ParagraphSchema = z.object({
  id: z.string().describe('Stable: editing another paragraph never changes it.'),
  firstLine: z.number().int().describe('The line the paragraph starts on in the printed draft.'),
  lines: z.number().int(),
  text: z.string().describe('The plain-text form, brackets and their holders included.'),
  segments: z.array(SegmentSchema),
});

export const LanguageVersionSchema = z.object({
  language: z.string(),
  original: z.boolean(),
  authentic: z.boolean().describe('Declared equally authentic by every party, for this version.'),
  authenticatedBy: z.array(z.string()),
  clean: z.boolean().describe('No bracket left.'),
  paragraphs: z.array(ParagraphSchema),
});

export const TextAgreementSchema = z.object({
  party: z.string(),
  version: z.number().int(),
  at: z.string(),
});

export const StatementSchema = z.object({
  id: z.string(),
  kind: z.enum(STATEMENT_KINDS),
  party: z.string(),
  text: z.string(),
  at: z.string(),
});

export const TextRefSchema = z
  .strictObject({ kind: z.enum(['meeting', 'decision']), id: IdSchema })
  .describe('The meeting or decision the text belongs to.');

export const TextSummarySchema = z.object({
  id: z.string(),
  kind: TextKindSchema,
  title: z.string(),
  state: TextStateSchema,
  version: z.number().int().describe('Every change makes a new version; agreeing names it.'),
  number: z.string().nullable().describe("Its number in the council's series, from adoption."),
  ref: TextRefSchema.nullable(),
  classification: z.object({ id: z.string(), name: z.string() }),
  releasableTo: z.array(z.string()).nullable(),
  originalLanguage: z.string(),
  languages: z.array(z.string()),
  visibility: VisibilitySchema,
  party: z.string().nullable().describe('The party whose caucus holds a draft, or that tabled it.'),
  chairStatement: z
    .object({ party: z.string() })
    .nullable()
    .describe("A chair's statement, issued by that party's chair alone: agreed by nobody else."),
  reconstructed: z.boolean(),
  adoptedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...CitedSchema.shape,
});
export type TextSummary = z.infer<typeof TextSummarySchema>;

export const TextSchema = TextSummarySchema.extend({
  clean: z.boolean().describe('No bracket left in any language version.'),
  aligned: z
    .array(z.object({ language: z.string(), message: z.string() }))
    .describe('What keeps the language versions from being aligned; empty when they are.'),
  languageVersions: z.array(LanguageVersionSchema),
  adReferendum: z
    .array(TextAgreementSchema)
    .describe('Parties agreeing the current version ad referendum.'),
  concurrences: z
    .array(TextAgreementSchema)
    .describe("Chairs' concurrences in the current version."),
  statements: z.array(StatementSchema),
  publication: PublicationSchema,
  tabledAs: z.string().nullable().describe('For a caucus draft: the joint text it was tabled as.'),
  silence: z
    .object({
      deadline: z.string().describe('The instant silence ends (UTC).'),
      localDeadline: z.string().describe('The deadline as the clocks of its zone show it.'),
      timeZone: z.string(),
      startedBy: z.string().nullable().describe('The party whose chair started it.'),
      participants: z.array(z.string()).describe('The parties, or the delegations of a party.'),
    })
    .nullable()
    .describe('While the text is under silence.'),
  silenceBreaks: z
    .array(
      z.object({
        participant: z.string(),
        reason: z.string(),
        amendment: z.string().nullable(),
        version: z.number().int(),
        at: z.string(),
      }),
    )
    .describe('Every time silence on this text was broken, oldest first.'),
  // Whose signatures its adoption record has (none before adoption): modules/record.
  ...SignaturesSummarySchema.shape,
});
export type Text = z.infer<typeof TextSchema>;

export const TextListQuerySchema = ListQuerySchema.extend({
  state: TextStateSchema.optional(),
  kind: TextKindSchema.optional(),
  refKind: z.enum(['meeting', 'decision']).optional(),
  refId: IdSchema.optional(),
});
export type TextListQuery = z.infer<typeof TextListQuerySchema>;

export const ClassificationSchema = z.object({
  id: z.string(),
  name: z.string(),
  rank: z.number().int().describe('Higher is more restricted.'),
});
export type Classification = z.infer<typeof ClassificationSchema>;

export const CreateTextSchema = z.strictObject({
  kind: TextKindSchema,
  title: TitleSchema,
  ref: TextRefSchema.optional(),
  classification: z.string().min(1).max(60).optional().describe('Defaults to NATO UNCLASSIFIED.'),
  releasableTo: z.array(z.string().min(1).max(40)).max(20).optional(),
  originalLanguage: LanguageSchema.optional().describe("Defaults to the council's first language."),
  visibility: z
    .enum(['caucus', 'joint'])
    .optional()
    .describe("`caucus`: a draft in the caller's party (default); `joint`: tabled at once."),
  paragraphs: z.array(ParagraphTextSchema).min(1).max(500),
});
export type CreateTextInput = z.infer<typeof CreateTextSchema>;

export const EditDraftSchema = z.strictObject({
  version: VersionSchema.optional(),
  language: LanguageSchema.optional().describe('Defaults to the original language.'),
  title: TitleSchema.optional(),
  paragraphs: z
    .array(
      z.strictObject({
        id: z.string().max(40).optional().describe('Keep an existing paragraph by naming its id.'),
        text: ParagraphTextSchema,
      }),
    )
    .min(1)
    .max(500)
    .optional(),
});
export type EditDraftInput = z.infer<typeof EditDraftSchema>;

export const ProposeAlternativeSchema = z
  .strictObject({
    version: VersionSchema.optional(),
    paragraphId: z.string().min(1).max(40),
    bracketId: z
      .string()
      .max(40)
      .optional()
      .describe('Add to this bracket; or bracket a passage with `segment`, `start` and `end`.'),
    segment: z.number().int().min(0).max(1000).optional(),
    start: z.number().int().min(0).max(20_000).optional(),
    end: z.number().int().min(0).max(20_000).optional(),
    text: z.string().max(20_000),
    reason: z.string().trim().max(2_000).optional(),
  })
  .describe(
    'Either `bracketId`, or `segment` with `start` and `end` (offsets in that run of text).',
  );
export type ProposeAlternativeInput = z.infer<typeof ProposeAlternativeSchema>;

export const NewParagraphSchema = z.strictObject({
  version: VersionSchema.optional(),
  after: z.string().max(40).nullable().describe('The paragraph it follows; null for the first.'),
  text: z.string().min(1).max(20_000),
  reason: z.string().trim().max(2_000).optional(),
});
export type NewParagraphInput = z.infer<typeof NewParagraphSchema>;

export const VersionedSchema = z.strictObject({
  version: VersionSchema.optional().describe('The version read; required unless sent as If-Match.'),
  reason: z.string().trim().max(2_000).optional(),
});
export type VersionedInput = z.infer<typeof VersionedSchema>;

export const TranslateSchema = z.strictObject({
  version: VersionSchema.optional(),
  text: ParagraphTextSchema,
});
export type TranslateInput = z.infer<typeof TranslateSchema>;

export const ChangeMarkingSchema = z.strictObject({
  version: VersionSchema.optional(),
  classification: z.string().min(1).max(60).optional(),
  releasableTo: z.array(z.string().min(1).max(40)).max(20).nullable().optional(),
});
export type ChangeMarkingInput = z.infer<typeof ChangeMarkingSchema>;

export const LodgeStatementSchema = z.strictObject({
  kind: z.enum(STATEMENT_KINDS),
  text: z.string().trim().min(1).max(20_000),
});
export type LodgeStatementInput = z.infer<typeof LodgeStatementSchema>;

export const TextVersionSchema = z.object({
  version: z.number().int(),
  at: z.string(),
  party: z.string().nullable(),
  summary: z.string(),
});

export const TextDiffQuerySchema = z.strictObject({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
  language: LanguageSchema.optional(),
  alternat: z
    .enum(['true', 'false'])
    .optional()
    .describe('Take "NATO and Russia" and "Russia and NATO" as the same (default true).'),
});

export const DiffPartSchema = z.object({
  value: z.string(),
  added: z.boolean(),
  removed: z.boolean(),
});

export const TextDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  language: z.string(),
  paragraphs: z.array(
    z.object({
      id: z.string(),
      change: z.enum(['added', 'removed', 'changed', 'unchanged']),
      parts: z.array(DiffPartSchema),
    }),
  ),
});

export const TextParamsSchema = z.strictObject({ id: IdSchema });
export const TextVersionParamsSchema = z.strictObject({
  id: IdSchema,
  version: z.coerce.number().int().min(1),
});
export const AlternativeParamsSchema = z.strictObject({ id: IdSchema, alternativeId: IdSchema });
export const LanguageParamsSchema = z.strictObject({ id: IdSchema, language: LanguageSchema });
export const TranslateParamsSchema = z.strictObject({
  id: IdSchema,
  language: LanguageSchema,
  paragraphId: z.string().min(1).max(40),
});

export const StartSilenceSchema = z.strictObject({
  version: VersionSchema.optional(),
  deadline: z
    .string()
    .max(19)
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/,
      'a local date and time such as 2001-03-02T18:00, without an offset',
    )
    .meta({
      description:
        'When silence ends, as the clocks of `timeZone` show it (no offset): a time the zone skips or shows twice is refused.',
      examples: ['2001-03-02T18:00'],
    }),
  timeZone: z
    .string()
    .min(1)
    .max(64)
    .meta({ description: 'The IANA zone of the deadline.', examples: ['Europe/Brussels'] }),
});
export type StartSilenceInput = z.infer<typeof StartSilenceSchema>;

export const BreakSilenceSchema = z.strictObject({
  reason: z.string().trim().min(1).max(5_000).describe('The written objection.'),
  amendment: z
    .string()
    .trim()
    .min(1)
    .max(20_000)
    .optional()
    .describe(
      'The wording the breaking participant proposes instead: for the record, and, with `passage`, in the text.',
    ),
  passage: z
    .strictObject({
      paragraphId: z.string().min(1).max(40),
      segment: z.number().int().min(0).max(1000),
      start: z.number().int().min(0).max(20_000),
      end: z.number().int().min(0).max(20_000),
    })
    .optional()
    .describe(
      "Which wording of the original language the amendment would replace (offsets in that run of the paragraph's text). With it the text comes back to negotiation bracketed: the present wording beside the amendment, held by the breaking party, as a proposed alternative would be.",
    ),
});
export type BreakSilenceInput = z.infer<typeof BreakSilenceSchema>;

export const TextPdfQuerySchema = z.strictObject({
  lang: LanguageSchema.optional().describe(
    'The language version to print; by default the original. One of the text’s languages.',
  ),
});
export type TextPdfQuery = z.infer<typeof TextPdfQuerySchema>;
