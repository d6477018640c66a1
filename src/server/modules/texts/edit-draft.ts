import type { EditDraftInput, Text } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { saveVersion } from './save-version.ts';
import { getText } from './text.view.ts';
import { replaceParagraphs, segmentsOf } from './text-editing.ts';
import { checkLanguage, parsed } from './text-input.ts';
import { assertStep } from './text-states.policy.ts';
import { contentOf, findTextRow, labelsOf } from './texts.repository.ts';

/**
 * Edits a draft in its party's caucus freely (manage-council; the other party cannot even see
 * it): its title, and the paragraphs of one language version, each kept by id or new. Makes
 * a new version (StaleVersion when the draft changed since it was read).
 */
export async function editDraft(
  deps: Deps,
  actor: Actor,
  id: string,
  input: EditDraftInput,
): Promise<Text> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at } = uow;
    const before = await findTextRow(trx, actor, id);
    assertStep(before.state, 'edit-draft');
    assertCurrentVersion('text', before.version, input.version);
    const language = input.language ?? before.originalLanguage;
    checkLanguage(JSON.parse(before.languages) as string[], language, 'language');
    if (input.paragraphs === undefined && input.title === undefined) {
      throw invalid('', 'give paragraphs or a title', 'body');
    }
    let content = await contentOf(trx, id, before.version);
    if (input.paragraphs) {
      const { holderOf } = await labelsOf(trx);
      const proposal = { userId: user.userId, party: user.party, at, reason: null };
      content = replaceParagraphs(
        content,
        language,
        input.paragraphs.map((p, i) => ({
          id: p.id,
          segments: segmentsOf(
            parsed(p.text, holderOf, `paragraphs.${i}.text`),
            deps.ids,
            proposal,
          ),
        })),
        deps.ids,
      );
    }
    await saveVersion(uow, before, content, 'the draft was edited', 'edit', {
      title: input.title ?? before.title,
    });
    return getText(trx, actor, id);
  });
}
