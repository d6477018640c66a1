import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode, type FieldError } from '../domain/errors.ts';

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
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

function kebab(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export function problem(
  status: number,
  code: string,
  detail?: string,
  errors?: FieldError[],
): Problem {
  return {
    type: `/docs/errors#${kebab(code)}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    ...(detail === undefined ? {} : { detail }),
    ...(errors === undefined ? {} : { errors }),
  };
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  body: Problem,
): FastifyReply {
  return reply
    .code(body.status)
    .type('application/problem+json')
    .send({ ...body, instance: request.url });
}

/** Names the field of each Zod issue the way clients name it: `body.startsAt`, `query.limit`. */
function fieldErrors(error: FastifyError): FieldError[] {
  // Fastify calls the query string `querystring`; clients know it as the query.
  const raw = (error as { validationContext?: string }).validationContext ?? 'body';
  const context = raw === 'querystring' ? 'query' : raw;
  return (error.validation ?? []).flatMap((issue) => {
    const path = (issue as { instancePath?: string }).instancePath ?? '';
    const segments = path.split('/').filter(Boolean);
    const params = issue.params as { keys?: unknown } | undefined;
    // Zod reports all unknown fields of an object as one issue on the object itself; the
    // client needs each field named, as it would be for any other mistake.
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(params?.keys)) {
      return params.keys.map((key) => ({
        field: [context, ...segments, String(key)].join('.'),
        message: 'is not a field of this request',
      }));
    }
    return [{ field: [context, ...segments].join('.'), message: issue.message ?? 'is invalid' }];
  });
}

// Fastify's own client errors, by code, with the status and problem code we answer them with.
const FASTIFY_CLIENT_ERRORS: Record<string, [number, ProtocolCode]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BodyTooLarge'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UnsupportedMediaType'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'MalformedJson'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'MalformedJson'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'BadRequest'],
};

/** Codes the HTTP layer answers with on its own, beside the domain's. */
export const PROTOCOL_CODES = [
  'MalformedJson',
  'BadRequest',
  'UnsupportedMediaType',
  'BodyTooLarge',
  'TooManyRequests',
  'InternalError',
] as const;
type ProtocolCode = (typeof PROTOCOL_CODES)[number];

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      const status = STATUS_BY_CODE[error.code];
      return sendProblem(reply, request, problem(status, error.code, error.message, error.errors));
    }
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      const errors = fieldErrors(error);
      const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      return sendProblem(reply, request, problem(400, 'ValidationFailed', detail, errors));
    }
    const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (known) {
      return sendProblem(reply, request, problem(known[0], known[1], error.message));
    }
    if (error.statusCode === 429) {
      return sendProblem(reply, request, problem(429, 'TooManyRequests', error.message));
    }
    if (
      error instanceof SyntaxError ||
      (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    ) {
      return sendProblem(
        reply,
        request,
        problem(error.statusCode ?? 400, 'BadRequest', error.message),
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      reply,
      request,
      problem(500, 'InternalError', 'something went wrong on our side'),
    );
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      problem(404, 'NotFound', `no route ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
}
