import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { NoQuerySchema, ProblemSchema } from '../shared/common.schemas.ts';
import type { Deps } from './deps.ts';
import { API_ROUTES } from './http/api-routes.ts';
import { authPlugin } from './http/auth.ts';
import { registerErrorHandling } from './http/error-handler.ts';
import { decoyHash } from './modules/auth/password-hash.ts';

export interface AppOptions {
  deps: Deps;
  /** Signs the session cookie. */
  secret: string;
  logger?: FastifyServerOptions['logger'];
  /** Sign-in attempts allowed per client address per minute. */
  loginAttemptsPerMinute?: number;
  /** Which proxies to believe for the client address (Fastify's trustProxy). */
  trustProxy?: boolean | string | ((address: string, hop: number) => boolean);
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the whole application without listening, so that tests can `inject` into it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  // Made before the first request, so that even the first unknown username costs exactly what a
  // wrong password does. It hashes on libuv's threads while the routes are built here.
  const decoyReady = decoyHash();
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind a reverse proxy the rate limit must count clients, not the proxy.
    trustProxy: options.trustProxy ?? false,
    // Keep query strings simple: arrays and nested objects are not part of this API.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  // Helmet's strict defaults everywhere (no inline scripts); the API docs set their own policy
  // below, allowing only the hashes of Swagger UI's own inline code.
  await app.register(helmet);
  await app.register(cookie, { secret: options.secret });
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin, { deps: options.deps });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Joint Council API',
        version: '0.1.0',
        description:
          'The secretariat of a permanent joint council. Items are public, joint (both parties) or caucus (one party); anything the caller may not see answers 404.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'council_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
    // Schemas registered with an id (the problem details) become shared components.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Until the web application arrives, the root leads to the API documentation.
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/docs'));

  // Every API route answers errors as problem+json; saying so once documents it on each route.
  // A route without query parameters still refuses unknown ones: `?at=` on a route that takes
  // no date must not look as if it had been applied.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.schema?.hide) return;
    const response = (route.schema?.response ?? {}) as Record<string, unknown>;
    route.schema = {
      ...route.schema,
      querystring: route.schema?.querystring ?? NoQuerySchema,
      response: { ...response, '4XX': ProblemSchema, '5XX': ProblemSchema },
    };
  });

  const loginLimit = options.loginAttemptsPerMinute ?? 10;
  await app.register(
    async (api) => {
      for (const routes of API_ROUTES) {
        await api.register(routes, { deps: options.deps, loginLimit });
      }
    },
    { prefix: '/api' },
  );
  await decoyReady;
  return app;
}
