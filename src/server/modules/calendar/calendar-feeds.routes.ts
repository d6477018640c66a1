import { z } from 'zod';
import {
  CalendarFeedListSchema,
  CalendarFeedParamsSchema,
  CreateCalendarFeedSchema,
  CreatedCalendarFeedSchema,
} from '../../../shared/calendar-feeds.schemas.ts';
import { IdParamsSchema } from '../../../shared/common.schemas.ts';
import { originOf } from '../../http/error-handler.ts';
import type { Routes } from '../../http/routes.ts';
import { sendCalendar } from '../meetings/meetings-calendar.ts';
import { createCalendarFeed } from './create-calendar-feed.ts';
import { listCalendarFeeds } from './list-calendar-feeds.ts';
import { readCalendarFeed } from './read-calendar-feed.ts';
import { revokeCalendarFeed } from './revoke-calendar-feed.ts';

const tags = ['calendar'];

/** The path of a feed: its secret in the URL, since a calendar app sends no header. */
export const feedPathOf = (secret: string) => `/api/calendar/${secret}.ics`;

export const calendarFeedsRoutes: Routes = async (app, { deps, publicUrl }) => {
  app.get(
    '/me/calendar-feeds',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'listCalendarFeeds',
        tags,
        summary: "The caller's private calendar feeds (never their URLs)",
        response: { 200: CalendarFeedListSchema },
      },
    },
    async (request) => ({ items: await listCalendarFeeds(deps, request.actor) }),
  );

  app.post(
    '/me/calendar-feeds',
    {
      // The answer holds the feed's secret, which no cache may keep.
      config: { signIn: true },
      schema: {
        operationId: 'createCalendarFeed',
        tags,
        summary: 'Make a private calendar feed URL that shows what the caller may see',
        description:
          'The URL is answered this once. A calendar app subscribes to it without signing in, ' +
          'and sees exactly what the caller may see, until the feed is revoked or its user is ' +
          'disabled.',
        body: CreateCalendarFeedSchema.nullish(),
        response: { 201: CreatedCalendarFeedSchema },
      },
    },
    async (request, reply) => {
      const origin = originOf(publicUrl, request);
      const created = await createCalendarFeed(
        deps,
        request.actor,
        request.body ?? {},
        (secret) => `${origin}${feedPathOf(secret)}`,
      );
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/me/calendar-feeds/:id',
    {
      schema: {
        operationId: 'revokeCalendarFeed',
        tags,
        summary: "Revoke one of the caller's calendar feeds: its URL answers 404 from now on",
        params: IdParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeCalendarFeed(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  // The secret is the credential: whoever holds the URL reads its user's view, and the URL
  // opens nothing else. Public, so that the calendar app's request, which has no header,
  // reaches it; any credential sent with it is not what decides what the feed shows.
  app.get(
    '/calendar/:token.ics',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getCalendarFeed',
        tags,
        summary: "A private calendar feed: its user's meetings as an iCalendar (RFC 5545) feed",
        description:
          "What the feed's user may see, from 90 days ago to a year ahead, streamed like " +
          'GET /api/meetings.ics. An unknown or revoked feed, or one whose user is disabled, ' +
          'answers 404.',
        params: CalendarFeedParamsSchema,
        response: {
          200: {
            description: 'An iCalendar (RFC 5545) document',
            content: { 'text/calendar': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const calendar = await readCalendarFeed(deps, request.params.token);
      // Private to its user: no shared cache may keep it, nor the calendar app's disk.
      reply.header('cache-control', 'private, no-store');
      return sendCalendar(reply, calendar);
    },
  );
};
