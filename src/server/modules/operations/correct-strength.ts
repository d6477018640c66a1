import type { StrengthRecord, UpdateStrengthInput } from '../../../shared/operations.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { canSee } from '../access/visibility.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { assertFirstFigure } from './add-strength.ts';
import { findOperationRow, findStrength } from './operations.repository.ts';

/**
 * Corrects a reported figure: its troops, report date or the source's qualifier. Shares are
 * computed when read, so they follow the correction. Needs manage-council; NotFound for an
 * unseen operation or figure; AlreadyExists when the new date already has a figure for the
 * same contributor.
 */
export async function correctStrength(
  deps: Deps,
  actor: Actor,
  operationId: string,
  strengthId: string,
  input: UpdateStrengthInput,
): Promise<StrengthRecord> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, record }) => {
    const operation = await findOperationRow(trx, actor, operationId);
    const before = await trx
      .selectFrom('operationStrengths')
      .selectAll()
      .where('id', '=', strengthId)
      .where('operationId', '=', operation.id)
      .executeTakeFirst();
    if (!before || !canSee(actor, before)) throw notFound('strength');
    const after: Row<'operationStrengths'> = {
      ...before,
      troops: input.troops ?? before.troops,
      asOf: input.asOf ?? before.asOf,
      qualifier: input.qualifier === undefined ? before.qualifier : input.qualifier,
    };
    if (after.asOf !== before.asOf) await assertFirstFigure(trx, actor, after);
    const { id: _key, ...changes } = after;
    await trx.updateTable('operationStrengths').set(changes).where('id', '=', strengthId).execute();
    record({ entity: 'operationStrength', id: strengthId, action: 'update', before, after });
    return findStrength(trx, actor, operation.id, strengthId);
  });
}
