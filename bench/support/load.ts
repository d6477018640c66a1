// Load over real HTTP: autocannon for throughput at a fixed number of connections, and one
// request after the other (node:http, kept-alive connections) for the latency of a query's own
// work, and a bounded pool of connections for the mixed load.
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface Throughput {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts and answers other than 2xx. */
  errors: number;
  total: number;
}

export async function measureThroughput(options: {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}): Promise<Throughput> {
  const result = await autocannon({
    url: options.url,
    headers: options.headers ?? {},
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  };
}

export interface Answer {
  status: number;
  body: string;
}

/**
 * An HTTP client with at most `connections` kept-alive connections to the server; `opened`
 * counts the requests that had to open a new connection rather than reuse one.
 */
export function httpClient(connections: number) {
  // As many idle connections kept as may be open: a connection closed when idle is reopened.
  const agent = new Agent({
    keepAlive: true,
    maxSockets: connections,
    maxFreeSockets: connections,
  });
  const counts = { opened: 0 };
  const send = (
    method: string,
    url: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method,
          agent,
          headers:
            body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.once('socket', () => {
        if (!req.reusedSocket) counts.opened += 1;
      });
      req.setTimeout(30_000, () => {
        // Where the request stood: a socket still connecting or a request never written points
        // at the connection, a request written and no byte read back at the server.
        const socket = req.socket;
        const where = socket
          ? `socket ${req.reusedSocket ? 'reused' : 'new'}, ${socket.connecting ? 'connecting' : 'connected'}, ${socket.bytesWritten} bytes written, ${socket.bytesRead} read`
          : 'no socket';
        req.destroy(new Error(`timeout (${where})`));
      });
      req.on('error', reject);
      req.end(body);
    });
  return { send, counts, close: () => agent.destroy() };
}

/** Sends every URL once, one at a time, and returns each duration in ms (after `warm` unmeasured). */
export async function sequentialLatencies(
  urls: readonly string[],
  headers: Record<string, string>,
  warm = 10,
): Promise<number[]> {
  const client = httpClient(1);
  try {
    for (const url of urls.slice(0, warm)) await client.send('GET', url, headers);
    const times: number[] = [];
    for (const url of urls) {
      const started = performance.now();
      const answer = await client.send('GET', url, headers);
      times.push(performance.now() - started);
      if (answer.status !== 200) throw new Error(`${url}: ${answer.status} ${answer.body}`);
    }
    return times;
  } finally {
    client.close();
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const median = (values: readonly number[]) => percentile(values, 50);
