import type { Transaction } from 'kysely';
import type { Topic, UpdateTopicInput } from '../../../shared/topics.schemas.ts';
import type { Database, Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin } from '../access/visibility.policy.ts';
import { widenVisibility } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { getTopic, parentTopic, visibleTopic } from './topics.repository.ts';

/**
 * A topic may not sit under itself or under one of its own descendants: walks up from the new
 * parent in one recursive query. UNION (not UNION ALL) drops rows already seen, so a loop left
 * in stored data ends the walk instead of running forever.
 */
async function assertNoCycle(trx: Transaction<Database>, topicId: string, parentId: string) {
  const selfOrDescendant = await trx
    .withRecursive('ancestors(id, parentId)', (db) =>
      db
        .selectFrom('topics')
        .select(['id', 'parentId'])
        .where('id', '=', parentId)
        .union((eb) =>
          eb
            .selectFrom('topics')
            .innerJoin('ancestors', 'ancestors.parentId', 'topics.id')
            .select(['topics.id', 'topics.parentId']),
        ),
    )
    .selectFrom('ancestors')
    .select('id')
    .where('id', '=', topicId)
    .executeTakeFirst();
  if (selfOrDescendant) throw invalid('parentId', 'a topic cannot sit under itself');
}

/**
 * Renames, re-parents or widens a topic. Needs manage-council; NotFound for an unseen topic;
 * ValidationFailed for a cycle; VisibilityTooWide when wider than its parent; Conflict when
 * narrowing.
 */
export async function updateTopic(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateTopicInput,
): Promise<Topic> {
  requirePermission(actor, 'manage-council');
  await change(deps, actor, async ({ trx, at, record }) => {
    const before = await visibleTopic(trx, actor, id);
    if (!before) throw notFound('topic');
    const after: Row<'topics'> = {
      ...before,
      name: input.name ?? before.name,
      parentId: input.parentId === undefined ? before.parentId : input.parentId,
      description: input.description === undefined ? before.description : input.description,
      ...widenVisibility(before, input.visibility),
      updatedAt: at,
    };
    if (after.parentId !== null) {
      const parent = await parentTopic(trx, actor, after.parentId);
      assertWithin(after, parent, 'visibility');
      await assertNoCycle(trx, id, parent.id);
    }
    const { id: _key, createdAt: _created, ...changes } = after;
    await trx.updateTable('topics').set(changes).where('id', '=', id).execute();
    record({ entity: 'topic', id: id, action: 'update', before, after });
  });
  return getTopic(deps, actor, id);
}
