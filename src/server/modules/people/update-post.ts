import type { Post, UpdatePostInput } from '../../../shared/people.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin, canSee } from '../access/visibility.policy.ts';
import { auditScope, widenVisibility } from '../access/visibility-change.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { endsBeforeStart } from '../council/council-status.ts';
import { findPersonRow, toPost } from './people.repository.ts';
import { referencedDelegation } from './referenced-delegation.ts';

/**
 * Changes a post's title, delegation or dates (an `endsOn` when its holder leaves), or widens
 * its visibility (narrowing: Conflict). Needs manage-council; NotFound for an unseen person or
 * post; ValidationFailed when it ends before it starts or names an unseen delegation;
 * VisibilityTooWide when wider than the person or its delegation.
 */
export async function updatePost(
  deps: Deps,
  actor: Actor,
  personId: string,
  postId: string,
  input: UpdatePostInput,
): Promise<Post> {
  requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  return deps.db.transaction().execute(async (trx) => {
    const person = await findPersonRow(trx, actor, personId);
    const before = await trx
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', postId)
      .where('personId', '=', person.id)
      .executeTakeFirst();
    if (!before || !canSee(actor, before)) throw notFound('post');
    const after: Row<'posts'> = {
      ...before,
      title: input.title ?? before.title,
      delegationId: input.delegationId === undefined ? before.delegationId : input.delegationId,
      startsOn: input.startsOn === undefined ? before.startsOn : input.startsOn,
      endsOn: input.endsOn === undefined ? before.endsOn : input.endsOn,
      ...widenVisibility(before, input.visibility),
      updatedAt: at,
    };
    const { startsOn, endsOn } = after;
    if (startsOn !== null && endsOn !== null && endsBeforeStart({ startsOn, endsOn })) {
      throw invalid('endsOn', 'must not come before startsOn');
    }
    assertWithin(after, person);
    if (after.delegationId !== null) {
      await referencedDelegation(trx, actor, after.delegationId, after);
    }
    const { id: _key, createdAt: _created, ...changes } = after;
    await trx.updateTable('posts').set(changes).where('id', '=', postId).execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'post.update',
      entityType: 'post',
      entityId: postId,
      ...auditScope(before, after),
      before,
      after,
    });
    return toPost(after);
  });
}
