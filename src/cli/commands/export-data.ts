import type { Command } from 'commander';
import { OPERATOR } from '../../server/modules/access/actor.ts';
import {
  countRows,
  exportData,
  serializeExport,
} from '../../server/modules/transfer/export-data.ts';
import { type CliIo, print, withCouncil } from '../io.ts';
import { assertWritableTarget, beginPrivateFile } from '../private-file.ts';

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
          // Claimed before the export runs, so a planted partial stops it before any work, and
          // written beside the target and renamed, so a failure never leaves half a backup.
          const output = beginPrivateFile(file, { force });
          let data: Awaited<ReturnType<typeof exportData>>;
          try {
            data = await exportData(deps, OPERATOR);
          } catch (error) {
            output.abort();
            throw error;
          }
          output.commit(serializeExport(data));
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
