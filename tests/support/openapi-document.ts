import openapiTS from 'openapi-typescript';
import { createTestContext } from './test-context.ts';

/** The OpenAPI document exactly as the running application serves it at /openapi.json. */
export async function openApiDocument(): Promise<unknown> {
  const ctx = await createTestContext({ seed: 'none' });
  try {
    return (await ctx.app.inject({ url: '/openapi.json' })).json();
  } finally {
    await ctx.close();
  }
}

/** The TypeScript types of `document` (src/shared/api/openapi.d.ts), by openapi-typescript. */
export async function openApiTypes(document: unknown): Promise<string> {
  // openapi-typescript takes the document as a plain object; it changes nothing in it.
  return openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0]);
}
