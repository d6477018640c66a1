import type { Text, VersionedInput } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { getText } from './text.view.ts';
import { assertStep } from './text-states.policy.ts';
import { findTextRow } from './texts.repository.ts';

/**
 * Either party reopens a text agreed ad referendum (its capital did not confirm): back to
 * tabled, and the agreements given to this version are void, visibly (audited, listed).
 */
export async function reopenText(
  deps: Deps,
  actor: Actor,
  id: string,
  input: VersionedInput,
): Promise<Text> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at } = uow;
    const text = await findTextRow(trx, actor, id);
    assertStep(text.state, 'reopen');
    assertCurrentVersion('text', text.version, input.version);
    const voided = await trx
      .selectFrom('textAgreements')
      .select(['kind', 'byParty', 'version'])
      .where('textId', '=', id)
      .where('kind', 'in', ['ad-ref', 'concur'])
      .execute();
    await trx
      .deleteFrom('textAgreements')
      .where('textId', '=', id)
      .where('kind', 'in', ['ad-ref', 'concur'])
      .execute();
    await trx
      .updateTable('texts')
      .set({ state: 'tabled', updatedAt: at })
      .where('id', '=', id)
      .execute();
    uow.record({
      entity: 'text',
      id,
      action: 'reopen',
      before: text,
      after: { ...text, state: 'tabled', updatedAt: at },
      audit: {
        before: { state: text.state, agreements: voided },
        after: { state: 'tabled', reason: input.reason ?? null },
      },
    });
    return getText(trx, actor, id);
  });
}
