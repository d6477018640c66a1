import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/support/test-context.ts';
import { WEB_PAGES } from '../../shared/web-routes.ts';

let ctx: TestContext;
let unbuilt: TestContext;
let root: string;
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'council-web-root-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><meta property="csp-nonce" nonce="__CSP_NONCE__"><title>Joint Council</title><script type="module" src="/assets/app-abc123.js"></script>',
  );
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'assets', 'app-abc123.js'), SCRIPT);
  writeFileSync(join(root, 'assets', 'app-abc123.js.gz'), gzipSync(SCRIPT));
  ctx = await createTestContext({ app: { webRoot: root } });
  unbuilt = await createTestContext({ app: { webRoot: join(root, 'missing') } });
});

afterAll(async () => {
  await ctx.close();
  await unbuilt.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the web application', () => {
  it('answers its HTML at the address of every page, so links and reloads work', async () => {
    for (const page of WEB_PAGES) {
      const url = page.replace(':id', 'some-id').replace(':year', '2001');
      const response = await ctx.app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<title>Joint Council</title>');
    }
  });

  it('keeps unknown addresses and unknown API paths a 404 problem', async () => {
    for (const url of ['/no-such-page', '/meetings/a/b', '/api/no-such-route']) {
      const response = await ctx.app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('sends a strict policy: no inline script, styles only with a nonce fresh for each answer', async () => {
    const first = await ctx.app.inject({ url: '/' });
    const second = await ctx.app.inject({ url: '/' });
    const policy = String(first.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("frame-ancestors 'none'");
    const nonce = policy.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(first.body).toContain(`nonce="${nonce}"`);
    expect(first.body).not.toContain('__CSP_NONCE__');
    expect(second.headers['content-security-policy']).not.toBe(policy);
    expect(first.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets for a year, precompressed when the browser takes gzip', async () => {
    const response = await ctx.app.inject({
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await ctx.app.inject({ url: '/assets/none.js' });
    expect(missing.statusCode).toBe(404);
  });

  it('says how to build it when it is not built', async () => {
    const response = await unbuilt.app.inject({ url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build');
  });

  it('leaves the API documentation at /docs', async () => {
    const response = await ctx.app.inject({ url: '/docs/' });
    expect(response.statusCode).toBe(200);
  });
});
