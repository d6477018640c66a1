import type { ChangeMarkingInput, Text } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { saveVersion } from './save-version.ts';
import { getText } from './text.view.ts';
import { checkMarking } from './text-input.ts';
import { assertStep } from './text-states.policy.ts';
import { contentOf, findTextRow } from './texts.repository.ts';

/**
 * Changes a text's marking or the parties it is releasable to (manage-council), before it is
 * agreed. The marking is part of what the parties agree to, so it makes a new version (earlier
 * agreements no longer count), and it is a record event. A joint text stays releasable to
 * every party. An adopted text's marking changes only when both publish it.
 */
export async function changeMarking(
  deps: Deps,
  actor: Actor,
  id: string,
  input: ChangeMarkingInput,
): Promise<Text> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const text = await findTextRow(uow.trx, actor, id);
    assertStep(text.state, 'change-marking');
    assertCurrentVersion('text', text.version, input.version);
    const releasableTo =
      input.releasableTo === undefined
        ? text.releasableTo === null
          ? null
          : (JSON.parse(text.releasableTo) as string[])
        : input.releasableTo;
    const marking = await checkMarking(
      uow.trx,
      input.classification ?? text.classification,
      releasableTo,
      text.visibility,
      user,
    );
    const content = await contentOf(uow.trx, id, text.version);
    await saveVersion(
      uow,
      text,
      content,
      `marking ${marking.classification}`,
      'change-marking',
      marking,
    );
    return getText(uow.trx, actor, id);
  });
}
