import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/server/domain/errors.ts';
import { kebab, PROTOCOL_CODES } from '../src/server/http/error-handler.ts';
import {
  addUser,
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';

/** What every client can rely on from the HTTP layer, whatever the route. */
let ctx: TestContext;
let member: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ app: { trustProxy: true } });
  member = await addUser(ctx, 'nato', ['member']);
});
afterAll(async () => ctx.close());

const isProblem = (response: { headers: Record<string, unknown> }) =>
  expect(String(response.headers['content-type'])).toContain('application/problem+json');

describe('a method the path does not have', () => {
  it('answers 405 with the methods it has in Allow, not 404', async () => {
    const response = await ctx.app.inject({
      method: 'PUT',
      url: '/api/meetings/any-id',
      headers: member.headers,
    });
    expect(response.statusCode).toBe(405);
    isProblem(response);
    expect(response.json()).toMatchObject({ status: 405, code: 'MethodNotAllowed' });
    expect(String(response.headers.allow).split(', ').sort()).toEqual([
      'DELETE',
      'GET',
      'HEAD',
      'PATCH',
    ]);
  });

  it('still answers 404 for a path that does not exist at all', async () => {
    const response = await ctx.app.inject({ method: 'PUT', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.headers.allow).toBeUndefined();
  });
});

describe('401', () => {
  it.each([
    ['a route that needs a user', { url: '/api/me' }],
    ['an invalid bearer token', { url: '/api/council', headers: { authorization: 'Bearer nope' } }],
    [
      'a wrong password',
      {
        method: 'POST' as const,
        url: '/api/tokens',
        payload: { party: 'nato', username: 'nobody', password: 'wrong' },
      },
    ],
  ])('carries the Bearer challenge for %s', async (_what, request) => {
    const response = await ctx.app.inject(request);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="joint-council"');
    isProblem(response);
  });

  it.each([
    ['an invalid body', 'POST', '/api/meetings', { title: 42 }],
    ['a text/plain body', 'POST', '/api/notes', 'a note'],
    ['no body at all', 'DELETE', '/api/meetings/any-id', undefined],
    ['an invalid query on /api/audit', 'GET', '/api/audit?limit=0', undefined],
    ['an unknown query parameter on /api/users', 'GET', '/api/users?party=russia', undefined],
    ['an invalid query on /api/me', 'GET', '/api/me?x=1', undefined],
  ] as const)(
    'answers an anonymous write or private read before validating: %s',
    async (_what, method, url, payload) => {
      const response = await ctx.app.inject({
        method,
        url,
        ...(payload === undefined ? {} : { payload }),
        ...(typeof payload === 'string' ? { headers: { 'content-type': 'text/plain' } } : {}),
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('Unauthenticated');
    },
  );

  it('leaves signing in and out open to anyone', async () => {
    const invalid = await ctx.app.inject({ method: 'POST', url: '/api/session', payload: {} });
    expect(invalid.statusCode).toBe(400);
    const signOut = await ctx.app.inject({ method: 'DELETE', url: '/api/session' });
    expect(signOut.statusCode).toBe(204);
  });
});

describe('problem details', () => {
  it("point to the error page on the request's own origin, with the problem's own title", async () => {
    const response = await ctx.app.inject({
      url: '/api/meetings/no-such-meeting',
      headers: { host: 'council.example:8080' },
    });
    expect(response.json()).toMatchObject({
      type: 'http://council.example:8080/docs/errors#not-found',
      title: 'Not found',
      status: 404,
      code: 'NotFound',
    });
  });

  it('point to PUBLIC_URL when it is configured', async () => {
    const behindProxy = await createTestContext({
      seed: 'none',
      app: { publicUrl: 'https://council.example.org' },
    });
    try {
      const response = await behindProxy.app.inject({ url: '/api/meetings/no-such-meeting' });
      expect(response.json().type).toBe('https://council.example.org/docs/errors#not-found');
    } finally {
      await behindProxy.close();
    }
  });

  it('lead to a page the server serves, with one anchor per code and no script', async () => {
    const page = await ctx.app.inject({ url: '/docs/errors' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    for (const code of [...ERROR_CODES, ...PROTOCOL_CODES]) {
      expect(page.body).toContain(`id="${kebab(code)}"`);
    }
    expect(page.body).not.toContain('<script');
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
  });
});

describe('errors that never reach a route', () => {
  it('answers an over-long id with 414 problem+json', async () => {
    const response = await ctx.app.inject({ url: `/api/meetings/${'x'.repeat(300)}` });
    expect(response.statusCode).toBe(414);
    isProblem(response);
    expect(response.json().code).toBe('UriTooLong');
  });

  it('answers a bad percent-encoding with 400 problem+json', async () => {
    const response = await ctx.app.inject({ url: '/api/meetings/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    isProblem(response);
    expect(response.json().code).toBe('MalformedUrl');
    // The router refused it before any hook ran: the security headers are there all the same.
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers a text/plain body with 415, as the docs promise', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/notes',
      headers: { ...member.headers, 'content-type': 'text/plain' },
      payload: 'a note',
    });
    expect(response.statusCode).toBe(415);
    isProblem(response);
    expect(response.json().code).toBe('UnsupportedMediaType');
  });

  it('answers oversized headers with 431 problem+json from a listening server', async () => {
    const server = await createTestContext({ seed: 'none' });
    try {
      await server.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = server.app.server.address() as AddressInfo;
      const answer = await new Promise<{
        status: number;
        type: string;
        nosniff: unknown;
        body: string;
      }>((resolve, reject) => {
        const request = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/api/council',
            headers: { 'x-big': 'a'.repeat(64_000) },
          },
          (response) => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => {
              body += chunk;
            });
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                type: String(response.headers['content-type']),
                nosniff: response.headers['x-content-type-options'],
                body,
              }),
            );
          },
        );
        request.on('error', reject);
        request.end();
      });
      expect(answer.status).toBe(431);
      expect(answer.type).toContain('application/problem+json');
      // Written on the socket before Fastify saw a request, with the security headers too.
      expect(answer.nosniff).toBe('nosniff');
      expect(JSON.parse(answer.body)).toMatchObject({
        status: 431,
        code: 'HeadersTooLarge',
        type: `http://127.0.0.1:${port}/docs/errors#headers-too-large`,
      });
    } finally {
      await server.close();
    }
  });
});

describe('Cache-Control', () => {
  it('is no-store on every answer to a request with a credential', async () => {
    for (const url of ['/api/council', '/api/me', '/api/meetings/no-such-meeting']) {
      const response = await ctx.app.inject({ url, headers: member.headers });
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('is no-store on the sign-in answers, which hold the credential', async () => {
    for (const url of ['/api/session', '/api/tokens']) {
      const response = await ctx.app.inject({
        method: 'POST',
        url,
        payload: { party: member.party, username: member.username, password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBeLessThan(300);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('leaves anonymous public reads cacheable', async () => {
    const response = await ctx.app.inject({ url: '/api/parties' });
    expect(response.headers['cache-control']).toBeUndefined();
  });
});

describe('the API documentation page', () => {
  const docs = (proto: 'http' | 'https') =>
    ctx.app.inject({
      url: '/docs/',
      headers: { host: 'council.example', 'x-forwarded-proto': proto },
    });

  it('does not ask a browser on plain HTTP to upgrade its scripts to https', async () => {
    const response = await docs('http');
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['content-security-policy'])).not.toContain(
      'upgrade-insecure-requests',
    );
  });

  it('asks for the upgrade when the request came over https', async () => {
    const response = await docs('https');
    expect(String(response.headers['content-security-policy'])).toContain(
      'upgrade-insecure-requests',
    );
  });

  it('keeps the same rule on the API answers', async () => {
    const plain = await ctx.app.inject({
      url: '/api/parties',
      headers: { host: 'council.example' },
    });
    expect(String(plain.headers['content-security-policy'])).not.toContain('upgrade-insecure');
  });
});
