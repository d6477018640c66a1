import type { Text, VersionedInput } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { getText } from './text.view.ts';
import { agree, assertReady } from './text-agreements.ts';
import { assertStep } from './text-states.policy.ts';
import { findTextRow } from './texts.repository.ts';

/**
 * The negotiators of the caller's party agree the version read ad referendum (manage-council):
 * agreed at their level, awaiting capitals. Once every party has agreed the same clean,
 * aligned version, the text is `ad-ref`. Conflict while a bracket is left.
 */
export async function agreeAdReferendum(
  deps: Deps,
  actor: Actor,
  id: string,
  input: VersionedInput,
): Promise<Text> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const text = await findTextRow(uow.trx, actor, id);
    assertStep(text.state, 'agree-ad-ref');
    assertCurrentVersion('text', text.version, input.version);
    await assertReady(uow, text);
    const everyParty = await agree(uow, user, text, 'ad-ref');
    const after = {
      ...text,
      state: everyParty ? ('ad-ref' as const) : text.state,
      updatedAt: uow.at,
    };
    if (everyParty) {
      await uow.trx
        .updateTable('texts')
        .set({ state: 'ad-ref', updatedAt: uow.at })
        .where('id', '=', id)
        .execute();
    }
    uow.record({
      entity: 'text',
      id,
      action: 'agree-ad-ref',
      before: text,
      after,
      audit: { after: { party: user.party, version: text.version, state: after.state } },
    });
    return getText(uow.trx, actor, id);
  });
}
