import type { Transaction } from 'kysely';
import type { CreateTopicInput, Topic, UpdateTopicInput } from '../../../shared/topics.schemas.ts';
import { change } from '../../changes/unit-of-work.ts';
import type { Database, Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin, type Visible, visibleTo } from '../access/visibility.policy.ts';
import { defaultWithin, visibilityOnCreate, widenVisibility } from '../access/visibility-change.ts';
import { getTopic } from './topics.repository.ts';

async function visibleTopic(trx: Transaction<Database>, actor: Actor, id: string) {
  return trx
    .selectFrom('topics')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo(actor, 'topics'))
    .executeTakeFirst();
}

/** The parent a topic names: unknown and unseen parents answer alike. */
async function parentTopic(trx: Transaction<Database>, actor: Actor, id: string) {
  const parent = await visibleTopic(trx, actor, id);
  if (!parent) throw invalid('parentId', 'no such topic');
  return parent;
}

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
