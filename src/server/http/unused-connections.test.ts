import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../tests/support/test-context.ts';

const opened = (port: number) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });

describe('closing the server', () => {
  // Without this a restart waits a minute for a browser's preconnect (Node's headers timeout).
  it('ends, on close, a connection that never sent a request, after answering one that did', async () => {
    const ctx = await createTestContext();
    const url = new URL(await ctx.app.listen({ host: '127.0.0.1', port: 0 }));
    const silent = await opened(Number(url.port));
    const ended = new Promise<void>((resolve) => silent.once('close', () => resolve()));
    const answer = await fetch(`${url.origin}/api/parties`);
    expect(answer.status).toBe(200);
    await answer.arrayBuffer();
    await ctx.close();
    await ended;
    expect(silent.destroyed).toBe(true);
  });
});
