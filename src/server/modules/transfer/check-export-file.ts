import { z } from 'zod';
import { DomainError, type FieldError } from '../../domain/errors.ts';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export-data.ts';
import {
  type CellValue,
  EXPORT_ORDER,
  type ExportedTable,
  type ExportRow,
} from './export-tables.ts';

const CellSchema = z.union([z.string(), z.number(), z.null()], {
  error: 'must be a string, a number or null',
});

const ExportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `must be "${EXPORT_FORMAT}"` }),
  version: z.literal(EXPORT_VERSION, {
    error: `must be ${EXPORT_VERSION} (this version of the council reads version ${EXPORT_VERSION} files only)`,
  }),
  exportedAt: z.string(),
  tables: z.record(z.string(), z.array(z.record(z.string(), CellSchema))),
});

export interface CheckedExport {
  exportedAt: string;
  tables: Partial<Record<ExportedTable, ExportRow[]>>;
}

const MAX_REPORTED = 10;

function isExportedTable(name: string): name is ExportedTable {
  return (EXPORT_ORDER as readonly string[]).includes(name);
}

/** The live schema: each table's columns with their declared type (`TEXT`, `INTEGER`). */
export type LiveColumns = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * What is wrong with a cell for a column of `type`, or null. SQLite would store text in an
 * integer column (and a number in a text one) without a word, and the rules checked after
 * the insert would then compare a version with a word; null is left to the column's own
 * NOT NULL.
 */
function cellProblem(type: string | undefined, cell: CellValue): string | null {
  if (cell === null) return null;
  switch (type?.toUpperCase()) {
    case 'INTEGER':
      return Number.isInteger(cell) ? null : 'must be an integer';
    case 'TEXT':
      return typeof cell === 'string' ? null : 'must be a string';
    default:
      return null;
  }
}

/**
 * Checks a parsed file against the format and against the live schema (`columns`: each
 * table's columns and their types), before anything is written. Throws ValidationFailed
 * naming every problem found (the first ten), each as a path into the file such as
 * `tables.notes[3].txt`. A table the file leaves out is imported as empty.
 */
export function checkExportFile(value: unknown, columns: LiveColumns): CheckedExport {
  const parsed = ExportFileSchema.safeParse(value);
  if (!parsed.success) {
    throw invalidFile(
      parsed.error.issues.map((issue) => ({
        field:
          issue.path
            .map((p, i) =>
              typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`,
            )
            .join('') || '(file)',
        message: issue.message,
      })),
    );
  }
  const problems: FieldError[] = [];
  const tables: Partial<Record<ExportedTable, ExportRow[]>> = {};
  for (const [name, rows] of Object.entries(parsed.data.tables)) {
    if (!isExportedTable(name)) {
      problems.push({
        field: `tables.${name}`,
        message:
          name === 'sessions'
            ? 'sessions are never exported or imported'
            : 'no such table in this version of the council',
      });
      continue;
    }
    const known = columns.get(name) ?? new Map<string, string>();
    rows.forEach((row, index) => {
      for (const [column, cell] of Object.entries(row)) {
        const field = `tables.${name}[${index}].${column}`;
        if (!known.has(column)) {
          problems.push({ field, message: 'no such column' });
          continue;
        }
        const problem = cellProblem(known.get(column), cell);
        if (problem !== null) problems.push({ field, message: problem });
      }
    });
    tables[name] = rows;
  }
  if (problems.length > 0) throw invalidFile(problems);
  return { exportedAt: parsed.data.exportedAt, tables };
}

export function invalidFile(problems: FieldError[]): DomainError {
  const shown = problems.slice(0, MAX_REPORTED);
  const more = problems.length - shown.length;
  const lines = shown.map((p) => `  ${p.field}: ${p.message}`);
  if (more > 0) lines.push(`  ... and ${more} more`);
  return new DomainError(
    'ValidationFailed',
    `not a valid council export:\n${lines.join('\n')}`,
    shown,
  );
}
