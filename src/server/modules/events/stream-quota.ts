import { isIPv6 } from 'node:net';
import type { Actor } from '../access/actor.ts';

/**
 * Event streams one caller may hold open on one server. A browser holds one per tab, and
 * over HTTP/1.1 it opens at most six connections to a host anyway; without a bound, one
 * caller could hold every socket and file descriptor the server has, and every stream is
 * woken (and reads the outbox) on every commit.
 */
export const MAX_STREAMS_PER_CALLER = 6;

/**
 * Whose quota a stream counts against: a user's own, whatever credential or address it came
 * with; an anonymous caller's address's. Only the caller's own streams count, so the answer
 * says nothing about anyone else.
 */
export function streamHolder(actor: Actor, address: string): string {
  return actor.kind === 'user' ? `user:${actor.userId}` : `address:${addressBlock(address)}`;
}

/**
 * The block an address counts as: an IPv4 address itself (an IPv4-mapped IPv6 one as its IPv4
 * address), an IPv6 address by its /64, the smallest block a provider gives one subscriber,
 * who would otherwise hold six streams from each of its 2^64 addresses.
 */
export function addressBlock(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]?.split('::') ?? [];
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') && tail !== '' ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** Counts the open streams per holder; `take` gives the release, or null when none is left. */
export class StreamQuota {
  private readonly held = new Map<string, number>();
  private readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  take(holder: string): (() => void) | null {
    const count = this.held.get(holder) ?? 0;
    if (count >= this.max) return null;
    this.held.set(holder, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(holder) ?? 1) - 1;
      if (left <= 0) this.held.delete(holder);
      else this.held.set(holder, left);
    };
  }

  /** Open streams of a holder: for tests and the log. */
  count(holder: string): number {
    return this.held.get(holder) ?? 0;
  }
}
