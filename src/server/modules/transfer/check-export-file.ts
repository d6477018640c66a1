import { z } from 'zod';
import { DomainError, type FieldError } from '../../domain/errors.ts';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export-data.ts';
import { EXPORT_ORDER, type ExportedTable, type ExportRow } from './export-tables.ts';

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

/**
 * Checks a parsed file against the format and against the live schema (`columns`: each
 * table's column names), before anything is written. Throws ValidationFailed naming every
 * problem found (the first ten), each as a path into the file such as `tables.notes[3].txt`.
 * A table the file leaves out is imported as empty.
 */
export function checkExportFile(
  value: unknown,
  columns: ReadonlyMap<string, ReadonlySet<string>>,
): CheckedExport {
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
    const known = columns.get(name) ?? new Set<string>();
    rows.forEach((row, index) => {
      for (const column of Object.keys(row)) {
        if (!known.has(column)) {
          problems.push({ field: `tables.${name}[${index}].${column}`, message: 'no such column' });
        }
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
