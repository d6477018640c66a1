import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type UserActor } from '../access/actor.ts';
import { addressBlock, StreamQuota, streamHolder } from './stream-quota.ts';

describe('the event stream quota', () => {
  it('counts an anonymous IPv6 caller by its /64, and an IPv4 one by its address however written', () => {
    expect(addressBlock('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBlock('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBlock('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBlock('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBlock('::1')).toBe('0:0:0:0::/64');
    expect(addressBlock('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(addressBlock('::ffff:a00:1')).toBe('10.0.0.1');
    expect(addressBlock('::ffff:0:10.0.0.1')).toBe('10.0.0.1');
    expect(addressBlock('64:ff9b::10.0.0.1')).toBe('10.0.0.1');
    expect(addressBlock('64:ff9b::10.0.0.2')).not.toBe(addressBlock('64:ff9b::10.0.0.1'));
    expect(addressBlock('::10.0.0.1')).toBe('10.0.0.1');
    expect(addressBlock('1::2:3:4:1.2.3.4')).toBe('1:0:0:2::/64');
    expect(addressBlock('10.0.0.1')).toBe('10.0.0.1');
    // As some proxies write X-Forwarded-For: with a port, or brackets.
    expect(addressBlock('10.0.0.1:5678')).toBe('10.0.0.1');
    expect(addressBlock('[2001:db8:1:2::7]:443')).toBe('2001:db8:1:2::/64');
    expect(addressBlock('not an address')).toBe('not an address');
    expect(streamHolder(ANONYMOUS, '2001:db8:1:2::7')).toBe(
      streamHolder(ANONYMOUS, '2001:db8:1:2:dead:beef:0:1'),
    );
    expect(streamHolder(ANONYMOUS, '2001:db8:1:2::7')).not.toBe(
      streamHolder(ANONYMOUS, '2001:db8:1:3::7'),
    );
  });

  it('gives each holder its own places, back once released, and a release counts once', () => {
    const quota = new StreamQuota(2);
    const first = quota.take('user:a');
    const second = quota.take('user:a');
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(quota.take('user:a')).toBeNull();
    expect(quota.take('user:b')).not.toBeNull();
    first?.();
    first?.();
    expect(quota.count('user:a')).toBe(1);
    expect(quota.take('user:a')).not.toBeNull();
    expect(quota.take('user:a')).toBeNull();
  });

  it('counts a user by its account and an anonymous caller by its address', () => {
    const user: UserActor = {
      kind: 'user',
      userId: 'u1',
      username: 'ana',
      party: 'nato',
      roles: ['member'],
    };
    expect(streamHolder(user, '10.0.0.1')).toBe(streamHolder(user, '10.0.0.2'));
    expect(streamHolder(ANONYMOUS, '10.0.0.1')).not.toBe(streamHolder(ANONYMOUS, '10.0.0.2'));
  });
});
