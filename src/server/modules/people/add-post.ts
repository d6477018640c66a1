import type { CreatePostInput, Post } from '../../../shared/people.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requireOwnParty, requirePermission } from '../access/roles.policy.ts';
import { assertWithin } from '../access/visibility.policy.ts';
import { defaultWithin, visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { endsBeforeStart } from '../council/council-status.ts';
import { findPersonRow, toPost } from './people.repository.ts';
import { referencedDelegation } from './referenced-delegation.ts';

/**
 * Records a post a person held (Secretary General, Minister of Defence...). Needs
 * manage-council of the person's own party (NotYourParty); NotFound for an unseen person;
 * VisibilityTooWide when wider than the person
 * or its delegation; ValidationFailed when it ends before it starts.
 */
export async function addPost(
  deps: Deps,
  actor: Actor,
  personId: string,
  input: CreatePostInput,
): Promise<Post> {
  const user = requirePermission(actor, 'manage-council');
  const startsOn = input.startsOn ?? null;
  const endsOn = input.endsOn ?? null;
  if (startsOn !== null && endsOn !== null && endsBeforeStart({ startsOn, endsOn })) {
    throw invalid('endsOn', 'must not come before startsOn');
  }
  return change(deps, actor, async ({ trx, at, record }) => {
    const person = await findPersonRow(trx, actor, personId);
    requireOwnParty(user, person.party, 'its people and their posts');
    const visible = visibilityOnCreate(user, defaultWithin(input.visibility, person), person.party);
    assertWithin(visible, person);
    const row: Row<'posts'> = {
      id: deps.ids(),
      personId: person.id,
      title: input.title,
      delegationId: input.delegationId ?? null,
      startsOn,
      endsOn,
      sourceId: null,
      ...visible,
      createdAt: at,
      updatedAt: at,
    };
    if (row.delegationId !== null) {
      await referencedDelegation(trx, actor, row.delegationId, row, person.party);
    }
    await trx.insertInto('posts').values(row).execute();
    record({ entity: 'post', id: row.id, action: 'create', after: row });
    return toPost(row);
  });
}
