import { DomainError } from './errors.ts';

/**
 * An agreement holds for exactly what was read: whoever agrees, concurs or asks to publish
 * names the version it read. VersionRequired when it names none, StaleVersion (naming the
 * current one) when the item has moved on since.
 */
export function assertCurrentVersion(
  what: string,
  current: number,
  named: number | undefined,
  field = 'version',
): void {
  if (named === undefined) {
    throw new DomainError(
      'VersionRequired',
      `name the version of the ${what} you read: send it in the body or as If-Match with its ETag`,
      [{ field, message: 'required (or the If-Match header)' }],
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
