import type { Executor } from '../../db/database.ts';
import { actedForProblem, loadUserFacts } from '../auth/user.invariants.ts';
import { ENTITY_TABLES } from '../changes/entity-tables.ts';
import { type Invariant, type Violation, violation } from '../integrity/invariant.ts';
import { MADE_BY_BOTH, type MadeByBoth } from './publication.policy.ts';

const MADE_BY_BOTH_SET = new Set<string>(MADE_BY_BOTH);

/**
 * A publication request is a secretary's, for its own party, to publish a joint item both
 * parties made (requestPublication); publishing clears the requests, so none names a public
 * item.
 */
export const PUBLICATION_INVARIANTS: readonly Invariant[] = [
  {
    name: 'publicationRequests.target',
    check: async (db) => {
      const users = await loadUserFacts(db);
      const requests = await db
        .selectFrom('publicationRequests')
        .selectAll()
        .orderBy('entityType')
        .orderBy('entityId')
        .orderBy('party')
        .execute();
      const found: Violation[] = [];
      for (const r of requests) {
        const key = [r.entityType, r.entityId, r.party];
        if (!MADE_BY_BOTH_SET.has(r.entityType)) {
          found.push(
            violation(
              'publicationRequests',
              key,
              `asks to publish a ${r.entityType}, which a party publishes alone (both publish: ${MADE_BY_BOTH.join(', ')})`,
            ),
          );
          continue;
        }
        if (r.entityType === 'council') {
          // The council is public; what its requests name is the description proposed.
          const council = await db
            .selectFrom('council')
            .select(['descriptionProposedBy', 'descriptionVersion'])
            .where('id', '=', r.entityId)
            .executeTakeFirst();
          if (council?.descriptionProposedBy == null) {
            found.push(
              violation(
                'publicationRequests',
                key,
                `asks to publish a description of council ${r.entityId}, which has none proposed`,
              ),
            );
          } else if (r.version !== council.descriptionVersion) {
            found.push(
              violation(
                'publicationRequests',
                key,
                `asks to publish version ${r.version} of the council's description, which is at ${council.descriptionVersion}: a new proposal voids every request`,
              ),
            );
          }
        } else {
          await checkTarget(db, r, key, found);
        }
        if (r.userId !== null) {
          const problem = actedForProblem(users, r.userId, r.party, 'secretary');
          if (problem !== null) found.push(violation('publicationRequests', key, problem));
        }
      }
      return found;
    },
  },
];

/** A request names an existing joint item (the council aside: see above). */
async function checkTarget(
  db: Executor,
  r: { entityType: string; entityId: string },
  key: string[],
  found: Violation[],
): Promise<void> {
  const target = await db
    .selectFrom(ENTITY_TABLES[r.entityType as Exclude<MadeByBoth, 'council'>])
    .select(['id', 'visibility'])
    .where('id', '=', r.entityId)
    .executeTakeFirst();
  if (!target) {
    found.push(
      violation(
        'publicationRequests',
        key,
        `names ${r.entityType} ${r.entityId}, which does not exist`,
      ),
    );
  } else if (target.visibility !== 'joint') {
    found.push(
      violation(
        'publicationRequests',
        key,
        `names ${r.entityType} ${r.entityId}, which is ${target.visibility}: only a joint item is published`,
      ),
    );
  }
}
