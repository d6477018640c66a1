import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { NoQuerySchema, ProblemSchema } from '../shared/common.schemas.ts';
import type { Deps } from './deps.ts';
import { ROUTER_OPTIONS, trackAllowedMethods } from './http/allowed-methods.ts';
import { cursorSigning } from './http/cursors.ts';
import { registerErrorDocs } from './http/error-docs.ts';
import {
  clientErrorHandler,
  frameworkErrorHandler,
  registerErrorHandling,
} from './http/error-handler.ts';
import type { Routes } from './http/routes.ts';
import { fitPolicyToProtocol, securityHeaders } from './http/security-headers.ts';
import { endUnusedConnectionsOnClose } from './http/unused-connections.ts';
import { DEFAULT_WEB_ROOT, registerWebApp } from './http/web-app.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { addressAttemptsStore } from './modules/auth/address-attempts-store.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { accessOf, authPlugin } from './modules/auth/authenticate.plugin.ts';
import { ACCOUNT_SIGN_IN_LIMIT } from './modules/auth/sign-in-limit.policy.ts';
import { usersRoutes } from './modules/auth/users.routes.ts';
import { calendarFeedsRoutes } from './modules/calendar/calendar-feeds.routes.ts';
import { councilRoutes } from './modules/council/council.routes.ts';
import { decisionsRoutes } from './modules/decisions/decisions.routes.ts';
import { eventsRoutes } from './modules/events/events.routes.ts';
import { meetingsRoutes } from './modules/meetings/meetings.routes.ts';
import { notesRoutes } from './modules/notes/notes.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { officesRoutes } from './modules/offices/offices.routes.ts';
import { operationsRoutes } from './modules/operations/operations.routes.ts';
import { partiesRoutes } from './modules/parties/parties.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { recordRoutes } from './modules/record/record.routes.ts';
import { searchRoutes } from './modules/search/search.routes.ts';
import { sourcesRoutes } from './modules/sources/sources.routes.ts';
import { notificationDelivery } from './modules/texts/notification-delivery.plugin.ts';
import { silenceRoutes } from './modules/texts/silence.routes.ts';
import { silenceScheduler } from './modules/texts/silence-scheduler.plugin.ts';
import { textExportsRoutes } from './modules/texts/text-exports.routes.ts';
import { textsRoutes } from './modules/texts/texts.routes.ts';
import { timelineRoutes } from './modules/timeline/timeline.routes.ts';
import { topicsRoutes } from './modules/topics/topics.routes.ts';
import { workProgrammesRoutes } from './modules/work-programmes/work-programmes.routes.ts';

export interface AppOptions {
  deps: Deps;
  /** Signs the session cookie. */
  secret: string;
  logger?: FastifyServerOptions['logger'];
  /** Sign-in attempts allowed per client address per minute. */
  loginAttemptsPerMinute?: number;
  /**
   * Sign-in attempts allowed per account (party and username, whether or not it exists) per
   * window, whatever the address; by default 10 per 15 minutes.
   */
  accountSignInLimit?: { attempts: number; windowMs: number };
  /** Which proxies to believe for the client address (Fastify's trustProxy). */
  trustProxy?: boolean | string | ((address: string, hop: number) => boolean);
  /** PUBLIC_URL, e.g. https://council.example.org: the origin problem types point to. */
  publicUrl?: string | undefined;
  /** The built web application (`npm run build`); dist/web by default. */
  webRoot?: string;
  /** How often an open event stream sends a heartbeat (GET /api/events); 15 s by default. */
  eventsHeartbeatMs?: number | undefined;
  /**
   * When the notices changes leave are handed out: after each burst of commits (the default),
   * or only when `app.deliverNotifications()` is called (tests that look at notifications at a
   * moment they choose).
   */
  notifications?: 'after-commit' | 'on-demand';
}

/** Every feature's routes, mounted under /api: the composition root wires them, no folder below. */
const API_ROUTES: Routes[] = [
  authRoutes,
  usersRoutes,
  councilRoutes,
  partiesRoutes,
  peopleRoutes,
  topicsRoutes,
  meetingsRoutes,
  calendarFeedsRoutes,
  workProgrammesRoutes,
  decisionsRoutes,
  textsRoutes,
  silenceRoutes,
  notificationsRoutes,
  textExportsRoutes,
  recordRoutes,
  notesRoutes,
  officesRoutes,
  operationsRoutes,
  timelineRoutes,
  sourcesRoutes,
  searchRoutes,
  auditRoutes,
  eventsRoutes,
];

export const BODY_LIMIT_BYTES = 1024 * 1024;

const SIGNED_IN: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const PROBLEM_RESPONSE = {
  description: 'A problem (RFC 9457); `code` says which, `type` leads to its explanation.',
  content: { 'application/problem+json': { schema: ProblemSchema } },
};

/**
 * fastify-type-provider-zod writes an input and an output variant of every registered schema;
 * the one no operation refers to (ProblemInput: no request takes a problem) is noise that
 * linters rightly report.
 */
function withoutUnusedSchemas<T extends object>(document: T): T {
  const { components, ...rest } = document as {
    components?: { schemas?: Record<string, unknown> };
  };
  const schemas = components?.schemas;
  if (!schemas) return document;
  const refersTo = (text: string, name: string) =>
    text.includes(JSON.stringify(`#/components/schemas/${name}`));
  // What the operations reach, directly or through other schemas they reach.
  const reached = new Set<string>();
  let frontier = [JSON.stringify(rest)];
  while (frontier.length > 0) {
    const texts = frontier;
    frontier = [];
    for (const [name, schema] of Object.entries(schemas)) {
      if (!reached.has(name) && texts.some((text) => refersTo(text, name))) {
        reached.add(name);
        frontier.push(JSON.stringify(schema));
      }
    }
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)));
  return { ...document, components: { ...components, schemas: kept } };
}

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;

/**
 * What Fastify asks for a context's validator and serializer: Zod's. Typed for Fastify's own
 * Ajv-based compilers; at run time any compiler is taken, which is how setValidatorCompiler
 * installs one itself (fastify/lib/schema-controller.js), hence the casts.
 */
const ZOD_COMPILERS: CompilersFactory = {
  buildValidator: (() => validatorCompiler) as unknown as CompilersFactory['buildValidator'],
  buildSerializer: (() => serializerCompiler) as unknown as CompilersFactory['buildSerializer'],
};

/** A URL as the log keeps it: a calendar feed's secret is its credential, and stays out. */
export function loggedUrl(url: string): string {
  return url.replace(/^\/api\/calendar\/[^/?#]+\.ics/, '/api/calendar/<secret>.ics');
}

/**
 * The logger's options with the request written as Fastify writes it, less the secret of a
 * feed URL: a log is read by more people than may read every user's calendar.
 */
function withoutSecrets(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === undefined || logger === false) return false;
  const options = logger === true ? {} : logger;
  return {
    ...options,
    serializers: {
      ...options.serializers,
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: loggedUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
}

/** Builds the whole application without listening, so that tests can `inject` into it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withoutSecrets(options.logger),
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind a reverse proxy the rate limit must count clients, not the proxy.
    trustProxy: options.trustProxy ?? false,
    // Keep query strings simple: arrays and nested objects are not part of this API.
    routerOptions: ROUTER_OPTIONS,
    // A bad percent-encoding or an over-long id is refused by the router before any route runs;
    // handing it to the error handler makes it a problem+json like every other error.
    frameworkErrors: frameworkErrorHandler(options.publicUrl),
    // Oversized headers are refused by Node's parser before Fastify sees a request.
    clientErrorHandler: clientErrorHandler(options.publicUrl),
    // Zod validates and serializes every route (set again below, where Fastify documents it).
    // Named here as well, Fastify never loads its default compilers, Ajv and
    // fast-json-stringify, which no route uses: a tenth of a start's time.
    schemaController: { compilersFactory: ZOD_COMPILERS },
  }).withTypeProvider<ZodTypeProvider>();

  endUnusedConnectionsOnClose(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies: the docs promise 415 for anything else, text/plain included.
  app.removeContentTypeParser('text/plain');
  registerErrorHandling(app, {
    publicUrl: options.publicUrl,
    allowedMethods: trackAllowedMethods(app),
  });

  // Every API route answers errors as problem+json; saying so once documents it on each route.
  // A route without query parameters still refuses unknown ones: `?at=` on a route that takes
  // no date must not look as if it had been applied. Each operation's security comes from the
  // same access rule the auth hook enforces.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.schema?.hide) return;
    const response = (route.schema?.response ?? {}) as Record<string, unknown>;
    const signedIn = accessOf(route.method, route.config) === 'signed-in';
    route.schema = {
      ...route.schema,
      querystring: route.schema?.querystring ?? NoQuerySchema,
      security: signedIn ? SIGNED_IN : [{}, ...SIGNED_IN],
      response: { ...response, '4XX': PROBLEM_RESPONSE, '5XX': PROBLEM_RESPONSE },
    };
  });

  // Helmet's strict defaults everywhere (no inline scripts); the API docs set their own policy
  // below, allowing only the hashes of Swagger UI's own inline code.
  await app.register(securityHeaders);
  await app.register(cookie, { secret: options.secret });
  // The per-address sign-in budget is counted in the database: one budget across instances.
  await app.register(rateLimit, { global: false, store: addressAttemptsStore(options.deps) });
  await app.register(authPlugin, { deps: options.deps });
  await app.register(cursorSigning, { secret: options.secret });
  // Before the routes: a deadline that passed is settled before any request is answered.
  await app.register(silenceScheduler, { deps: options.deps });
  // Notices changes left for a text's readers are handed out after their commits.
  await app.register(notificationDelivery, {
    deps: options.deps,
    afterCommit: (options.notifications ?? 'after-commit') === 'after-commit',
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Joint Council API',
        version: '0.1.0',
        description:
          'The secretariat of a permanent joint council. Items are public, joint (both parties) or caucus (one party); anything the caller may not see answers 404.',
      },
      // Relative: the document is served by the API it describes, wherever that runs.
      servers: [{ url: options.publicUrl ?? '/' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'A token from POST /api/tokens, for scripts (and Swagger UI).',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'council_session',
            description:
              'The browser session from POST /api/session; state-changing requests also send its csrfToken as x-csrf-token.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    // Schemas registered with an id (problem details, the topic tree) become shared components.
    transformObject: (document) => withoutUnusedSchemas(jsonSchemaTransformObject(document)),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerErrorDocs(app);
  // The web application: its pages at their own addresses, its hashed assets under /assets.
  await registerWebApp(app, options.webRoot ?? DEFAULT_WEB_ROOT);

  const loginLimit = options.loginAttemptsPerMinute ?? 10;
  const accountLimit = options.accountSignInLimit ?? ACCOUNT_SIGN_IN_LIMIT;
  await app.register(
    async (api) => {
      for (const routes of API_ROUTES) {
        await api.register(routes, {
          deps: options.deps,
          loginLimit,
          accountLimit,
          publicUrl: options.publicUrl,
          eventsHeartbeatMs: options.eventsHeartbeatMs,
        });
      }
    },
    { prefix: '/api' },
  );
  // Last, so that it runs after every other onSend hook, Swagger UI's own policy included.
  fitPolicyToProtocol(app);
  return app;
}
