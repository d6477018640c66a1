import type { ProposeAlternativeInput, Text } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { keeperOf } from './break-silence.ts';
import { negotiate } from './negotiate-text.ts';
import { proposeAlternative } from './text-editing.ts';

/**
 * Either party proposes an alternative wording in a tabled text: in an existing bracket, or
 * for a passage of plain text, which becomes a bracket with the present wording beside the
 * proposal. The present wording is held by the party that tabled the text, or, when that party
 * brackets its own wording of a joint text, by the other party (keeperOf): holding both, the
 * tabling party could withdraw the wording both had left unbracketed and clean the text alone
 * (the review did). Held by the caller's party, with who, when and why. A new version;
 * StaleVersion when the text changed since it was read.
 */
export async function proposeTextAlternative(
  deps: Deps,
  actor: Actor,
  id: string,
  input: ProposeAlternativeInput,
): Promise<Text> {
  return negotiate(
    deps,
    actor,
    id,
    input.version,
    'negotiate',
    'propose-alternative',
    async ({ uow, user, text, content }) => {
      const target =
        input.bracketId !== undefined
          ? { paragraphId: input.paragraphId, bracketId: input.bracketId }
          : input.segment !== undefined && input.start !== undefined && input.end !== undefined
            ? {
                paragraphId: input.paragraphId,
                segment: input.segment,
                start: input.start,
                end: input.end,
              }
            : null;
      if (target === null)
        throw invalid('bracketId', 'name a bracket, or a passage (segment, start, end)');
      const keeper =
        text.visibility === 'caucus'
          ? (text.party ?? user.party)
          : await keeperOf(uow, text, user.party);
      return {
        content: proposeAlternative(
          content,
          text.originalLanguage,
          target,
          input.text,
          { holder: user.party, userId: user.userId, at: uow.at, reason: input.reason ?? null },
          keeper,
          deps.ids,
        ),
        summary: `${user.party} proposed an alternative in paragraph ${input.paragraphId}`,
      };
    },
  );
}
