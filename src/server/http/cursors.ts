import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../domain/errors.ts';

/**
 * Pagination cursors are signed at the edge. A list hands out `nextCursor`; before it leaves,
 * it is signed (HMAC-SHA256 with a key derived from COUNCIL_SECRET) for the route it came from
 * and the audience of the caller it was given to. A cursor that comes back is checked before
 * validation, and only its payload reaches the service: a forged or altered cursor, one taken
 * from another list, or one handed on to the other party's user is refused (InvalidCursor),
 * whatever its length or shape.
 */
const SIGNATURE_BYTES = 16;

function audienceOf(request: FastifyRequest): string {
  const actor = request.actor;
  return actor.kind === 'user' ? `user:${actor.party}` : actor.kind;
}

function signature(key: Buffer, request: FastifyRequest, payload: string): Buffer {
  return createHmac('sha256', key)
    .update(`${request.routeOptions.url ?? ''}\0${audienceOf(request)}\0${payload}`)
    .digest()
    .subarray(0, SIGNATURE_BYTES);
}

const invalidCursor = () =>
  new DomainError('InvalidCursor', 'the cursor is not one this list gave out', [
    { field: 'cursor', message: 'not a cursor from this list' },
  ]);

export const cursorSigning = fp(
  async (app: FastifyInstance, options: { secret: string }) => {
    const key = createHmac('sha256', options.secret).update('joint-council cursors').digest();

    // Callback hooks: neither waits for anything, and an async hook costs every request a
    // turn of the microtask queue, cursor or not.
    app.addHook('preValidation', (request, _reply, done) => {
      const query = request.query as Record<string, unknown> | undefined;
      const cursor = query?.cursor;
      if (typeof cursor !== 'string') return done();
      const dot = cursor.lastIndexOf('.');
      if (dot <= 0) return done(invalidCursor());
      const payload = cursor.slice(0, dot);
      const given = Buffer.from(cursor.slice(dot + 1), 'base64url');
      const expected = signature(key, request, payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return done(invalidCursor());
      }
      (query as Record<string, unknown>).cursor = payload;
      done();
    });

    app.addHook('preSerialization', (request, _reply, payload: unknown, done) => {
      if (typeof payload !== 'object' || payload === null || !('nextCursor' in payload)) {
        return done(null, payload);
      }
      const next = (payload as { nextCursor: unknown }).nextCursor;
      if (typeof next !== 'string') return done(null, payload);
      const signed = `${next}.${signature(key, request, next).toString('base64url')}`;
      done(null, { ...payload, nextCursor: signed });
    });
  },
  { name: 'council-cursors', dependencies: ['council-auth'] },
);
