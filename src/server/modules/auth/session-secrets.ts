import { createHash, randomBytes } from 'node:crypto';
import type { SessionKind } from '../../../shared/vocabularies.ts';

/** How long a browser session and an API token live. */
export const LIFETIME_MS: Record<SessionKind, number> = {
  session: 12 * 60 * 60 * 1000,
  token: 30 * 24 * 60 * 60 * 1000,
};

/** Only the hash of a secret is stored, so a copy of the database opens no session. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
