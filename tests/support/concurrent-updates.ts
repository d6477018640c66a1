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
  const { action, field, value } = options.auditedBefore;
  const audits = await deps.db
    .selectFrom('auditEvents')
    .select('before')
    .where('entityId', '=', options.id)
    .where('action', '=', action as QualifiedAction)
    .orderBy('id')
    .execute();
  expect(JSON.parse(audits.at(-1)?.before ?? '{}')[field]).toEqual(value);
}
