import type { Text, TranslateInput } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { negotiate } from './negotiate-text.ts';
import { segmentsOf, setParagraph } from './text-editing.ts';
import { checkLanguage, parsed } from './text-input.ts';
import { labelsOf } from './texts.repository.ts';

/**
 * Sets one paragraph of a language version that is not the original (a translation), in the
 * plain-text form (it may carry the same brackets as the original). The paragraph ids are the
 * original's: a translation never adds or drops one. A changed translation is a new version,
 * so a declaration that the version is authentic no longer counts.
 */
export async function translateParagraph(
  deps: Deps,
  actor: Actor,
  id: string,
  language: string,
  paragraphId: string,
  input: TranslateInput,
): Promise<Text> {
  return negotiate(
    deps,
    actor,
    id,
    input.version,
    'translate',
    'translate',
    async ({ uow, user, text, content }) => {
      checkLanguage(JSON.parse(text.languages) as string[], language, 'language');
      if (language === text.originalLanguage) {
        throw new DomainError(
          'Conflict',
          'the original is negotiated through brackets, not translated',
        );
      }
      const { holderOf } = await labelsOf(uow.trx);
      const segments = segmentsOf(parsed(input.text, holderOf, 'text'), deps.ids, {
        userId: user.userId,
        party: user.party,
        at: uow.at,
        reason: null,
      });
      return {
        content: setParagraph(content, language, paragraphId, segments),
        summary: `${language} translation of paragraph ${paragraphId}`,
      };
    },
  );
}
