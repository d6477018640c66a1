/** One Server-Sent Event as a client receives it. */
export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * A minimal EventSource over fetch streaming, for tests against a listening server: it keeps
 * the events, the comments and the last id, and resolves waits as they arrive (no polling).
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  /** The last id the stream set, as a browser would send it back on reconnecting. */
  lastEventId: string | undefined;
  status = 0;
  ended = false;
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];
  private done: Promise<void> = Promise.resolve();

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: client.controller.signal,
    });
    client.status = response.status;
    client.retryAfter = response.headers.get('retry-after');
    if (!response.ok || !response.body) {
      client.body = await response.text();
      client.ended = true;
      return client;
    }
    client.contentType = response.headers.get('content-type');
    client.done = client.read(response.body);
    return client;
  }

  body = '';
  contentType: string | null = null;
  retryAfter: string | null = null;

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          this.take(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close().
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  private take(block: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (id !== undefined) this.lastEventId = id;
    if (data.length > 0) this.events.push({ id, event, data: data.join('\n') });
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  /** Resolves once `condition` holds (checked on every line received and at the end). */
  async until(condition: () => boolean, what: string): Promise<void> {
    while (!condition()) {
      if (this.ended) throw new Error(`the stream ended before ${what}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Waits for `count` events in all and returns their parsed data. */
  async receive(count: number): Promise<Record<string, unknown>[]> {
    await this.until(() => this.events.length >= count, `${count} events`);
    return this.events.map((e) => JSON.parse(e.data) as Record<string, unknown>);
  }

  /** Resolves when the server ends the stream. */
  async closed(): Promise<void> {
    await this.done;
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}
