// The cursor signing of src/server/http/cursors.ts, for the baselines: ours signs every
// `nextCursor` it hands out (HMAC-SHA256 for the route and the caller's audience), so B signs
// its own the same way to answer the same JSON, and pays for the same hash.
import { createHmac } from 'node:crypto';
import type { Actor } from '../../src/server/modules/access/actor.ts';

const SIGNATURE_BYTES = 16;

/** Signs a page's nextCursor as ours does, for `route` (the route's URL pattern) and `actor`. */
export function cursorSigner(secret: string) {
  const key = createHmac('sha256', secret).update('joint-council cursors').digest();
  return (route: string, actor: Actor, next: string | null): string | null => {
    if (next === null) return null;
    const audience = actor.kind === 'user' ? `user:${actor.party}` : actor.kind;
    const signature = createHmac('sha256', key)
      .update(`${route}\0${audience}\0${next}`)
      .digest()
      .subarray(0, SIGNATURE_BYTES);
    return `${next}.${signature.toString('base64url')}`;
  };
}
