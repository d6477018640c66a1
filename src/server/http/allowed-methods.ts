import type { FastifyInstance } from 'fastify';
import FindMyWay from 'find-my-way';

/** The router options the app and its copy below share, so that both match a path alike. */
export const ROUTER_OPTIONS = { ignoreTrailingSlash: true, maxParamLength: 200 } as const;

/**
 * Keeps a copy of the app's routing table in find-my-way (the router Fastify itself uses) and
 * answers which methods a concrete path has: Fastify's own lookups take a route pattern, not a
 * path such as /api/meetings/abc, and a 405 must say what that path allows. Call it before the
 * routes are registered. The copy is built at the first question, not route by route: adding
 * some 300 routes to a router is a tenth of the time a start takes, and only a wrong path asks.
 */
export function trackAllowedMethods(app: FastifyInstance): (path: string) => string[] {
  const routes = new Map<string, { method: string; url: string }>();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      // Fastify reports the HEAD twin of a GET route as a route of its own.
      routes.set(`${method} ${route.url}`, { method, url: route.url });
    }
  });
  let copy: { router: FindMyWay.Instance<FindMyWay.HTTPVersion.V1>; methods: string[] } | undefined;
  const built = () => {
    if (copy !== undefined) return copy;
    const router = FindMyWay(ROUTER_OPTIONS);
    for (const { method, url } of routes.values()) router.on(method as 'GET', url, () => {});
    copy = { router, methods: [...new Set([...routes.values()].map((r) => r.method))] };
    return copy;
  };
  return (path) => {
    const { router, methods } = built();
    return methods.filter((method) => router.find(method as 'GET', path) !== null);
  };
}
