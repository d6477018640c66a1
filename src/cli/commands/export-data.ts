import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { OPERATOR } from '../../server/modules/access/actor.ts';
import {
  countRows,
  exportData,
  serializeExport,
} from '../../server/modules/transfer/export-data.ts';
import { CliError, type CliIo, print, withCouncil } from '../io.ts';

export function registerExportData(program: Command, io: CliIo): void {
  program
    .command('export')
    .description(
      'write everything to a JSON file: both caucuses, users with password hashes, the audit trail',
    )
    .argument('<file>', 'where to write the export')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      if (existsSync(file) && !options.force) {
        throw new CliError(`${file} exists; pass --force to overwrite it`);
      }
      await withCouncil(
        io,
        async ({ deps }) => {
          const data = await exportData(deps, OPERATOR);
          // Written beside the target and renamed, so a failure never leaves half a backup; owner
          // read/write only, since the file holds both parties' caucus records and password hashes.
          const partial = `${file}.partial`;
          try {
            writeFileSync(partial, serializeExport(data), { mode: 0o600 });
            renameSync(partial, file);
          } catch (error) {
            rmSync(partial, { force: true });
            throw error;
          }
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
