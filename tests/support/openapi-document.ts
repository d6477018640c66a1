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
