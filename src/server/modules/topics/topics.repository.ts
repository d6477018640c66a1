import type { Topic, TopicNode, TopicsQuery } from '../../../shared/topics.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { cited } from '../sources/source-ref.ts';

type TopicRow = Row<'topics'> & { childCount: number | string | bigint | null };

export function toTopic(row: Row<'topics'>, childCount: number): Topic {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parentId,
    description: row.description,
    ...cited(row),
    visibility: row.visibility,
    party: row.party,
    childCount,
    updatedAt: row.updatedAt,
  };
}

function selectTopics(deps: Deps, actor: Actor) {
  return deps.db
    .selectFrom('topics')
    .selectAll('topics')
    .select((eb) =>
      eb
        .selectFrom('topics as c')
        .select((c) => c.fn.countAll().as('n'))
        .whereRef('c.parentId', '=', 'topics.id')
        .where(visibleTo(actor, 'c'))
        .as('childCount'),
    )
    .where(visibleTo(actor, 'topics'));
}

const withCount = (row: TopicRow) => toTopic(row, Number(row.childCount ?? 0));

/** Topics by name with their visible sub-topic counts; filter by parent or top level. */
export async function listTopics(deps: Deps, actor: Actor, query: TopicsQuery) {
  let select = selectTopics(deps, actor)
    .orderBy('topics.name')
    .orderBy('topics.id')
    .limit(query.limit + 1);
  if (query.parentId) select = select.where('topics.parentId', '=', query.parentId);
  if (query.topLevel === true) select = select.where('topics.parentId', 'is', null);
  if (query.topLevel === false) select = select.where('topics.parentId', 'is not', null);
  if (query.cursor) select = select.where(afterCursor(['topics.name', 'topics.id'], query.cursor));
  const rows = await select.execute();
  return toPage(rows, query.limit, (row) => [row.name, row.id], withCount);
}

export async function getTopic(deps: Deps, actor: Actor, id: string): Promise<Topic> {
  const row = await selectTopics(deps, actor).where('topics.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('topic');
  return withCount(row);
}

/**
 * The whole visible taxonomy as a tree, in one query. A child is never wider than its parent,
 * so a visible topic's parent is visible too; should one not be, the topic stands at the root.
 */
export async function topicTree(deps: Deps, actor: Actor): Promise<TopicNode[]> {
  const rows = await deps.db
    .selectFrom('topics')
    .selectAll()
    .where(visibleTo(actor, 'topics'))
    .orderBy('name')
    .orderBy('id')
    .execute();
  const nodes = new Map<string, TopicNode>();
  for (const row of rows) {
    const { childCount: _none, ...topic } = toTopic(row, 0);
    nodes.set(row.id, { ...topic, children: [] });
  }
  const roots: TopicNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** A topic the caller may see, or undefined: unknown and unseen topics answer alike. */
export async function visibleTopic(trx: Executor, actor: Actor, id: string) {
  return trx
    .selectFrom('topics')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo(actor, 'topics'))
    .executeTakeFirst();
}

/** The parent a topic names: unknown and unseen parents answer alike. */
export async function parentTopic(trx: Executor, actor: Actor, id: string) {
  const parent = await visibleTopic(trx, actor, id);
  if (!parent) throw invalid('parentId', 'no such topic');
  return parent;
}
