import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type UserActor } from '../access/actor.ts';
import { StreamQuota, streamHolder } from './stream-quota.ts';

describe('the event stream quota', () => {
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
