import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './openapi.d.ts';

export type { paths };
export type CouncilClient = Client<paths>;

export interface CouncilClientOptions {
  /** Where the API runs, e.g. http://127.0.0.1:3000 (the paths start with /api). */
  baseUrl: string;
  /** A token from POST /api/tokens, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Another fetch, e.g. one that records or retries; the global one by default. */
  fetch?: typeof globalThis.fetch;
}

/**
 * A client typed from the committed OpenAPI document (`npm run openapi` regenerates both): a
 * path, a parameter or a field that the API does not have is a compile error, so web, CLI and
 * scripts cannot drift from the server. Errors come back as `error`, the problem+json body.
 *
 *   const council = createCouncilClient({ baseUrl, token });
 *   const { data, error } = await council.GET('/api/meetings/{id}', { params: { path: { id } } });
 */
export function createCouncilClient(options: CouncilClientOptions): CouncilClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
  });
}
