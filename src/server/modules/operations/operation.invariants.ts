import { isNarrowerThan, type Visible } from '../access/visibility.policy.ts';
import {
  audienceWords,
  type Invariant,
  type Violation,
  violation,
} from '../integrity/invariant.ts';

/**
 * A strength figure is never wider than its operation, and its contributor (when it is not
 * the whole force) is a party or a delegation no narrower than the figure (addStrength).
 */
export const OPERATION_INVARIANTS: readonly Invariant[] = [
  {
    name: 'operationStrengths.within',
    check: async (db) => {
      const operations = new Map(
        (await db.selectFrom('operations').select(['id', 'visibility', 'party']).execute()).map(
          (o) => [o.id, o],
        ),
      );
      const contributors = new Map<string, Visible>();
      for (const table of ['parties', 'delegations'] as const) {
        for (const row of await db
          .selectFrom(table)
          .select(['id', 'visibility', 'party'])
          .execute()) {
          contributors.set(row.id, row);
        }
      }
      const strengths = await db
        .selectFrom('operationStrengths')
        .select(['id', 'operationId', 'contributor', 'visibility', 'party'])
        .orderBy('id')
        .execute();
      const found: Violation[] = [];
      for (const s of strengths) {
        const operation = operations.get(s.operationId);
        if (operation && isNarrowerThan(operation, s)) {
          found.push(
            violation(
              'operationStrengths',
              s.id,
              `is ${audienceWords(s)}, wider than its operation ${operation.id} (${audienceWords(operation)})`,
            ),
          );
        }
        if (s.contributor === null) continue;
        const contributor = contributors.get(s.contributor);
        if (!contributor) {
          found.push(
            violation(
              'operationStrengths',
              s.id,
              `contributor ${s.contributor} is neither a party nor a delegation`,
            ),
          );
        } else if (isNarrowerThan(contributor, s)) {
          found.push(
            violation(
              'operationStrengths',
              s.id,
              `names contributor ${s.contributor}, which is ${audienceWords(contributor)}: narrower than this ${audienceWords(s)} figure`,
            ),
          );
        }
      }
      return found;
    },
  },
];
