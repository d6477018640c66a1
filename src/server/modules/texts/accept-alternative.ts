import type { Text, VersionedInput } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { negotiate } from './negotiate-text.ts';
import { acceptAlternative } from './text-editing.ts';

/**
 * A party accepts an alternative the other party holds: its bracket gives way to that wording.
 * Accepting the last alternative left removes the brackets. Conflict for one's own.
 */
export async function acceptTextAlternative(
  deps: Deps,
  actor: Actor,
  id: string,
  alternativeId: string,
  input: VersionedInput,
): Promise<Text> {
  return negotiate(
    deps,
    actor,
    id,
    input.version,
    'negotiate',
    'accept-alternative',
    ({ user, content }) => ({
      content: acceptAlternative(content, alternativeId, user.party),
      summary: `${user.party} accepted an alternative`,
    }),
  );
}
