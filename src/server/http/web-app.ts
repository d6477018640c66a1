import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { WEB_PAGES } from '../../shared/web-routes.ts';

/** Where `npm run build` writes the web application (src/web/vite.config.ts). */
export const DEFAULT_WEB_ROOT = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../dist/web',
);

/** Stands in index.html (src/web/index.html) for the nonce of each answer. */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * The web application's policy: scripts only from this origin's files (no inline script, no
 * eval), styles from its files plus the <style> elements React Aria adds itself (a touch-action
 * rule), which carry this answer's nonce, read from `<meta property="csp-nonce">`. No inline
 * style attribute in markup is allowed (React sets styles through the CSSOM, which style-src
 * does not govern); no plugins, no framing, forms and fetches to this origin only.
 */
export function webCsp(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self'",
  ].join('; ');
}

/** Hashed file names never change content, so a year's caching is safe. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web application at the root: its hashed assets (precompressed .br/.gz when
 * the build wrote them), and its HTML at every page of WEB_PAGES, so that a page's address
 * works when typed, reloaded or followed from a search engine. Anything else under the root is
 * the server's ordinary 404, /api included. Without a build (tests, a fresh clone before
 * `npm run build`) the pages answer 503 naming the command.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const indexFile = join(webRoot, 'index.html');
  const built = existsSync(indexFile);
  if (built) {
    await app.register(fastifyStatic, {
      root: join(webRoot, 'assets'),
      prefix: '/assets/',
      preCompressed: true,
      immutable: true,
      maxAge: '365d',
      index: false,
      wildcard: true,
      schemaHide: true,
      setHeaders: (reply) => reply.header('cache-control', IMMUTABLE),
    });
    app.get('/favicon.svg', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('image/svg+xml')
        .header('cache-control', 'public, max-age=86400')
        .send(await readFile(join(webRoot, 'favicon.svg'))),
    );
  }
  let html: string | null = null;
  const page = async (reply: FastifyReply) => {
    if (!built) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send('The web application is not built: run `npm run build` (npm start does it).');
    }
    html ??= await readFile(indexFile, 'utf8');
    const nonce = randomBytes(16).toString('base64');
    // The page is the same for everyone (what a caller sees comes from the API), but a new
    // build changes the assets it names: revalidate every time.
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', webCsp(nonce))
      .header('cache-control', 'no-cache')
      .send(html.replaceAll(NONCE_PLACEHOLDER, nonce));
  };
  for (const path of WEB_PAGES) {
    app.get(path, { schema: { hide: true } }, async (_request, reply) => page(reply));
  }
}
