import type { CouncilPeriod, CreateCouncilPeriodInput } from '../../../shared/council.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin } from '../access/visibility.policy.ts';
import { defaultWithin, visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { findCouncilRow, toPeriod } from './council.repository.ts';
import { endsBeforeStart } from './council-status.ts';

/** Changes the council's description. Needs manage-council; NotFound if the council is unseen. */
/**
 * Records a period of the council's life (active, suspended, restricted). Needs
 * manage-council; ValidationFailed when it ends before it starts; VisibilityTooWide when
 * wider than the council.
 */
export async function createCouncilPeriod(
  deps: Deps,
  actor: Actor,
  input: CreateCouncilPeriodInput,
): Promise<CouncilPeriod> {
  const user = requirePermission(actor, 'manage-council');
  const bounds = { startsOn: input.startsOn, endsOn: input.endsOn ?? null };
  if (endsBeforeStart(bounds)) throw invalid('endsOn', 'must not come before startsOn');
  return change(deps, actor, async ({ trx, at, record }) => {
    const council = await findCouncilRow(trx, actor);
    const visible = visibilityOnCreate(user, defaultWithin(input.visibility, council));
    assertWithin(visible, council);
    const row: Row<'councilPeriods'> = {
      id: deps.ids(),
      councilId: council.id,
      status: input.status,
      scope: input.scope ?? null,
      ...bounds,
      description: input.description ?? null,
      sourceId: null,
      ...visible,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('councilPeriods').values(row).execute();
    record({ entity: 'councilPeriod', id: row.id, action: 'create', after: row });
    return toPeriod(row);
  });
}
