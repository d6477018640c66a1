import type { ActionOf } from '../../../shared/entities.ts';
import type { Content } from '../../../shared/text-content.ts';
import type { Text } from '../../../shared/texts.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor, UserActor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change, type UnitOfWork } from '../changes/unit-of-work.ts';
import { saveVersion } from './save-version.ts';
import { getText } from './text.view.ts';
import { assertStep, type TextStep } from './text-states.policy.ts';
import { contentOf, findTextRow } from './texts.repository.ts';

/**
 * The frame of every change to the wording of a text: manage-council, the text readable, its
 * state allowing the step, the version named being current, then a new version made from the
 * edit. Answers the text as it now stands.
 */
export async function negotiate(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
  step: TextStep,
  action: ActionOf<'text'>,
  edit: (context: {
    uow: UnitOfWork;
    user: UserActor;
    text: Row<'texts'>;
    content: Content;
  }) => Promise<{ content: Content; summary: string }> | { content: Content; summary: string },
): Promise<Text> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const text = await findTextRow(uow.trx, actor, id);
    assertStep(text.state, step);
    assertCurrentVersion('text', text.version, version);
    const content = await contentOf(uow.trx, id, text.version);
    const result = await edit({ uow, user, text, content });
    await saveVersion(uow, text, result.content, result.summary, action);
    return getText(uow.trx, actor, id);
  });
}
