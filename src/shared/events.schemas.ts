import { z } from 'zod';
import { ENTITY_TYPES, QUALIFIED_ACTIONS } from './entities.ts';

/** The data of one `change` event of GET /api/events: what changed and where to read it again. */
export const ChangeEventSchema = z
  .strictObject({
    entity: z.enum(ENTITY_TYPES),
    id: z.string(),
    action: z.enum(QUALIFIED_ACTIONS as [string, ...string[]]),
    at: z.iso.datetime({ offset: true }),
    url: z
      .string()
      .nullable()
      .meta({ description: 'The API address to read the changed item (or its parent) again' }),
  })
  .meta({ id: 'ChangeEvent' });
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;

export const EventsHeadersSchema = z.looseObject({
  'last-event-id': z.string().max(200).optional().meta({
    description:
      'The id of the last event received: the stream resumes exactly after it (a browser EventSource sends it by itself on reconnecting)',
  }),
});
