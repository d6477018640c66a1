import type { Executor } from '../../db/database.ts';
import type { FieldError } from '../../domain/errors.ts';

/**
 * One thing wrong with the stored rows: `field` names the row as `tables.<table>[<key>]` (the
 * same path an export file uses), `message` says which rule it breaks and how.
 */
export type Violation = FieldError;

/**
 * A rule the API keeps that the stored rows must satisfy, checked over the whole database by
 * a read-only query. The import runs every invariant on the rows it has just inserted, inside
 * its transaction and before it commits, so that a file breaking any rule is refused whole; a
 * `council verify` can run them on a live database. Each module declares the invariants of its
 * own tables beside its rules (`<entity>.invariants.ts`), and `invariants.ts` collects them.
 */
export interface Invariant {
  /** `<table>.<rule>`, unique across the registry. */
  name: string;
  /** Answers every violation found; an empty list when the rule holds. Never writes. */
  check: (db: Executor) => Promise<Violation[]>;
}

/** `tables.decisions[decision-1]`; a composite key is joined with `/`, as the audit trail does. */
export function rowField(table: string, ...key: readonly unknown[]): string {
  return `tables.${table}[${key.map(String).join('/')}]`;
}

/** A violation of `table`'s row `key`. */
export function violation(table: string, key: unknown | readonly unknown[], message: string) {
  return { field: rowField(table, ...(Array.isArray(key) ? key : [key])), message };
}

/** Who may see an item, in words: `public`, `joint`, `nato's caucus`. */
export function audienceWords(item: { visibility: string; party: string | null }): string {
  return item.visibility === 'caucus' ? `${item.party ?? 'no party'}'s caucus` : item.visibility;
}
