import type { Transaction } from 'kysely';
import type { Deps } from '../../deps.ts';
import { OPERATOR } from '../access/actor.ts';
import { auditScope } from '../access/visibility-change.ts';
import type { RowOf } from '../changes/entity-tables.ts';
import { change, type UnitOfWork } from '../changes/unit-of-work.ts';
import { bumpAgendaVersions, type SeededRow, watchAgendas } from './agenda-versions.ts';
import { loadPjcRecord } from './pjc-record.ts';
import { auditScopeOf, pjcSeedTables, type SeedTable } from './pjc-rows.ts';
import { seedTextRecords } from './seed-texts.ts';

type Loose = Record<string, unknown>;

/**
 * The upsert walks many tables with one piece of code, so it sees them through a loosely typed
 * view; the row shapes were checked against the real table types where they were built
 * (pjc-rows.ts).
 */
type LooseTransaction = Transaction<Record<string, Loose>>;

export interface SeedCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface SeedPjcOptions {
  /** The folder holding the record's YAML files; data/pjc of the repository by default. */
  folder?: string | URL;
  onProgress?: (done: number, total: number) => void;
}

const DEFAULT_FOLDER = new URL('../../../../data/pjc/', import.meta.url);

/**
 * Loads the reference record of the NATO-Russia Permanent Joint Council into the database.
 * Idempotent: a row absent from the database is inserted, a row whose stored values differ
 * from the record is updated, an equal row is left alone; rows not in the record are never
 * touched. Every created or updated row gets an audit event (`seed.create` / `seed.update`,
 * actor OPERATOR) and searchable rows are re-indexed, all in one transaction: a bad row leaves
 * the database as it was. A run that changes the agenda of a meeting stored before it moves
 * that agenda to a new version, so earlier agreements no longer cover it. Throws PjcRecordError (naming file and field) on invalid data.
 */
export async function seedPjc(deps: Deps, options: SeedPjcOptions = {}): Promise<SeedCounts> {
  const record = await loadPjcRecord(options.folder ?? DEFAULT_FOLDER);
  const tables = pjcSeedTables(record);
  const total = tables.reduce((sum, t) => sum + t.rows.length, 0);
  // Counted and watched afresh by each attempt: the write path may run the work again.
  return change(deps, OPERATOR, async (uow) => {
    const counts: SeedCounts = { created: 0, updated: 0, unchanged: 0 };
    const agendas = watchAgendas(tables);
    let done = 0;
    for (const table of tables) {
      await upsertTable(uow, table, (outcome, seeded) => {
        counts[outcome] += 1;
        done += 1;
        if (seeded) agendas.note(seeded);
        options.onProgress?.(done, total);
      });
    }
    await bumpAgendaVersions(uow, agendas.meetings());
    await seedTextRecords(uow, record);
    return counts;
  });
}

async function upsertTable(
  uow: UnitOfWork,
  table: SeedTable,
  counted: (outcome: keyof SeedCounts, seeded?: SeededRow) => void,
): Promise<void> {
  const { at } = uow;
  const db = uow.trx as unknown as LooseTransaction;
  const existing = await loadExisting(db, table);
  for (const row of table.rows) {
    const keyValues = table.key.map((column) => row[column]);
    const stored = existing.get(identity(keyValues));
    const entityId = keyValues.map(String).join('/');
    if (stored === undefined) {
      const inserted = {
        ...table.insertOnly,
        ...row,
        ...(table.stamped ? { createdAt: at, updatedAt: at } : {}),
      };
      await db.insertInto(table.table).values(inserted).execute();
      await recordSeeded(uow, db, table, 'seed-create', entityId, row, undefined);
      counted('created', { table: table.table, row });
      continue;
    }
    const changes = Object.fromEntries(
      Object.entries(row).filter(([column, value]) => !sameValue(stored[column], value)),
    );
    if (Object.keys(changes).length === 0) {
      counted('unchanged');
      continue;
    }
    let update = db
      .updateTable(table.table)
      .set({ ...changes, ...(table.stamped ? { updatedAt: at } : {}) });
    for (const [i, column] of table.key.entries()) {
      update = update.where(column, '=', keyValues[i]);
    }
    await update.execute();
    await recordSeeded(uow, db, table, 'seed-update', entityId, row, stored);
    counted('updated', { table: table.table, row, stored, changed: Object.keys(changes) });
  }
}

/** One query per table: the stored rows the record could match, by identity. */
async function loadExisting(db: LooseTransaction, table: SeedTable): Promise<Map<string, Loose>> {
  const [first] = table.key;
  const firstValues = [...new Set(table.rows.map((row) => row[first ?? '']))];
  if (first === undefined || firstValues.length === 0) return new Map();
  const rows = await db
    .selectFrom(table.table)
    .selectAll()
    .where(first, 'in', firstValues)
    .execute();
  return new Map(rows.map((row) => [identity(table.key.map((column) => row[column])), row]));
}

function identity(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

// The database gives null where the record may omit a value; both mean "not known".
function sameValue(stored: unknown, wanted: unknown): boolean {
  return (stored ?? null) === (wanted ?? null);
}

/**
 * Records a created or updated row through the unit of work (audit entry, change event, and the
 * search document of a searchable entity), with the row as it is now stored. A change of
 * visibility is recorded at the narrower of the two, like every other change.
 */
async function recordSeeded(
  uow: UnitOfWork,
  db: LooseTransaction,
  table: SeedTable,
  action: 'seed-create' | 'seed-update',
  entityId: string,
  row: Loose,
  before: Loose | undefined,
): Promise<void> {
  let query = db.selectFrom(table.table).selectAll();
  for (const column of table.key) query = query.where(column, '=', row[column]);
  const stored = await query.executeTakeFirstOrThrow();
  uow.record({
    entity: table.entityType,
    id: entityId,
    action,
    // The loader walks tables by name; each row was read from its entity's own table.
    before: (before ?? null) as RowOf<typeof table.entityType> | null,
    after: stored as RowOf<typeof table.entityType>,
    scope:
      before === undefined
        ? auditScopeOf(row)
        : auditScope(auditScopeOf(before), auditScopeOf(row)),
  });
}
