import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

export type HeaderSet = Readonly<Record<string, string>>;

/**
 * The headers helmet's defaults send (a strict Content-Security-Policy with no inline script,
 * HSTS, nosniff, frame and referrer policies...), asked of helmet itself once. None of its
 * defaults depends on the request, so they are the same bytes for every answer.
 */
export function helmetHeaders(): HeaderSet {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown = null;
  helmet()({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error ?? null;
  });
  if (failure !== null) throw failure;
  return headers;
}

/**
 * A Content-Security-Policy with upgrade-insecure-requests exactly when the request came over
 * https: over plain HTTP to a host name it makes the browser fetch the page's scripts over
 * https, which fails.
 */
export function withUpgrade(policy: string, https: boolean): string {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && d !== 'upgrade-insecure-requests');
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** Helmet's headers as sent over plain HTTP and over https: they differ in the policy only. */
function headersByProtocol(): { http: HeaderSet; https: HeaderSet } {
  const base = helmetHeaders();
  const policy = base['content-security-policy'] ?? '';
  return {
    http: { ...base, 'content-security-policy': withUpgrade(policy, false) },
    https: { ...base, 'content-security-policy': withUpgrade(policy, true) },
  };
}

let computed: { http: HeaderSet; https: HeaderSet } | undefined;

/**
 * Helmet's headers for an answer over plain HTTP or https, computed once per process: set on
 * every answer by the hook below, and by the error handlers on the answers no hook sees (what
 * the router or Node's parser refuses before a route is chosen).
 */
export function securityHeadersOf(https: boolean): HeaderSet {
  computed ??= headersByProtocol();
  return https ? computed.https : computed.http;
}

/**
 * Helmet's headers on every answer, computed once (securityHeadersOf). @fastify/helmet builds a new helmet
 * middleware, its options parsed again, on every request: a fifth of a meeting read's time.
 * Routes that need another policy (the web pages' nonces, Swagger UI's hashes) set their own
 * header over this one; `fitPolicyToProtocol` then fits it to the request's protocol.
 */
export const securityHeaders = fp(
  async (app: FastifyInstance) => {
    securityHeadersOf(false); // computed now, at start, not by the first request
    // A callback hook, not an async one: nothing here waits, and a promise per hook per
    // request is time a read pays for nothing.
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(securityHeadersOf(request.protocol === 'https'));
      done();
    });
  },
  { name: 'council-security-headers' },
);

/**
 * The onSend hook that fits a route's own policy to the request's protocol; registered after
 * every other plugin, so that it sees what Swagger UI's own onSend hook set. The common case,
 * the policy set at onRequest, is already fitted and passes untouched.
 */
export function fitPolicyToProtocol(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    const sent = reply.getHeader('content-security-policy');
    if (typeof sent === 'string') {
      const https = request.protocol === 'https';
      if (sent !== securityHeadersOf(https)['content-security-policy']) {
        reply.header('content-security-policy', withUpgrade(sent, https));
      }
    }
    done(null, payload);
  });
}
