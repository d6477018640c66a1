import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { helmetHeaders, withUpgrade } from './security-headers.ts';

describe('security headers computed once', () => {
  it('are the headers helmet itself sets on a real response', () => {
    const request = new IncomingMessage(new Socket());
    const response = new ServerResponse(request);
    helmet()(request, response, () => {});
    const real = Object.fromEntries(
      Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]),
    );
    expect(helmetHeaders()).toEqual(real);
    expect(real['content-security-policy']).toContain("script-src 'self'");
  });

  it('upgrade insecure requests only over https', () => {
    const policy = "default-src 'self';upgrade-insecure-requests";
    expect(withUpgrade(policy, false)).toBe("default-src 'self'");
    expect(withUpgrade(policy, true)).toBe("default-src 'self'; upgrade-insecure-requests");
  });
});
