import { z } from 'zod';
import { IdSchema, ListQuerySchema, pageOf } from './common.schemas.ts';

/** What a notification says happened. */
export const NOTIFICATION_KINDS = [
  'silence-started',
  'silence-broken',
  'adopted-by-silence',
  'statement-lodged',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  entity: z
    .object({ kind: z.string(), id: z.string() })
    .describe('What the notification is about (a text): fetch it for the details.'),
  message: z.string(),
  at: z.string(),
  readAt: z.string().nullable().describe('When the user marked it read; null while unread.'),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuerySchema = ListQuerySchema.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .describe('`true`: only the notifications not read yet.'),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;

export const NotificationPageSchema = pageOf(NotificationSchema).extend({
  unread: z.number().int().describe("How many of the caller's own notifications are unread."),
});
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

export const NotificationParamsSchema = z.strictObject({ id: IdSchema });

export const ReadAllSchema = z.object({
  marked: z.number().int().describe('How many notifications this marked read.'),
  unread: z.number().int(),
});
