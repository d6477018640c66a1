import { readSnapshot } from '../../db/snapshot.ts';
import type { Deps } from '../../deps.ts';
import type { OperatorActor } from '../access/actor.ts';
import {
  EXPORT_ORDER,
  type ExportedTable,
  type ExportRow,
  looseDb,
  PRIMARY_KEYS,
} from './export-tables.ts';

export const EXPORT_FORMAT = 'joint-council-export';
// 2: audit entries numbered per audience, typed references, versions of what is agreed.
export const EXPORT_VERSION = 2;

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  tables: Record<ExportedTable, ExportRow[]>;
}

/**
 * Everything in the database, both caucuses, users with their password hashes and the whole
 * audit trail: the operator's backup and migration path. No visibility filter applies, so the
 * actor must be the operator (the type admits no HTTP caller). One read transaction gives a
 * consistent snapshot while the server keeps writing.
 */
export async function exportData(deps: Deps, _actor: OperatorActor): Promise<ExportFile> {
  const exportedAt = deps.clock().toISOString();
  return readSnapshot(deps, async (trx) => {
    const db = looseDb(trx);
    const tables = {} as Record<ExportedTable, ExportRow[]>;
    for (const table of EXPORT_ORDER) {
      let query = db.selectFrom(table).selectAll();
      for (const column of PRIMARY_KEYS[table]) query = query.orderBy(column);
      tables[table] = await query.execute();
    }
    return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt, tables };
  });
}

/** The file's text: stable key order (the tables' own column order) and a final newline. */
export function serializeExport(file: ExportFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function countRows(tables: Partial<Record<ExportedTable, readonly unknown[]>>): number {
  return Object.values(tables).reduce((sum, rows) => sum + (rows?.length ?? 0), 0);
}
