import type { CreateTopicInput, Topic } from '../../../shared/topics.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin, type Visible } from '../access/visibility.policy.ts';
import { defaultWithin, visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { getTopic, parentTopic } from './topics.repository.ts';

/**
 * Adds a topic to the taxonomy. Needs manage-council; ValidationFailed for an unknown parent;
 * VisibilityTooWide when wider than its parent.
 */
export async function createTopic(
  deps: Deps,
  actor: Actor,
  input: CreateTopicInput,
): Promise<Topic> {
  const user = requirePermission(actor, 'manage-council');
  const id = deps.ids();
  await change(deps, actor, async ({ trx, at, record }) => {
    const parent = input.parentId ? await parentTopic(trx, actor, input.parentId) : null;
    const requested = parent ? defaultWithin(input.visibility, parent) : input.visibility;
    const visible: Visible = visibilityOnCreate(user, requested, parent?.party ?? user.party);
    if (parent) assertWithin(visible, parent, 'visibility');
    const row: Row<'topics'> = {
      id,
      name: input.name,
      parentId: parent?.id ?? null,
      description: input.description ?? null,
      sourceId: null,
      ...visible,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('topics').values(row).execute();
    record({ entity: 'topic', id: id, action: 'create', after: row });
  });
  return getTopic(deps, actor, id);
}
