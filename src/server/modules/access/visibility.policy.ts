import { type Expression, type SqlBool, sql } from 'kysely';
import type { Visibility } from '../../db/schema.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from './actor.ts';

/**
 * The one rule of who sees what. `canSee` decides for one item in memory; `visibleTo` is the
 * same rule as SQL for lists, search and audit, so that nothing is filtered after the fact.
 * Both are tested against each other (visibility.policy.test.ts).
 */
export interface Visible {
  visibility: Visibility;
  party: string | null;
}

export function canSee(actor: Actor, item: Visible): boolean {
  switch (actor.kind) {
    case 'operator':
      return true;
    case 'anonymous':
      return item.visibility === 'public';
    case 'user':
      return item.visibility !== 'caucus' || item.party === actor.party;
  }
}

/** SQL form of `canSee` for rows of `table` (a table name or alias). */
export function visibleTo(actor: Actor, table: string): Expression<SqlBool> {
  const visibility = sql.ref(`${table}.visibility`);
  switch (actor.kind) {
    case 'operator':
      return sql<SqlBool>`1 = 1`;
    case 'anonymous':
      return sql<SqlBool>`${visibility} = 'public'`;
    case 'user':
      return sql<SqlBool>`(${visibility} <> 'caucus' or ${sql.ref(`${table}.party`)} = ${actor.party})`;
  }
}

/** How many people an item reaches: a caucus fewest, the public most. */
export const BREADTH: Record<Visibility, number> = { caucus: 0, joint: 1, public: 2 };

/**
 * A child item (an agenda item, a note) may never be seen by more people than its parent,
 * or its existence would leak the parent's. Throws VisibilityTooWide otherwise.
 */
export function assertWithin(child: Visible, parent: Visible, field = 'visibility'): void {
  const tooWide =
    BREADTH[child.visibility] > BREADTH[parent.visibility] ||
    (parent.visibility === 'caucus' && child.party !== parent.party);
  if (tooWide) {
    throw new DomainError(
      'VisibilityTooWide',
      `an item under a ${parent.visibility} parent cannot be ${child.visibility}`,
      [{ field, message: `must be no wider than the parent's visibility (${parent.visibility})` }],
    );
  }
}
