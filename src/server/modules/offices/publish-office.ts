import type { Office } from '../../../shared/offices.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import {
  clearPublicationRequests,
  requestPublication,
} from '../publication/publication-requests.ts';
import { findOfficeRow, getOffice } from './offices.repository.ts';

/**
 * The caller's party asks to publish the version of a joint office it read (manage-council;
 * VersionRequired, StaleVersion); public once every party asked for the same version.
 */
export async function publishOffice(
  deps: Deps,
  actor: Actor,
  id: string,
  version: number | undefined,
): Promise<Office> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at } = uow;
    const before = await findOfficeRow(trx, actor, id);
    if (before.visibility === 'public') return getOffice(trx, actor, id);
    assertCurrentVersion('office', before.version, version);
    const { everyPartyAsked } = await requestPublication(uow, user, {
      entity: 'office',
      id,
      version: before.version,
      scope: before,
    });
    if (everyPartyAsked) {
      const after: Row<'offices'> = { ...before, visibility: 'public', updatedAt: at };
      await trx
        .updateTable('offices')
        .set({ visibility: 'public', updatedAt: at })
        .where('id', '=', id)
        .execute();
      await clearPublicationRequests(uow, 'office', id);
      uow.record({ entity: 'office', id, action: 'publish', before, after });
    }
    return getOffice(trx, actor, id);
  });
}
