/**
 * The per-account sign-in limit, beside the per-address one: a delegation behind one address
 * shares that one, and one account can be guessed from many addresses. Attempts are counted
 * per party and username as typed, whether or not the account exists, so that the limit
 * answers the same for both and reveals nothing.
 */
export interface AccountSignInLimit {
  /** Attempts allowed per account name within one window. */
  attempts: number;
  windowMs: number;
}

/** Ten attempts per quarter of an hour: a person who mistypes is never stopped by it. */
export const ACCOUNT_SIGN_IN_LIMIT: AccountSignInLimit = { attempts: 10, windowMs: 15 * 60_000 };

/** Windows that started at or before this instant are over: their attempts are forgotten. */
export function windowCutoff(now: Date, limit: AccountSignInLimit): string {
  return new Date(now.getTime() - limit.windowMs).toISOString();
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Whether the attempt numbered `count` in a window that started at `windowStartedAt` may be
 * checked, and if not, how long until the window ends (at least a second, as Retry-After).
 */
export function attemptVerdict(
  count: number,
  windowStartedAt: string,
  now: Date,
  limit: AccountSignInLimit,
): AttemptVerdict {
  if (count <= limit.attempts) return { allowed: true };
  const endsAt = Date.parse(windowStartedAt) + limit.windowMs;
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)),
  };
}
