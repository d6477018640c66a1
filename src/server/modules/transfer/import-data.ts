import { sql, type Transaction } from 'kysely';
import { describeDatabaseError } from '../../db/database-errors.ts';
import { isPostgres } from '../../db/dialect.ts';
import { liveTables } from '../../db/live-schema.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { OPERATOR, type OperatorActor } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { checkInvariants } from '../integrity/check-invariants.ts';
import { withAuditTrailUnlocked } from './audit-trail-lock.ts';
import {
  type CheckedExport,
  checkExportFile,
  invalidFile,
  type LiveColumns,
} from './check-export-file.ts';
import { countRows } from './export-data.ts';
import {
  countStoredRows,
  EXPORT_ORDER,
  type ExportedTable,
  type ExportRow,
  looseDb,
  PRIMARY_KEYS,
} from './export-tables.ts';
import { rebuildSearchIndex } from './rebuild-search-index.ts';

type Trx = Transaction<Database>;

export interface ImportOptions {
  /** Empty the database first (in the same transaction) instead of refusing a non-empty one. */
  replace?: boolean;
  /** Called after each batch of rows; `total` counts every row in the file. */
  onProgress?: (progress: { done: number; total: number; table: ExportedTable }) => void;
}

export interface ImportSummary {
  rows: number;
  tables: number;
  /** Rows removed by `replace` (sessions included: every signed-in user is signed out). */
  removed: number;
  indexed: number;
}

// SQLite allows 32,766 bound values per statement; stay well below it.
const MAX_VALUES_PER_INSERT = 10_000;
const MAX_ROWS_PER_INSERT = 500;

/**
 * Loads an export (see exportData) into the database, all of it or nothing: one transaction,
 * so a bad row, a broken reference or a failed check leaves the database exactly as it was.
 * Refuses (Conflict) a database that already holds data unless `replace`, which removes it
 * all first, the audit trail included (see withAuditTrailUnlocked), and signs everyone out.
 * The file is checked before anything is written (ValidationFailed naming each problem), and
 * the rows once written are checked against every rule the API enforces (the invariants,
 * integrity/invariant-registry.ts) before anything commits; the search index is rebuilt from
 * the imported rows. The import itself is not audited: the
 * restored trail is the file's, unchanged, so that export and import are exact inverses.
 */
export async function importData(
  deps: Deps,
  _actor: OperatorActor,
  file: unknown,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const checked = checkExportFile(file, await liveColumns(deps));
  // Through the write path like every change, recording nothing: the restored trail is the
  // file's own, and the search index and change events are rebuilt from the rows.
  return change(deps, OPERATOR, async ({ trx }) => {
    // Rows arrive in foreign-key order, but a table may reference itself (topics); checking
    // every reference once, at the end, also lets the check name the broken row.
    // (PostgreSQL: every reference is deferrable, migrations-postgres/.)
    if (isPostgres(trx)) await sql`set constraints all deferred`.execute(trx);
    else await sql`pragma defer_foreign_keys = on`.execute(trx);
    const present = await countStoredRows(trx);
    if (present > 0 && !options.replace) {
      throw new DomainError(
        'Conflict',
        `the database already holds ${present} rows: import into an empty database, or pass --replace to discard them`,
      );
    }
    return withAuditTrailUnlocked(trx, async () => {
      const removed = present > 0 ? await removeEverything(trx) : 0;
      const rows = await insertAll(trx, checked, options.onProgress);
      await assertReferencesHold(trx);
      await assertInvariantsHold(trx);
      const indexed = await rebuildSearchIndex(trx);
      await rebuildChangeEvents(trx);
      if (isPostgres(trx)) await continueIdentities(trx);
      const tables = Object.values(checked.tables).filter((r) => r.length > 0).length;
      return { rows, tables, removed, indexed };
    });
  });
}

/**
 * PostgreSQL's identity columns draw from sequences that rows inserted with their own ids do
 * not move: each is set past the highest id restored, or the next write would take an id the
 * file already holds. (SQLite's autoincrement follows the rows by itself.)
 */
async function continueIdentities(trx: Trx): Promise<void> {
  for (const table of ['auditEvents', 'recordLog', 'changeEvents', 'searchDocuments']) {
    await sql`select setval(pg_get_serial_sequence(${`"${table}"`}, 'id'),
      coalesce((select max("id") from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
  }
}

/** One change event per restored audit entry, in the same order and numbering. */
async function rebuildChangeEvents(trx: Trx): Promise<void> {
  await trx.deleteFrom('changeEvents').execute();
  await trx
    .insertInto('changeEvents')
    .columns(['audience', 'seq', 'at', 'entityType', 'entityId', 'action', 'auditEventId'])
    .expression((eb) =>
      eb
        .selectFrom('auditEvents')
        .select(['audience', 'seq', 'at', 'entityType', 'entityId', 'action', 'id'])
        .orderBy('id'),
    )
    .execute();
}

async function liveColumns(deps: Deps): Promise<LiveColumns> {
  const tables = await liveTables(deps.db);
  return new Map(tables.map((t) => [t.name, new Map(t.columns.map((c) => [c.name, c.type]))]));
}

async function removeEverything(trx: Trx): Promise<number> {
  const db = looseDb(trx);
  let removed = 0;
  for (const table of [
    'sessions',
    'addressAttempts',
    'changeEvents',
    ...[...EXPORT_ORDER].reverse(),
  ]) {
    const result = await db.deleteFrom(table).executeTakeFirst();
    removed += Number(result.numDeletedRows);
  }
  return removed;
}

async function insertAll(
  trx: Trx,
  checked: CheckedExport,
  onProgress: ImportOptions['onProgress'],
): Promise<number> {
  const db = looseDb(trx);
  const total = countRows(checked.tables);
  let done = 0;
  for (const table of EXPORT_ORDER) {
    const rows = checked.tables[table] ?? [];
    for (const { start, batch } of batches(rows)) {
      // On PostgreSQL a failed statement aborts the whole transaction: a savepoint keeps the
      // rest of it usable for the row-by-row retry.
      const guarded = isPostgres(trx);
      try {
        if (guarded) await sql`savepoint "importBatch"`.execute(trx);
        await db.insertInto(table).values(batch).execute();
        if (guarded) await sql`release savepoint "importBatch"`.execute(trx);
      } catch (error) {
        if (guarded) await sql`rollback to savepoint "importBatch"`.execute(trx);
        // The failed statement left nothing behind; retry row by row to name the culprit.
        await insertOneByOne(trx, table, batch, start, error);
      }
      done += batch.length;
      onProgress?.({ done, total, table });
    }
  }
  return total;
}

/** Consecutive rows with the same columns, so each insert's column list fits every row. */
function* batches(rows: ExportRow[]): Generator<{ start: number; batch: ExportRow[] }> {
  let start = 0;
  while (start < rows.length) {
    const first = rows[start] as ExportRow;
    const signature = Object.keys(first).join('\0');
    const limit = Math.max(
      1,
      Math.min(
        MAX_ROWS_PER_INSERT,
        Math.floor(MAX_VALUES_PER_INSERT / Math.max(1, Object.keys(first).length)),
      ),
    );
    let end = start + 1;
    while (
      end < rows.length &&
      end - start < limit &&
      Object.keys(rows[end] as ExportRow).join('\0') === signature
    ) {
      end += 1;
    }
    yield { start, batch: rows.slice(start, end) };
    start = end;
  }
}

async function insertOneByOne(
  trx: Trx,
  table: ExportedTable,
  batch: ExportRow[],
  start: number,
  batchError: unknown,
): Promise<void> {
  const db = looseDb(trx);
  for (const [offset, row] of batch.entries()) {
    try {
      await db.insertInto(table).values(row).execute();
    } catch (error) {
      throw invalidFile([
        { field: `tables.${table}[${start + offset}]`, message: messageOf(error) },
      ]);
    }
  }
  throw batchError;
}

async function assertReferencesHold(trx: Trx): Promise<void> {
  if (isPostgres(trx)) return assertPostgresReferencesHold(trx);
  const { rows } = await sql<{ table: string; rowid: number; parent: string }>`
    pragma foreign_key_check`.execute(trx);
  if (rows.length === 0) return;
  const db = looseDb(trx);
  const problems = [];
  for (const broken of rows.slice(0, 10)) {
    const keys = PRIMARY_KEYS[broken.table as ExportedTable] ?? [];
    const row = await db
      .selectFrom(broken.table)
      .selectAll()
      .where(sql.ref('rowid'), '=', broken.rowid)
      .executeTakeFirst();
    const key = keys.map((k) => `${k}=${String(row?.[k])}`).join(', ');
    problems.push({
      field: `tables.${broken.table}`,
      message: `the row with ${key} refers to a ${broken.parent} row that is not in the file`,
    });
  }
  throw invalidFile(problems);
}

/**
 * PostgreSQL checks the deferred references when told to check them now, and names the first
 * that breaks: its table and the key it refers to.
 */
async function assertPostgresReferencesHold(trx: Trx): Promise<void> {
  // The check fails the transaction; a savepoint keeps it usable to name the row.
  await sql`savepoint "references"`.execute(trx);
  try {
    await sql`set constraints all immediate`.execute(trx);
    await sql`release savepoint "references"`.execute(trx);
    return;
  } catch (error) {
    const broken = error as { code?: string; table?: string; constraint?: string };
    if (broken.code !== '23503' || !broken.table || !broken.constraint) throw error;
    await sql`rollback to savepoint "references"`.execute(trx);
    // PostgreSQL leaves the key out of its message under row-level security: the reference's
    // own columns say which row breaks it.
    const { rows: [reference] = [] } = await sql<{
      parent: string;
      columns: string[];
      keys: string[];
    }>`
      select c.confrelid::regclass::text as "parent",
        array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as "columns",
        array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
          join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as "keys"
      from pg_constraint c
      where c.conname = ${broken.constraint} and c.conrelid = ${`"${broken.table}"`}::regclass`.execute(
      trx,
    );
    const table = broken.table as ExportedTable;
    const keys = PRIMARY_KEYS[table] ?? [];
    const parent = reference?.parent.replaceAll('"', '') ?? 'missing';
    const row = reference
      ? await looseDb(trx)
          .selectFrom(`${table} as t`)
          .select(keys.map((k) => `t.${k}`))
          .where((eb) =>
            eb.and([
              ...reference.columns.map((c) => eb(`t.${c}`, 'is not', null)),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom(`${parent} as p`)
                    .select(sql`1`.as('one'))
                    .where((inner) =>
                      inner.and(
                        reference.columns.map((c, i) =>
                          inner(`p.${reference.keys[i]}`, '=', inner.ref(`t.${c}`)),
                        ),
                      ),
                    ),
                ),
              ),
            ]),
          )
          .executeTakeFirst()
      : undefined;
    const key = keys.map((k) => `${k}=${String(row?.[k])}`).join(', ');
    throw invalidFile([
      {
        field: `tables.${table}`,
        message: `the row with ${key} refers to a ${parent} row that is not in the file`,
      },
    ]);
  }
}

/**
 * The rows inserted keep every rule the API enforces (the invariants of every module), or the
 * file is refused with what breaks them: the transaction then rolls back, and nothing counts as
 * agreed, approved or seen that the parties' own actions never made so.
 */
async function assertInvariantsHold(trx: Trx): Promise<void> {
  const findings = await checkInvariants(trx);
  if (findings.length > 0) {
    throw invalidFile(findings.map(({ field, message }) => ({ field, message })));
  }
}

function messageOf(error: unknown): string {
  return describeDatabaseError(error);
}
