import type { Area, CreateAreaInput } from '../../../shared/work-programmes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin, visibilityFor, visibleTo } from '../access/visibility.policy.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { toArea } from './activity.mappers.ts';
import { findProgramme } from './work-programme.queries.ts';

/**
 * Adds an area (a chapter) at the end of a programme, as visible as the programme unless
 * said otherwise. VisibilityTooWide when wider than the programme; NotFound for an unseen one.
 */
export async function addArea(
  deps: Deps,
  actor: Actor,
  year: number,
  input: CreateAreaInput,
): Promise<Area> {
  const user = requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  return deps.db.transaction().execute(async (trx) => {
    const programme = await findProgramme(trx, actor, year);
    const visible = visibilityFor(user.party, input.visibility ?? programme.visibility);
    assertWithin(visible, programme);
    // Positions count only the areas the caller sees, so gaps never betray hidden ones.
    const last = await trx
      .selectFrom('workProgrammeAreas')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('programmeId', '=', programme.id)
      .where(visibleTo(actor, 'workProgrammeAreas'))
      .executeTakeFirst();
    const row: Row<'workProgrammeAreas'> = {
      id: deps.ids(),
      programmeId: programme.id,
      position: (last?.position ?? 0) + 1,
      title: input.title,
      ...visible,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('workProgrammeAreas').values(row).execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'workProgrammeArea.create',
      entityType: 'workProgrammeArea',
      entityId: row.id,
      visibility: row.visibility,
      party: row.party,
      after: row,
    });
    return toArea(row);
  });
}
