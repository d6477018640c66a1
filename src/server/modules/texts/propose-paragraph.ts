import type { NewParagraphInput, Text } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { negotiate } from './negotiate-text.ts';
import { proposeParagraph } from './text-editing.ts';

/** Either party proposes a new paragraph, bracketed in its name until the other accepts it. */
export async function proposeTextParagraph(
  deps: Deps,
  actor: Actor,
  id: string,
  input: NewParagraphInput,
): Promise<Text> {
  return negotiate(
    deps,
    actor,
    id,
    input.version,
    'negotiate',
    'propose-alternative',
    ({ uow, user, text, content }) => {
      const result = proposeParagraph(
        content,
        text.originalLanguage,
        input.after,
        input.text,
        { holder: user.party, userId: user.userId, at: uow.at, reason: input.reason ?? null },
        deps.ids,
      );
      return {
        content: result.content,
        summary: `${user.party} proposed paragraph ${result.paragraphId}`,
      };
    },
  );
}
