import type { Text, VersionedInput } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requireOwnParty, requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { clearPublicationRequests } from '../publication/publication-requests.ts';
import { getText } from './text.view.ts';
import { assertStep } from './text-states.policy.ts';
import { findTextRow } from './texts.repository.ts';

/**
 * The party that drafted or tabled a text withdraws it before adoption (manage-council): its
 * history stays, readable as before, and the agreements given to it count for nothing more.
 */
export async function withdrawText(
  deps: Deps,
  actor: Actor,
  id: string,
  input: VersionedInput,
): Promise<Text> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at } = uow;
    const text = await findTextRow(trx, actor, id);
    requireOwnParty(user, text.party, 'text');
    assertStep(text.state, 'withdraw');
    assertCurrentVersion('text', text.version, input.version);
    await trx
      .updateTable('texts')
      .set({ state: 'withdrawn', updatedAt: at })
      .where('id', '=', id)
      .execute();
    await clearPublicationRequests(uow, 'text', id);
    uow.record({
      entity: 'text',
      id,
      action: 'withdraw',
      before: text,
      after: { ...text, state: 'withdrawn', updatedAt: at },
      audit: { after: { state: 'withdrawn', reason: input.reason ?? null } },
    });
    return getText(trx, actor, id);
  });
}
