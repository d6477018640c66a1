import { z } from 'zod';

export const CalendarFeedSchema = z.object({
  id: z.string().describe('Names the feed to revoke it; the feed URL is never shown again.'),
  label: z.string().nullable().describe('What the user called it, e.g. the device it is on.'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('When a calendar app last read the feed.'),
});
export type CalendarFeed = z.infer<typeof CalendarFeedSchema>;

export const CalendarFeedListSchema = z.object({ items: z.array(CalendarFeedSchema) });

export const CreateCalendarFeedSchema = z.strictObject({
  label: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({
      description: 'A name for the feed, to tell it from the others (the device it is on).',
      examples: ['Phone'],
    }),
});
export type CreateCalendarFeedInput = z.infer<typeof CreateCalendarFeedSchema>;

export const CreatedCalendarFeedSchema = CalendarFeedSchema.extend({
  url: z
    .string()
    .describe(
      'The private feed URL, to subscribe to in a calendar app: shown this once, and only its hash is kept. Anyone who has it reads what you may see, so keep it like a password; revoke the feed if it leaks.',
    ),
});
export type CreatedCalendarFeed = z.infer<typeof CreatedCalendarFeedSchema>;

export const CalendarFeedParamsSchema = z.object({
  token: z.string().max(256).describe("The feed's secret, from its URL."),
});
