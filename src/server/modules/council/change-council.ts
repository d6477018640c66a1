import type {
  Council,
  CouncilPeriod,
  CreateCouncilPeriodInput,
  UpdateCouncilInput,
  UpdateCouncilPeriodInput,
} from '../../../shared/council.schemas.ts';
import { change } from '../../changes/unit-of-work.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin } from '../access/visibility.policy.ts';
import { defaultWithin, visibilityOnCreate, widenVisibility } from '../access/visibility-change.ts';
import { findCouncilRow, findPeriodRow, getCouncil, toPeriod } from './council.repository.ts';
import { endsBeforeStart } from './council-status.ts';

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
