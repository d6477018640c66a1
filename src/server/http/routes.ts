import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../deps.ts';

export interface RouteOptions {
  deps: Deps;
  /** Sign-in attempts allowed per client address per minute. */
  loginLimit: number;
  /** Sign-in attempts allowed per account (party and username) per window, from any address. */
  accountLimit: { attempts: number; windowMs: number };
  /** PUBLIC_URL, where people reach the server: the origin of the addresses a route gives out. */
  publicUrl?: string | undefined;
  /** How often an open event stream sends a heartbeat (GET /api/events); 15 s by default. */
  eventsHeartbeatMs?: number | undefined;
}

/** Every feature's routes are a plugin of this shape, registered under /api by app.ts. */
export type Routes = FastifyPluginAsyncZod<RouteOptions>;
