import { sql } from 'kysely';
import { expect } from 'vitest';
import type { TableName } from '../../src/server/db/schema.ts';
import type { Deps } from '../../src/server/deps.ts';
import type { QualifiedAction } from '../../src/shared/entities.ts';

/**
 * Runs two updates of one row at once, as two requests could, and checks that neither is lost
 * and, when `auditedBefore` is given, that the later audit entry's `before` already holds what
 * the earlier update wrote (each change is read and audited inside its own transaction).
 */
export async function expectBothUpdatesKept(
  deps: Deps,
  options: {
    table: TableName;
    id: string;
    updates: [() => Promise<unknown>, () => Promise<unknown>];
    expected: Record<string, unknown>;
    auditedBefore?: { action: string; field: string; value: unknown };
  },
): Promise<void> {
  await Promise.all(options.updates.map((update) => update()));
  const row = await sql<Record<string, unknown>>`select * from ${sql.table(options.table)}
    where "id" = ${options.id}`.execute(deps.db);
  expect(row.rows[0]).toMatchObject(options.expected);
  if (!options.auditedBefore) return;
  const { action } = options.auditedBefore;
  const audits = await deps.db
    .selectFrom('auditEvents')
    .select(['before', 'after'])
    .where('entityId', '=', options.id)
    .where('action', '=', action as QualifiedAction)
    .orderBy('id')
    .execute();
  // Either update may commit first (on PostgreSQL they truly run at once): whichever did, the
  // later entry's `before` already holds everything the earlier one changed.
  const [earlier, later] = audits.slice(-2).map((a) => ({
    before: JSON.parse(a.before ?? '{}') as Record<string, unknown>,
    after: JSON.parse(a.after ?? '{}') as Record<string, unknown>,
  }));
  const changed = Object.fromEntries(
    Object.entries(earlier?.after ?? {}).filter(
      ([key, value]) => key !== 'updatedAt' && earlier?.before[key] !== value,
    ),
  );
  expect(Object.keys(changed).length).toBeGreaterThan(0);
  expect(later?.before).toMatchObject(changed);
  const { field, value } = options.auditedBefore;
  // The named field is one of the two changes, held by the row at the end.
  expect([earlier?.after[field], later?.after[field]]).toContain(value);
}
