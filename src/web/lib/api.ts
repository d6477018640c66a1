import createClient, { type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from '../../shared/api/openapi.d.ts';

/** A field's problem, as the contract documents it (name, where it was, JSON Pointer). */
export type FieldProblem = NonNullable<components['schemas']['Problem']['errors']>[number];

/** The answer of an operation when it succeeds (200 or 201), straight from the OpenAPI types. */
export type Ok<K extends keyof operations> = operations[K]['responses'] extends {
  200: { content: { 'application/json': infer T } };
}
  ? T
  : operations[K]['responses'] extends { 201: { content: { 'application/json': infer T } } }
    ? T
    : never;

/** An RFC 9457 problem as the API answers it, carried as an Error through TanStack Query. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly errors: FieldProblem[];
  constructor(status: number, body: unknown) {
    const problem = (body ?? {}) as Partial<components['schemas']['Problem']>;
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.code = problem.code;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

const CSRF_KEY = 'council.csrf';

/**
 * The session's CSRF token (sent back on every state-changing request). It is returned once, at
 * sign-in, and kept in this origin's storage so that a reload or a second tab keeps working; it
 * is worthless without the httpOnly session cookie, which scripts never read.
 */
export const csrf = {
  get: (): string | null => globalThis.localStorage?.getItem(CSRF_KEY) ?? null,
  set: (token: string | null) => {
    if (token) globalThis.localStorage?.setItem(CSRF_KEY, token);
    else globalThis.localStorage?.removeItem(CSRF_KEY);
  },
};

const withCsrf: Middleware = {
  onRequest({ request }) {
    const token = csrf.get();
    if (request.method !== 'GET' && token) request.headers.set('x-csrf-token', token);
    return request;
  },
};

export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? 'http://localhost',
  credentials: 'same-origin',
});
api.use(withCsrf);

/** The data of an answer, or its problem thrown (so queries and mutations see an error). */
export async function ok<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) throw new ApiProblem(response.status, error);
  return data as T;
}
