import type { Post, UpdatePostInput } from '../../../shared/people.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requireOwnParty, requirePermission } from '../access/roles.policy.ts';
import { assertWithin, canSee } from '../access/visibility.policy.ts';
import { widenVisibility } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { endsBeforeStart } from '../council/council-status.ts';
import { findPersonRow, toPost } from './people.repository.ts';
import { referencedDelegation } from './referenced-delegation.ts';

/**
 * Changes a post's title, delegation or dates (an `endsOn` when its holder leaves), or widens
 * its visibility (narrowing: Conflict). Needs manage-council of the person's own party
 * (NotYourParty); NotFound for an unseen person or
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
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    const person = await findPersonRow(trx, actor, personId);
    requireOwnParty(user, person.party, 'its people and their posts');
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
      await referencedDelegation(trx, actor, after.delegationId, after, person.party);
    }
    const { id: _key, createdAt: _created, ...changes } = after;
    await trx.updateTable('posts').set(changes).where('id', '=', postId).execute();
    record({ entity: 'post', id: postId, action: 'update', before, after });
    return toPost(after);
  });
}
