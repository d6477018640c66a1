import type { CouncilPeriod, UpdateCouncilPeriodInput } from '../../../shared/council.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin } from '../access/visibility.policy.ts';
import { widenVisibility } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { findCouncilRow, findPeriodRow, toPeriod } from './council.repository.ts';
import { endsBeforeStart } from './council-status.ts';

/** Changes the council's description. Needs manage-council; NotFound if the council is unseen. */
/**
 * Changes a period's status, scope, bounds, description or visibility (widening only:
 * Conflict). Needs manage-council; NotFound for an unseen period; ValidationFailed when it
 * would end before it starts; VisibilityTooWide when wider than the council.
 */
export async function updateCouncilPeriod(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateCouncilPeriodInput,
): Promise<CouncilPeriod> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    const council = await findCouncilRow(trx, actor);
    const before = await findPeriodRow(trx, actor, id);
    const after: Row<'councilPeriods'> = {
      ...before,
      status: input.status ?? before.status,
      scope: input.scope === undefined ? before.scope : input.scope,
      startsOn: input.startsOn ?? before.startsOn,
      endsOn: input.endsOn === undefined ? before.endsOn : input.endsOn,
      description: input.description === undefined ? before.description : input.description,
      ...widenVisibility(before, input.visibility),
      updatedAt: at,
    };
    if (endsBeforeStart(after)) throw invalid('endsOn', 'must not come before startsOn');
    assertWithin(after, council);
    const { id: _key, createdAt: _created, ...changes } = after;
    await trx.updateTable('councilPeriods').set(changes).where('id', '=', id).execute();
    record({ entity: 'councilPeriod', id: id, action: 'update', before, after });
    return toPeriod(after);
  });
}
