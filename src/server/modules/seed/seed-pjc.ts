import type { Deps } from '../../deps.ts';

// Placeholder replaced by the PJC seed loader within this change.
export async function seedPjc(
  _deps: Deps,
): Promise<{ created: number; updated: number; unchanged: number }> {
  throw new Error('not yet');
}
