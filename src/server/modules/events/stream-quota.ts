import { isIPv4, isIPv6 } from 'node:net';
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
 * The block an address counts as: an IPv4 address itself, an IPv6 address by its /64, the
 * smallest block a provider gives one subscriber, who would otherwise hold six streams from
 * each of its 2^64 addresses. An IPv6 address that carries an IPv4 one (mapped ::ffff:0:0/96,
 * translated ::ffff:0:0:0/96, the NAT64 prefix 64:ff9b::/96, compatible ::/96, but not ::1) counts as that
 * IPv4 address, so that IPv4 clients behind a translator are not one block. A port or
 * brackets, as some proxies write them into X-Forwarded-For, are no part of the address.
 */
export function addressBlock(raw: string): string {
  const address = withoutPort(raw);
  if (isIPv4(address)) return address;
  const groups = ipv6Groups(address);
  if (groups === null) return address;
  const zero = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  const carriesIpv4 =
    (zero(0, 5) && (groups[5] === 0xffff || (groups[5] === 0 && groups[6] !== 0))) ||
    (zero(0, 4) && groups[4] === 0xffff && groups[5] === 0) ||
    (groups[0] === 0x64 && groups[1] === 0xff9b && zero(2, 6));
  if (carriesIpv4) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1] as string;
  const v4 = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(address);
  return v4 ? (v4[1] as string) : address;
}

/** The eight 16-bit groups of an IPv6 address (its zone dropped), or null if it is none. */
function ipv6Groups(address: string): number[] | null {
  const bare = address.split('%')[0] ?? '';
  if (!isIPv6(bare)) return null;
  let text = bare.toLowerCase();
  // A dotted IPv4 tail is the last two groups.
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const fill = rest === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => Number.parseInt(g, 16));
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
