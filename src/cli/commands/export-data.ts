import type { Command } from 'commander';
import { countRows } from '../../server/modules/transfer/export-data.ts';
import { writeExportFile } from '../export-file.ts';
import { type CliIo, print, withCouncil } from '../io.ts';
import { assertWritableTarget } from '../private-file.ts';

export function registerExportData(program: Command, io: CliIo): void {
  program
    .command('export')
    .description(
      'write everything to a JSON file: both caucuses, users with password hashes, the audit trail',
    )
    .argument('<file>', 'where to write the export')
    .option('--force', 'replace the file if it exists (a link is replaced, never written through)')
    .action(async (file: string, options: { force?: boolean }) => {
      const force = options.force === true;
      // Before opening the database: a taken name costs the operator nothing to fix.
      assertWritableTarget(file, force);
      await withCouncil(
        io,
        async ({ deps }) => {
          const data = await writeExportFile(deps, file, { force });
          const tables = Object.values(data.tables).filter((rows) => rows.length > 0).length;
          print(io, `Exported ${countRows(data.tables)} rows from ${tables} tables to ${file}.`);
          print(
            io,
            'It holds both parties’ caucus records and the users’ password hashes: keep it safe.',
          );
        },
        { mustExist: true },
      );
    });
}
