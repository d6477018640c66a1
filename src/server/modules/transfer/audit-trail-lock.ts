import { sql, type Transaction } from 'kysely';
import { isPostgres } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';

/**
 * Runs `fn` with the append-only triggers of the audit trail and the record log lifted, inside the caller's
 * transaction. Only `import --replace` uses it: restoring a backup replaces the trail with the
 * backup's own, which the triggers (rightly) refuse to every other code path.
 *
 * The triggers are re-created from the exact SQL SQLite stored for them, so this stays
 * correct whatever a later migration makes of them. SQLite's DDL is transactional: if
 * anything fails, the rollback restores the triggers as well as the rows, and no other
 * connection ever sees the trail unprotected (the transaction holds the write lock).
 */
export async function withAuditTrailUnlocked<T>(
  trx: Transaction<Database>,
  fn: () => Promise<T>,
): Promise<T> {
  if (isPostgres(trx)) {
    // The trigger function lets a transaction that says it restores through (migrations-postgres/
    // 2026-12-03T1000-baseline.ts); `set local` ends with the transaction, committed or not.
    await sql`select set_config('council.restoring', 'on', true)`.execute(trx);
    const result = await fn();
    await sql`select set_config('council.restoring', 'off', true)`.execute(trx);
    return result;
  }
  const { rows: triggers } = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where type = 'trigger' and tbl_name in ('auditEvents', 'recordLog')
    order by name`.execute(trx);
  for (const trigger of triggers) {
    await sql`drop trigger ${sql.id(trigger.name)}`.execute(trx);
  }
  const result = await fn();
  for (const trigger of triggers) {
    await sql.raw(trigger.sql).execute(trx);
  }
  return result;
}
