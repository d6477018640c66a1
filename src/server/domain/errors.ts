/**
 * Every error the domain can raise. The HTTP layer maps each code to a status in one table
 * (src/server/http/error-handler.ts) and docs/errors.md lists them all; a test keeps the
 * three in step.
 */
export const ERROR_CODES = [
  'NotFound',
  'ValidationFailed',
  'Unauthenticated',
  'InvalidCredentials',
  'Forbidden',
  'NotYourParty',
  'CsrfTokenMissing',
  'Conflict',
  'AlreadyExists',
  'WeakPassword',
  'AgendaLocked',
  'DecisionClosed',
  'AlreadyResponded',
  'VisibilityTooWide',
  'InvalidSearch',
  'InvalidCursor',
  'JointMeetingOnly',
  'MeetingNotHeld',
  'VersionRequired',
  'StaleVersion',
  'AlreadyAgreed',
  'NeedsBothParties',
  'PasswordChangeRequired',
  'TooManyAttempts',
  'TooManyStreams',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in a request a field was: the HTTP layer says so, the domain need not. */
export type FieldLocation = 'body' | 'query' | 'params' | 'header';

/**
 * One field's problem. `field` is the domain's own name for it, a dotted path for what is
 * nested (`startsAt`, `paragraphs.0.id`); `in` only where the name alone would be ambiguous
 * (the HTTP layer works out the rest from the request).
 */
export interface FieldError {
  field: string;
  message: string;
  in?: FieldLocation;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  /** Seconds until trying again makes sense: the HTTP layer sends it as Retry-After. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    errors?: FieldError[],
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.errors = errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** The one answer for anything the caller may not see: indistinguishable from absence. */
export function notFound(what: string): DomainError {
  return new DomainError('NotFound', `${what} not found`);
}

export function invalid(field: string, message: string, where?: FieldLocation): DomainError {
  return new DomainError('ValidationFailed', field ? `${field}: ${message}` : message, [
    where === undefined ? { field, message } : { field, message, in: where },
  ]);
}
