import type { ActionOf } from '../../../shared/entities.ts';
import type { Content } from '../../../shared/text-content.ts';
import type { Row } from '../../db/schema.ts';
import { actorParty, actorUserId } from '../access/actor.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { plainOf } from './text-editing.ts';

/**
 * Stores a new version of a text (every change makes one; versions are never changed) and
 * records the change. Answers the text row as it now stands. Agreements name the version they
 * were given to, so an agreement to an older version no longer counts: nothing else to void.
 */
export async function saveVersion(
  uow: UnitOfWork,
  before: Row<'texts'>,
  content: Content,
  summary: string,
  action: ActionOf<'text'>,
  changes: Partial<Row<'texts'>> = {},
  audit?: { after: unknown },
): Promise<Row<'texts'>> {
  const { trx, at, actor } = uow;
  const after: Row<'texts'> = {
    ...before,
    ...changes,
    version: before.version + 1,
    plain: plainOf(content, changes.originalLanguage ?? before.originalLanguage),
    updatedAt: at,
  };
  await trx
    .insertInto('textVersions')
    .values({
      textId: before.id,
      version: after.version,
      content: JSON.stringify(content),
      at,
      byParty: actorParty(actor),
      userId: actorUserId(actor),
      summary,
      visibility: after.visibility,
      party: after.party,
    })
    .execute();
  const { id, createdAt: _c, ...columns } = after;
  await trx.updateTable('texts').set(columns).where('id', '=', id).execute();
  uow.record({ entity: 'text', id, action, before, after, ...(audit ? { audit } : {}) });
  return after;
}
