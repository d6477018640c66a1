import type { Council, UpdateCouncilInput } from '../../../shared/council.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { findCouncilRow, getCouncil } from './council.repository.ts';

/** Changes the council's description. Needs manage-council; NotFound if the council is unseen. */
export async function updateCouncil(
  deps: Deps,
  actor: Actor,
  input: UpdateCouncilInput,
): Promise<Council> {
  requirePermission(actor, 'manage-council');
  await change(deps, actor, async ({ trx, at, record }) => {
    const before = await findCouncilRow(trx, actor);
    const row = await trx
      .updateTable('council')
      .set({ description: input.description, updatedAt: at })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    record({
      entity: 'council',
      id: row.id,
      action: 'update',
      before,
      after: row,
      audit: {
        before: { description: before.description },
        after: { description: row.description },
      },
    });
  });
  return getCouncil(deps, actor);
}
