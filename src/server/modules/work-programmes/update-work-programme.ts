import type {
  UpdateWorkProgrammeInput,
  WorkProgrammeSummary,
} from '../../../shared/work-programmes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { widenVisibility } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { assertNotPublishedAlone } from '../publication/publication.policy.ts';
import { voidRequestsFor } from '../publication/publication-voiding.ts';
import { reviseJointText } from './programme-lock.ts';
import { findProgramme, storedProgramme, toSummary } from './work-programme.repository.ts';

/**
 * Changes a programme's title or description; its version moves on. AlreadyAgreed while a
 * decision approving it is agreed or answered (assertProgrammeOpen): the programme is then
 * what the parties concurred with. Public only when both parties publish it
 * (NeedsBothParties). NotFound when the caller cannot see it.
 */
export async function updateWorkProgramme(
  deps: Deps,
  actor: Actor,
  year: number,
  input: UpdateWorkProgrammeInput,
): Promise<WorkProgrammeSummary> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const before = storedProgramme(await findProgramme(trx, actor, year));
    assertNotPublishedAlone('workProgramme', input.visibility, before.visibility);
    const after: Row<'workProgrammes'> = {
      ...before,
      ...widenVisibility(before, input.visibility),
      title: input.title ?? before.title,
      description: input.description === undefined ? before.description : input.description,
      updatedAt: at,
    };
    if (
      after.title !== before.title ||
      after.description !== before.description ||
      after.visibility !== before.visibility
    ) {
      after.version = await reviseJointText(uow, before);
    }
    await trx
      .updateTable('workProgrammes')
      .set({
        title: after.title,
        description: after.description,
        visibility: after.visibility,
        party: after.party,
        updatedAt: at,
      })
      .where('id', '=', before.id)
      .execute();
    record({ entity: 'workProgramme', id: before.id, action: 'update', before, after });
    if (before.visibility === 'joint') {
      await voidRequestsFor(trx, { entity: 'workProgramme', id: before.id });
    }
    return toSummary(await findProgramme(trx, actor, year));
  });
}
