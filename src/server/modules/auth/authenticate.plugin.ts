import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { runAsViewer, setViewer } from '../../db/postgres.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, ANONYMOUS, type AnonymousActor } from '../access/actor.ts';
import { viewerOf } from '../access/viewer.ts';
import { resolveSession } from './resolve-session.ts';

export const SESSION_COOKIE = 'council_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** Set when the caller came with a session cookie: its secret, for sign-out. */
    sessionSecret: string | null;
    /** Set when the caller came with a bearer token: its secret, for revoking it. */
    tokenSecret: string | null;
    /** The caller signed in with a password someone else chose and must choose its own. */
    passwordChangeRequired: boolean;
  }
  interface FastifyContextConfig {
    /** false on the routes that open a session, which no session can protect yet. */
    csrf?: boolean;
    /** Who may call the route; see `accessOf` for the default. */
    access?: Access;
    /** The route answers with a credential (a session or a token), which no cache may keep. */
    signIn?: boolean;
    /**
     * The route stays open to a caller who must choose a new password: choosing it, seeing who
     * it is (and why), signing in again or out. Every other route answers PasswordChangeRequired.
     */
    duringPasswordChange?: boolean;
  }
}

/**
 * `public`: anyone, each seeing what its visibility allows; `signed-in`: a user only, refused
 * with 401 before the request is even parsed, so that an anonymous caller learns nothing about
 * the route's input. The one place that decides, for the hook below and for the OpenAPI
 * document's `security` of each operation.
 */
export type Access = 'public' | 'signed-in';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A route's access: as configured, else reads are public and writes need a user. */
export function accessOf(
  method: string | string[],
  config: { access?: Access } | undefined,
): Access {
  if (config?.access) return config.access;
  return [method].flat().every((m) => SAFE_METHODS.has(m)) ? 'public' : 'signed-in';
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Works out the caller for every request: a bearer token, a session cookie, or nobody.
 * Cookie-authenticated requests that change state must echo the session's CSRF token in the
 * x-csrf-token header (synchroniser token pattern, on top of SameSite=Strict).
 */
function authenticate(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> | null {
  request.actor = ANONYMOUS;
  request.sessionSecret = null;
  request.tokenSecret = null;
  request.passwordChangeRequired = false;
  if (request.headers.authorization === undefined && !request.cookies[SESSION_COOKIE]) return null;
  return authenticateCredential(deps, request, reply);
}

/** The caller's bearer token or session cookie, looked up. */
async function authenticateCredential(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const resolved = match?.[1] ? await resolveSession(deps, match[1], 'token') : null;
    if (!resolved) throw new DomainError('Unauthenticated', 'the bearer token is not valid');
    request.actor = resolved.actor;
    request.tokenSecret = match?.[1] ?? null;
    request.passwordChangeRequired = resolved.mustChangePassword;
    return;
  }
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return;
  // The cookie is signed with COUNCIL_SECRET: a forged or altered one never reaches the database.
  const unsigned = request.unsignCookie(raw);
  const secret = unsigned.valid ? unsigned.value : null;
  if (!secret) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return;
  }
  const resolved = await resolveSession(deps, secret, 'session');
  if (!resolved) {
    // A stale cookie is not an error: the caller is simply anonymous again.
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return;
  }
  if (!SAFE_METHODS.has(request.method) && request.routeOptions.config.csrf !== false) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !resolved.csrfToken || !sameToken(sent, resolved.csrfToken)) {
      throw new DomainError('CsrfTokenMissing', `send the session's CSRF token in ${CSRF_HEADER}`);
    }
  }
  request.actor = resolved.actor;
  request.sessionSecret = secret;
  request.passwordChangeRequired = resolved.mustChangePassword;
}

/**
 * Why the authenticated request may not go on, or undefined: the viewer of row-level security
 * is set to the caller first; a signed-in route refuses anonymous callers; a password someone
 * else chose holds every route but those that change it.
 */
function refusal(request: FastifyRequest): DomainError | undefined {
  setViewer(viewerOf(request.actor));
  // An unknown path has no access rule: it answers 404 or 405 to anyone.
  if (request.is404) return undefined;
  if (request.actor.kind === 'user') {
    // Someone else knows the password this session was opened with (an admin reset it):
    // until the user chooses its own, the session acts for nobody.
    if (request.passwordChangeRequired && !request.routeOptions.config.duringPasswordChange) {
      return new DomainError(
        'PasswordChangeRequired',
        'an admin set your password: choose your own with POST /api/me/password first',
      );
    }
    return undefined;
  }
  if (accessOf(request.method, request.routeOptions.config) === 'signed-in') {
    return new DomainError(
      'Unauthenticated',
      'sign in first: send a bearer token or the session cookie',
    );
  }
  return undefined;
}

export const authPlugin = fp(
  async (app: FastifyInstance, options: { deps: Deps }) => {
    // Fastify forbids object defaults on decorators (they would be shared); the hook sets it.
    app.decorateRequest('actor', null as unknown as AnonymousActor);
    app.decorateRequest('sessionSecret', null);
    app.decorateRequest('tokenSecret', null);
    app.decorateRequest('passwordChangeRequired', false);
    // Every request is served in a viewer scope of its own (a callback hook, so that the
    // handler runs inside it): PostgreSQL's row-level security then sees the caller the
    // request authenticated, never the system (db/postgres.ts). A caller with no credential
    // is settled without a promise: most reads are anonymous, and an async hook costs each
    // of them a turn of the microtask queue for nothing.
    app.addHook('onRequest', (request, reply, done) => {
      runAsViewer('anonymous', () => {
        const pending = authenticate(options.deps, request, reply);
        if (pending === null) {
          done(refusal(request));
          return;
        }
        pending.then(() => done(refusal(request)), done);
      });
    });
    // What a signed-in caller sees is its own (caucus items, its party's users) and a sign-in
    // answer holds a credential: neither may be kept by a browser or a shared cache.
    app.addHook('onSend', (request, reply, payload, done) => {
      const credentialed =
        request.headers.authorization !== undefined ||
        request.cookies[SESSION_COOKIE] !== undefined ||
        request.routeOptions.config.signIn === true;
      if (credentialed) reply.header('cache-control', 'no-store');
      done(null, payload);
    });
  },
  { name: 'council-auth', dependencies: ['@fastify/cookie'] },
);
