import type { Visible } from '../access/visibility.policy.ts';

/**
 * A user is its own party's business: every audit entry about a user, its roles, its grants
 * and its password is that party's caucus, which the other party never reads.
 */
export const partyCaucus = (party: string): Visible => ({ visibility: 'caucus', party });
