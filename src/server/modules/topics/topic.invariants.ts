import { isNarrowerThan } from '../access/visibility.policy.ts';
import { type Invariant, type Violation, violation } from '../integrity/invariant.ts';

/**
 * The taxonomy is a tree: no topic sits under itself or its own descendant (updateTopic
 * refuses the move), and a child is never wider than its parent (createTopic, updateTopic).
 */
export const TOPIC_INVARIANTS: readonly Invariant[] = [
  {
    name: 'topics.tree',
    check: async (db) => {
      const topics = await db
        .selectFrom('topics')
        .select(['id', 'parentId', 'visibility', 'party'])
        .orderBy('id')
        .execute();
      const byId = new Map(topics.map((t) => [t.id, t]));
      const found: Violation[] = [];
      for (const topic of topics) {
        // Walk up; meeting the topic again means it sits under itself.
        const seen = new Set<string>();
        let parentId = topic.parentId;
        while (parentId !== null && !seen.has(parentId)) {
          if (parentId === topic.id) {
            found.push(violation('topics', topic.id, 'sits under itself (a cycle of parents)'));
            break;
          }
          seen.add(parentId);
          parentId = byId.get(parentId)?.parentId ?? null;
        }
        const parent = topic.parentId === null ? undefined : byId.get(topic.parentId);
        if (parent && isNarrowerThan(parent, topic)) {
          found.push(
            violation(
              'topics',
              topic.id,
              `is ${topic.visibility}, wider than its parent ${parent.id} (${parent.visibility})`,
            ),
          );
        }
      }
      return found;
    },
  },
];
