import { DomainError } from './errors.ts';

/**
 * An agreement holds for exactly what was read: whoever agrees, concurs, signs or asks to
 * publish names the version it read, a number (which an ETag carries too) or a digest (an
 * adoption record's SHA-256). VersionRequired when it names none, StaleVersion (naming the
 * current one) when the item has moved on since.
 */
export function assertCurrentVersion<V extends number | string>(
  what: string,
  current: V,
  named: V | undefined,
  field = 'version',
): void {
  if (named === undefined) {
    const numbered = typeof current === 'number';
    throw new DomainError(
      'VersionRequired',
      numbered
        ? `name the version of the ${what} you read: send it in the body or as If-Match with its ETag`
        : `name the version of the ${what} you read: send it as ${field}`,
      [{ field, message: numbered ? 'required (or the If-Match header)' : 'required' }],
    );
  }
  if (named !== current) {
    throw new DomainError(
      'StaleVersion',
      `the ${what} changed since you read it: version ${named} is no longer current (it is now ${current})`,
      [{ field, message: `the current version is ${current}` }],
    );
  }
}
