import { type Expression, type SqlBool, sql } from 'kysely';
import type { Visibility } from '../../../shared/vocabularies.ts';
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

let filterOff = false;

/**
 * Test only: turns the application's own visibility filter off, in SQL and in memory, to show
 * that PostgreSQL's row-level security alone still keeps each caucus to its party
 * (tests/row-level-security.test.ts). Refused outside a Vitest run.
 */
export function turnVisibilityFilterOffForTest(off: boolean): void {
  if (!process.env.VITEST) throw new Error('the visibility filter is switched off in tests only');
  filterOff = off;
}

/** Whether the test-only switch is on: it changes the SQL of `visibleTo` (prepared-actor.ts). */
export function visibilityFilterIsOff(): boolean {
  return filterOff;
}

export function canSee(actor: Actor, item: Visible): boolean {
  if (filterOff) return true;
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
  if (filterOff) return sql<SqlBool>`1 = 1`;
  switch (actor.kind) {
    case 'operator':
      return sql<SqlBool>`1 = 1`;
    case 'anonymous':
      return sql<SqlBool>`${visibility} = 'public'`;
    case 'user':
      return visibleToParty(sql<string>`${actor.party}`, table);
  }
}

/**
 * visibleTo for a user of `party`, given as SQL: the caller's party bound, or a column, for the
 * query that finds every user who may see an item (the readers a text's news goes to).
 */
export function visibleToParty(party: Expression<string>, table: string): Expression<SqlBool> {
  if (filterOff) return sql<SqlBool>`1 = 1`;
  const visibility = sql.ref(`${table}.visibility`);
  return sql<SqlBool>`(${visibility} <> 'caucus' or ${sql.ref(`${table}.party`)} = ${party})`;
}

/**
 * The same rule as visibleTo, for a column that holds an item's audience (audience.ts), as the
 * links of agenda items to topics do: an index that starts with the audience is then sought
 * only for what the caller may see, and what it may not see costs it nothing, not even time.
 * The caucus audience is built in SQL from the bound party, not taken from audiencesOf: a
 * prepared query (db/prepared-query.ts) binds the party as given and refuses a value the build
 * changed, as `caucus:${party}` would be.
 */
export function inAudienceOf(actor: Actor, column: string): Expression<SqlBool> {
  const audience = sql.ref(column);
  if (filterOff) return sql<SqlBool>`1 = 1`;
  switch (actor.kind) {
    case 'operator':
      return sql<SqlBool>`1 = 1`;
    case 'anonymous':
      return sql<SqlBool>`${audience} = 'public'`;
    case 'user':
      return sql<SqlBool>`${audience} in ('public', 'joint', 'caucus:' || ${actor.party})`;
  }
}

/**
 * The same rule as visibleTo, cut into one condition per audience the caller may see: public,
 * joint, and its own party's caucus. A list that reads each on its own (a union of one query
 * per condition) over an index that starts with (visibility, party) seeks only the rows the
 * caller may see: rows of the other party's caucus are never walked past, so they cost it no
 * time either (a single `visibility <> 'caucus' or party = ?` walks them all in the order
 * index and drops them, a measure of how many there are: bench/hidden-notes.ts).
 *
 * `sharedApart`: for a table whose indexes of public and joint rows hold no caucus row
 * (partial indexes `where visibility <> 'caucus'`: meetings, texts, the timeline), each shared
 * condition also says so in that very term: the planners choose a partial index only for a
 * query that names its condition, and a caucus condition, which never does, cannot walk one.
 */
export function audienceConditions(
  actor: Actor,
  table: string,
  options: { sharedApart?: boolean } = {},
): Expression<SqlBool>[] {
  const visibility = sql.ref(`${table}.visibility`);
  if (filterOff) return [sql<SqlBool>`1 = 1`];
  const shared = sharedAudienceConditions(table, options);
  switch (actor.kind) {
    case 'operator':
      return [sql<SqlBool>`1 = 1`];
    case 'anonymous':
      return shared.slice(0, 1);
    case 'user':
      return [
        ...shared,
        sql<SqlBool>`(${visibility} = 'caucus' and ${sql.ref(`${table}.party`)} = ${actor.party})`,
      ];
  }
}

/** audienceConditions of what every party sees: public, joint (in that order). */
export function sharedAudienceConditions(
  table: string,
  options: { sharedApart?: boolean } = {},
): Expression<SqlBool>[] {
  const visibility = sql.ref(`${table}.visibility`);
  const apart = options.sharedApart ? sql` and ${visibility} <> 'caucus'` : sql``;
  return [
    sql<SqlBool>`(${visibility} = 'public'${apart})`,
    sql<SqlBool>`(${visibility} = 'joint'${apart})`,
  ];
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

/**
 * An item that names another (a joint meeting's co-chair, attendance, linked topic) shows what
 * it names to its whole audience, so the named item must be at least as visible as the item:
 * a joint meeting may not name a caucus person, or the other party reads it. The same rule as
 * assertWithin, read from the referring side. Throws VisibilityTooWide naming `field`.
 */
export function assertReferenceFits(item: Visible, referenced: Visible, field: string): void {
  if (isNarrowerThan(referenced, item)) {
    throw new DomainError(
      'VisibilityTooWide',
      `a ${item.visibility} item cannot name a ${referenced.visibility} one`,
      [{ field, message: `names an item narrower than this ${item.visibility} one` }],
    );
  }
}

/** Whether some who may see `item` may not see `referenced`. */
export function isNarrowerThan(referenced: Visible, item: Visible): boolean {
  return (
    BREADTH[referenced.visibility] < BREADTH[item.visibility] ||
    (referenced.visibility === 'caucus' && referenced.party !== item.party)
  );
}
