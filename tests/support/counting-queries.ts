import type { KyselyPlugin } from 'kysely';
import type { Deps } from '../../src/server/deps.ts';

/**
 * The same dependencies with a database that counts the queries it runs: results, not
 * compilations (a prepared query compiles once, and under Vitest once more to check itself).
 * A database of its own, so that what is kept per database (the common-topic answers) starts
 * empty for each.
 */
export function countingQueries(deps: Deps): { deps: Deps; queries: () => number } {
  let queries = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      queries += 1;
      return args.result;
    },
  };
  return { deps: { ...deps, db: deps.db.withPlugin(plugin) }, queries: () => queries };
}
