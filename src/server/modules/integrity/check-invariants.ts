import type { Executor } from '../../db/database.ts';
import type { Invariant, Violation } from './invariant.ts';
import { INVARIANTS } from './invariant-registry.ts';

export interface Finding extends Violation {
  /** The invariant that found it. */
  invariant: string;
}

/**
 * Runs every invariant (or those given) over the database and answers what they found, in
 * registry order; an empty list when the rows keep every rule. Reads only: inside the
 * import's transaction it sees the rows just inserted, and it changes nothing.
 */
export async function checkInvariants(
  db: Executor,
  invariants: readonly Invariant[] = INVARIANTS,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const invariant of invariants) {
    for (const found of await invariant.check(db)) {
      findings.push({ invariant: invariant.name, ...found });
    }
  }
  return findings;
}
