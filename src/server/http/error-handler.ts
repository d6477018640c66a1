import type * as Http from 'node:http';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  DomainError,
  type ErrorCode,
  type FieldError,
  type FieldLocation,
} from '../domain/errors.ts';
import { securityHeadersOf } from './security-headers.ts';

// Required, not imported: an ESM import of node:http builds its module namespace, which reads
// every export, and reading http.WebSocket loads Node's whole fetch implementation (undici),
// some 20-40 ms of every start. Fastify requires node:http the same way.
const { STATUS_CODES } = createRequire(import.meta.url)('node:http') as typeof Http;

/** The one table from domain error codes to HTTP statuses. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  NotFound: 404,
  ValidationFailed: 400,
  Unauthenticated: 401,
  InvalidCredentials: 401,
  Forbidden: 403,
  NotYourParty: 403,
  CsrfTokenMissing: 403,
  Conflict: 409,
  AlreadyExists: 409,
  WeakPassword: 422,
  AgendaLocked: 409,
  DecisionClosed: 409,
  AlreadyResponded: 409,
  VisibilityTooWide: 422,
  InvalidSearch: 400,
  InvalidCursor: 400,
  JointMeetingOnly: 409,
  MeetingNotHeld: 409,
  VersionRequired: 428,
  StaleVersion: 409,
  AlreadyAgreed: 409,
  NeedsBothParties: 409,
  PasswordChangeRequired: 403,
  TooManyAttempts: 429,
  TooManyStreams: 429,
};

/** Codes the HTTP layer answers with on its own, beside the domain's, with their statuses. */
export const PROTOCOL_STATUS = {
  MalformedJson: 400,
  MalformedUrl: 400,
  BadRequest: 400,
  MethodNotAllowed: 405,
  RequestTimeout: 408,
  BodyTooLarge: 413,
  UriTooLong: 414,
  UnsupportedMediaType: 415,
  TooManyRequests: 429,
  HeadersTooLarge: 431,
  InternalError: 500,
} as const satisfies Record<string, number>;
export type ProtocolCode = keyof typeof PROTOCOL_STATUS;
export const PROTOCOL_CODES = Object.keys(PROTOCOL_STATUS) as ProtocolCode[];
export type ProblemCode = ErrorCode | ProtocolCode;

/**
 * Each problem's own short title (RFC 9457 `title`): what went wrong, the same for every
 * occurrence of the code, where the HTTP reason phrase would say only "Conflict". docs/errors.md
 * lists the same titles; error-handler.test.ts keeps the two in step.
 */
export const TITLE_BY_CODE: Record<ProblemCode, string> = {
  NotFound: 'Not found',
  ValidationFailed: 'The request is not valid',
  Unauthenticated: 'Sign-in required',
  InvalidCredentials: 'The party, username or password is wrong',
  Forbidden: 'Your roles do not allow this',
  NotYourParty: 'This belongs to another party',
  CsrfTokenMissing: 'The CSRF token is missing or wrong',
  Conflict: "The change conflicts with the item's state",
  AlreadyExists: 'It already exists',
  WeakPassword: 'The password is too weak',
  AgendaLocked: 'The agenda is locked',
  DecisionClosed: 'The decision is closed',
  AlreadyResponded: 'Your party has already responded',
  VisibilityTooWide: 'The visibility is wider than the parent allows',
  InvalidSearch: 'The search cannot be run',
  InvalidCursor: 'The cursor is not valid',
  JointMeetingOnly: 'Only joint meetings have this',
  MeetingNotHeld: 'The meeting has not been held',
  VersionRequired: 'Name the version you read',
  StaleVersion: 'The item changed since you read it',
  AlreadyAgreed: 'This has already been agreed',
  NeedsBothParties: 'Both parties must agree to this',
  PasswordChangeRequired: 'Choose a new password first',
  TooManyAttempts: 'Too many sign-in attempts for this account',
  TooManyStreams: 'Too many event streams open',
  MalformedJson: 'The body is not valid JSON',
  MalformedUrl: 'The URL is malformed',
  BadRequest: 'The request is malformed',
  MethodNotAllowed: 'The method is not allowed here',
  RequestTimeout: 'The request took too long to arrive',
  BodyTooLarge: 'The body is too large',
  UriTooLong: 'The URL is too long',
  UnsupportedMediaType: 'The body is not JSON',
  TooManyRequests: 'Too many attempts',
  HeadersTooLarge: 'The headers are too large',
  InternalError: 'Something went wrong on our side',
};

export function statusOf(code: ProblemCode): number {
  return code in PROTOCOL_STATUS
    ? PROTOCOL_STATUS[code as ProtocolCode]
    : STATUS_BY_CODE[code as ErrorCode];
}

/** The anchor of a code on the /docs/errors page: AgendaLocked -> agenda-locked. */
export function kebab(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

/** RFC 6750: a 401 names the scheme and realm the client should authenticate with. */
export const WWW_AUTHENTICATE = 'Bearer realm="joint-council"';

/**
 * A field's problem as a client reads it: the domain's name of the field, where in the request
 * it was, and the JSON Pointer (RFC 6901) to it within that part (`/paragraphs/0/id`).
 */
export interface ProblemFieldError {
  field: string;
  in?: FieldLocation;
  pointer: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
}

/** RFC 6901: `paragraphs.0.id` -> `/paragraphs/0/id`, with `~` and `/` escaped in a name. */
export function pointerOf(field: string): string {
  if (field === '') return '';
  return `/${field
    .split('.')
    .map((segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1'))
    .join('/')}`;
}

function keysOf(value: unknown): Set<string> {
  return value !== null && typeof value === 'object' ? new Set(Object.keys(value)) : new Set();
}

/**
 * Where a field the domain named was in the request: the part of the request that holds a key
 * of that name (the body first, then the query, then the path), else the body for a
 * validation error (a field the caller should have sent). A field that names no input (a
 * text's `state` in a conflict) has no location.
 */
export function locate(
  request: Pick<FastifyRequest, 'body' | 'query' | 'params'>,
  code: ProblemCode,
  errors: readonly FieldError[],
): ProblemFieldError[] {
  const parts: [FieldLocation, Set<string>][] = [
    ['body', keysOf(request.body)],
    ['query', keysOf(request.query)],
    ['params', keysOf(request.params)],
  ];
  return errors.map(({ field, message, in: given }) => {
    const head = field.split('.')[0] ?? '';
    const where =
      given ??
      parts.find(([, keys]) => keys.has(head))?.[0] ??
      (code === 'ValidationFailed' ? 'body' : undefined);
    return {
      field,
      ...(where === undefined ? {} : { in: where }),
      pointer: pointerOf(field),
      message,
    };
  });
}

/** The problem body for `code`; `origin` makes its type an address a person can open. */
export function problem(
  origin: string,
  code: ProblemCode,
  detail?: string,
  errors?: ProblemFieldError[],
): Problem {
  return {
    type: `${origin}/docs/errors#${kebab(code)}`,
    title: TITLE_BY_CODE[code],
    status: statusOf(code),
    code,
    ...(detail === undefined ? {} : { detail }),
    ...(errors === undefined ? {} : { errors }),
  };
}

/** Where this server is reached: PUBLIC_URL when configured, else what the request says. */
export function originOf(publicUrl: string | undefined, request: FastifyRequest): string {
  return publicUrl ?? `${request.protocol}://${request.host || 'localhost'}`;
}

// Fastify's names for the parts of a request it validates, and the clients' names for them.
const VALIDATION_CONTEXTS: Record<string, FieldLocation> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'header',
};

/** Names the field of each Zod issue by its path in the part of the request that held it. */
function fieldErrors(error: FastifyError): ProblemFieldError[] {
  const raw = (error as { validationContext?: string }).validationContext ?? 'body';
  const context = VALIDATION_CONTEXTS[raw] ?? 'body';
  const named = (segments: string[], message: string): ProblemFieldError => {
    const field = segments.join('.');
    return { field, in: context, pointer: pointerOf(field), message };
  };
  return (error.validation ?? []).flatMap((issue) => {
    const path = (issue as { instancePath?: string }).instancePath ?? '';
    const segments = path.split('/').filter(Boolean);
    const params = issue.params as { keys?: unknown } | undefined;
    // Zod reports all unknown fields of an object as one issue on the object itself; the
    // client needs each field named, as it would be for any other mistake.
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(params?.keys)) {
      return params.keys.map((key) =>
        named([...segments, String(key)], 'is not a field of this request'),
      );
    }
    return [named(segments, issue.message ?? 'is invalid')];
  });
}

// Fastify's own client errors, by code, with the problem code we answer them with.
const FASTIFY_CLIENT_ERRORS: Record<string, ProtocolCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BodyTooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UnsupportedMediaType',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MalformedJson',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MalformedJson',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BadRequest',
  // Raised by the router before any route is found (Fastify's frameworkErrors).
  FST_ERR_BAD_URL: 'MalformedUrl',
  FST_ERR_MAX_PARAM_LENGTH: 'UriTooLong',
};

export interface ErrorHandlingOptions {
  /** PUBLIC_URL: the origin problem types point to; else each request's own. */
  publicUrl?: string | undefined;
  /** The methods the app has for a concrete path (empty when it has none). */
  allowedMethods: (path: string) => string[];
}

type SendProblem = (
  reply: FastifyReply,
  request: FastifyRequest,
  code: ProblemCode,
  detail?: string,
  errors?: ProblemFieldError[],
) => FastifyReply;

/** Sends the problem for `code`, with the instance that failed and, on a 401, the challenge. */
function problemSender(publicUrl: string | undefined): SendProblem {
  return (reply, request, code, detail, errors) => {
    const body = problem(originOf(publicUrl, request), code, detail, errors);
    if (body.status === 401) reply.header('www-authenticate', WWW_AUTHENTICATE);
    return reply
      .code(body.status)
      .type('application/problem+json')
      .send({ ...body, instance: request.url });
  };
}

/**
 * Fastify's frameworkErrors: what the router refuses before any route (and so before the error
 * handler) is chosen, a bad percent-encoding or an over-long id.
 */
export function frameworkErrorHandler(publicUrl: string | undefined) {
  const send = problemSender(publicUrl);
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    // No onRequest hook ran for this request: the security headers are set here.
    reply.headers(securityHeadersOf(request.protocol === 'https'));
    send(reply, request, FASTIFY_CLIENT_ERRORS[error.code] ?? 'BadRequest', error.message);
  };
}

export function registerErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions): void {
  const send = problemSender(options.publicUrl);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      if (error.retryAfterSeconds !== undefined) {
        reply.header('retry-after', String(error.retryAfterSeconds));
      }
      const errors = error.errors && locate(request, error.code, error.errors);
      return send(reply, request, error.code, error.message, errors);
    }
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      const errors = fieldErrors(error);
      const detail = errors.map((e) => `${e.field || e.in}: ${e.message}`).join('; ');
      return send(reply, request, 'ValidationFailed', detail, errors);
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (known) return send(reply, request, known, error.message);
    if (error.statusCode === 429) return send(reply, request, 'TooManyRequests', error.message);
    if (
      error instanceof SyntaxError ||
      (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    ) {
      return send(reply, request, 'BadRequest', error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 'InternalError', 'something went wrong on our side');
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = options.allowedMethods(path);
    // A route of the method that itself found nothing (a missing file under /assets/) is a
    // 404: 405 is only for a path the method has no route for.
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '));
      return send(reply, request, 'MethodNotAllowed', `${path} answers ${allowed.join(', ')}`);
    }
    return send(reply, request, 'NotFound', `no route ${request.method} ${path}`);
  });
}

/**
 * Answers what Node's HTTP parser refuses before Fastify sees a request (oversized headers, a
 * request that never finished, bytes that are not HTTP) with a problem+json like every other
 * error, written straight on the socket as Fastify's default handler does with plain JSON.
 */
export function clientErrorHandler(publicUrl: string | undefined) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const code: ProtocolCode =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 'HeadersTooLarge'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 'RequestTimeout'
          : 'BadRequest';
    // No Host header was read: the address the client reached is the best origin there is.
    const host = socket.localAddress?.includes(':')
      ? `[${socket.localAddress}]:${socket.localPort}`
      : `${socket.localAddress}:${socket.localPort}`;
    const scheme = 'encrypted' in socket ? 'https' : 'http';
    const body = JSON.stringify(problem(publicUrl ?? `${scheme}://${host}`, code, error.message));
    const status = PROTOCOL_STATUS[code];
    const headers = Object.entries(securityHeadersOf(scheme === 'https'))
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    if (socket.writable) {
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
          'Content-Type: application/problem+json; charset=utf-8\r\n' +
          headers +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          'Connection: close\r\n\r\n' +
          body,
      );
    } else {
      socket.destroy(error);
    }
  };
}
