import type { Text, VersionedInput } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { negotiate } from './negotiate-text.ts';
import { withdrawAlternative } from './text-editing.ts';

/** The holding party withdraws its alternative (NotYourParty for the other's). */
export async function withdrawTextAlternative(
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
    'withdraw-alternative',
    ({ user, content }) => ({
      content: withdrawAlternative(content, alternativeId, user.party),
      summary: `${user.party} withdrew an alternative`,
    }),
  );
}
