import type { Text, VersionedInput } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { makeJointCopy } from './joint-copy.ts';
import { getText } from './text.view.ts';
import { assertStep } from './text-states.policy.ts';
import { findTextRow } from './texts.repository.ts';

/**
 * Tables a party's caucus draft for negotiation (manage-council): a joint text is made from the
 * version read (`makeJointCopy`: an id, versions and history of its own, nothing of the caucus
 * drafting). Answers the joint text.
 */
export async function tableText(
  deps: Deps,
  actor: Actor,
  id: string,
  input: VersionedInput & { version?: number | undefined },
): Promise<Text> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const draft = await findTextRow(uow.trx, actor, id);
    assertStep(draft.state, 'table');
    assertCurrentVersion('text', draft.version, input.version);
    const tabled = await makeJointCopy(uow, deps.ids, user, draft, 'tabled', 'tabled');
    return getText(uow.trx, actor, tabled.id);
  });
}
