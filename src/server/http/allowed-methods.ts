import type { FastifyInstance } from 'fastify';
import FindMyWay from 'find-my-way';

/** The router options the app and its copy below share, so that both match a path alike. */
export const ROUTER_OPTIONS = { ignoreTrailingSlash: true, maxParamLength: 200 } as const;

/**
 * Keeps a copy of the app's routing table in find-my-way (the router Fastify itself uses) and
 * answers which methods a concrete path has: Fastify's own lookups take a route pattern, not a
 * path such as /api/meetings/abc, and a 405 must say what that path allows. Call it before the
 * routes are registered.
 */
export function trackAllowedMethods(app: FastifyInstance): (path: string) => string[] {
  const router = FindMyWay(ROUTER_OPTIONS);
  const methods = new Set<string>();
  const registered = new Set<string>();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      // Fastify reports the HEAD twin of a GET route as a route of its own.
      const key = `${method} ${route.url}`;
      if (registered.has(key)) continue;
      registered.add(key);
      methods.add(method);
      router.on(method as 'GET', route.url, () => {});
    }
  });
  return (path) => [...methods].filter((method) => router.find(method as 'GET', path) !== null);
}
