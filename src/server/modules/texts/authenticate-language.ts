import type { Text, VersionedInput } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { getText } from './text.view.ts';
import { agree } from './text-agreements.ts';
import { checkLanguage } from './text-input.ts';
import { assertStep } from './text-states.policy.ts';
import { findTextRow } from './texts.repository.ts';

/**
 * The caller's party declares a language version of the version read equally authentic with
 * the original (manage-council); authentic once every party has, for that version (Vienna
 * Convention, art. 33). The original is authentic by nature (Conflict).
 */
export async function authenticateLanguage(
  deps: Deps,
  actor: Actor,
  id: string,
  language: string,
  input: VersionedInput,
): Promise<Text> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const text = await findTextRow(uow.trx, actor, id);
    assertStep(text.state, 'concur');
    assertCurrentVersion('text', text.version, input.version);
    checkLanguage(JSON.parse(text.languages) as string[], language, 'language');
    if (language === text.originalLanguage) {
      throw new DomainError('Conflict', 'the original is authentic by nature');
    }
    await agree(uow, user, text, `authentic:${language}`);
    uow.record({
      entity: 'text',
      id,
      action: 'authenticate-language',
      scope: text,
      audit: { after: { party: user.party, language, version: text.version } },
    });
    return getText(uow.trx, actor, id);
  });
}
