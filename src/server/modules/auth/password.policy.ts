import { createRequire } from 'node:module';
import { DomainError } from '../../domain/errors.ts';

/**
 * NIST SP 800-63B style: a minimum length, no composition rules, and a refusal of passwords
 * that appear on a list of commonly used ones (zxcvbn's list of ~49,000).
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;

/**
 * The list, read at the first password checked rather than at every start: unpacking it takes
 * some 20 ms and a few megabytes that a start does not need. Required (the package is CommonJS)
 * so that the policy stays synchronous.
 */
function commonPasswords(): Set<string> {
  if (common === undefined) {
    const { dictionary } = createRequire(import.meta.url)(
      '@zxcvbn-ts/language-common',
    ) as typeof import('@zxcvbn-ts/language-common');
    common = new Set(dictionary['passwords-common']);
  }
  return common;
}

/** Returns why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  }
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  const lowered = password.toLowerCase();
  if (commonPasswords().has(lowered))
    return 'is too common: choose one that is not on lists of leaked passwords';
  if (lowered.includes(username.toLowerCase())) return 'must not contain the username';
  if (new Set(password).size < 4) return 'repeats too few different characters';
  return null;
}

/** WeakPassword naming `field` when the policy refuses the password. */
export function assertPasswordAcceptable(
  password: string,
  username: string,
  field = 'password',
): void {
  const problem = passwordProblem(password, username);
  if (problem) {
    throw new DomainError('WeakPassword', `${field} ${problem}`, [{ field, message: problem }]);
  }
}
