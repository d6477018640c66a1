import type { PassThrough } from 'node:stream';
import { z } from 'zod';
import { EventsHeadersSchema } from '../../../shared/events.schemas.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Routes } from '../../http/routes.ts';
import { resolveSession } from '../auth/resolve-session.ts';
import { openEventStream } from './open-event-stream.ts';
import { MAX_STREAMS_PER_CALLER, StreamQuota, streamHolder } from './stream-quota.ts';

/** A comment every 15 s keeps proxies from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

export const eventsRoutes: Routes = async (app, { deps, eventsHeartbeatMs }) => {
  const open = new Set<PassThrough>();
  // Per server: behind a load balancer each instance bounds its own sockets.
  const quota = new StreamQuota(MAX_STREAMS_PER_CALLER);
  // Ended before the server closes: an open stream would otherwise hold the close forever.
  app.addHook('preClose', async () => {
    for (const stream of open) stream.end();
  });

  app.get(
    '/events',
    {
      schema: {
        operationId: 'streamEvents',
        tags: ['events'],
        summary: 'Live updates: the changes the caller may see, as Server-Sent Events',
        description:
          'A `text/event-stream` of `change` events, one per change the caller may see (an ' +
          'anonymous caller: public ones), in commit order, each once. The data of each is a ' +
          'JSON object: `entity`, `id`, `action` (`entity.verb`), `at`, and `url`, the API ' +
          'address to read the item (or its parent) again, null where none does; never the ' +
          'content itself. The event id counts only the audiences the caller belongs to; send ' +
          'it back as `Last-Event-ID` to resume exactly after it. A comment line every 15 s ' +
          `keeps the connection open. A caller holds at most ${MAX_STREAMS_PER_CALLER} streams ` +
          'at once (a user, whatever its credentials; an anonymous caller, per address): one ' +
          'more answers 429 TooManyStreams.',
        headers: EventsHeadersSchema,
        response: {
          200: {
            description: 'An endless stream of Server-Sent Events',
            content: { 'text/event-stream': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const { actor, tokenSecret, sessionSecret } = request;
      const secret = tokenSecret ?? sessionSecret;
      const kind = tokenSecret !== null ? 'token' : 'session';
      // The same caller, with the same party and roles, as when the stream opened.
      const stillValid =
        actor.kind === 'user' && secret !== null
          ? async () => {
              const now = await resolveSession(deps, secret, kind);
              return (
                now !== null &&
                !now.mustChangePassword &&
                now.actor.kind === 'user' &&
                now.actor.userId === actor.userId &&
                now.actor.party === actor.party &&
                now.actor.roles.join() === actor.roles.join()
              );
            }
          : undefined;
      const release = quota.take(streamHolder(actor, request.ip));
      if (release === null) {
        throw new DomainError(
          'TooManyStreams',
          `at most ${MAX_STREAMS_PER_CALLER} event streams at once: close one first`,
          undefined,
          { retryAfterSeconds: Math.ceil((eventsHeartbeatMs ?? HEARTBEAT_MS) / 1000) },
        );
      }
      let stream: PassThrough;
      try {
        stream = await openEventStream(
          deps,
          actor,
          request.headers['last-event-id'] as string | undefined,
          { heartbeatMs: eventsHeartbeatMs ?? HEARTBEAT_MS, ...(stillValid ? { stillValid } : {}) },
        );
      } catch (error) {
        release();
        throw error;
      }
      open.add(stream);
      stream.on('close', () => {
        open.delete(stream);
        release();
      });
      request.raw.on('close', () => stream.destroy());
      return (
        reply
          .type('text/event-stream; charset=utf-8')
          .header('cache-control', 'no-store')
          // Tells nginx not to buffer the stream.
          .header('x-accel-buffering', 'no')
          // Fastify pipes a stream as it is, without the response schema's serializer.
          .send(stream as unknown as string)
      );
    },
  );
};
