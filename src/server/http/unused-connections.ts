import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * Ends, when the server closes, the connections that never sent a request. Node's close
 * ends idle keep-alive connections, but not one that was opened and sent nothing yet (a
 * browser's preconnect, an HTTP client's spare connection): the close then waits for it
 * until the headers timeout, a minute, and so does a restart. Such a connection holds no
 * request, so ending it loses nothing; a client sees it closed and opens another, on the
 * next server.
 */
export function endUnusedConnectionsOnClose(app: FastifyInstance): void {
  const unused = new Set<Socket>();
  let closing = false;
  app.server.on('connection', (socket: Socket) => {
    // Accepted between the close's start and the listener's end: it would hold the close too.
    if (closing) {
      socket.destroy();
      return;
    }
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  app.server.on('request', (request: { socket: Socket }) => {
    unused.delete(request.socket);
  });
  app.addHook('preClose', (done) => {
    closing = true;
    for (const socket of unused) socket.destroy();
    unused.clear();
    done();
  });
}
