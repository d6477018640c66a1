import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { countRows } from '../../server/modules/transfer/export-data.ts';
import { copyDatabase, refuseLink, sameFile } from '../database-copy.ts';
import { writeExportFile } from '../export-file.ts';
import { CliError, type CliIo, print, withCouncil } from '../io.ts';
import { assertWritableTarget } from '../private-file.ts';

export function registerBackupDatabase(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description(
      'copy the database to a file while the server keeps serving (online, consistent, 0600)',
    )
    .argument('<file>', 'where to write the backup')
    .option('--force', 'replace the file if it exists (never through a link)')
    .action(async (file: string, options: { force?: boolean }) => {
      const config = loadConfig(io.env);
      if (config.postgresUrl !== undefined) {
        await backupPostgres(io, file, options.force === true);
        return;
      }
      const { databaseFile } = config;
      if (databaseFile === ':memory:') throw new CliError('an in-memory database has no backup');
      if (!existsSync(databaseFile)) {
        throw new CliError(`there is no database at ${databaseFile} (DATABASE_URL)`);
      }
      refuseLink(file);
      assertWritableTarget(file, options.force === true);
      if (existsSync(file) && sameFile(file, databaseFile)) {
        throw new CliError(`${file} is the database itself`);
      }
      await copyDatabase(databaseFile, file);
      print(io, `Backed up ${databaseFile} to ${file} (${statSync(file).size} bytes).`);
      print(
        io,
        'It holds both parties’ caucus records and the users’ password hashes: keep it safe.',
      );
    });
}

/**
 * On PostgreSQL a backup is logical: every table's rows, read in one repeatable-read snapshot
 * while the servers keep serving (`council export`'s format and file handling), everything but
 * the live sessions. `council restore` loads it back.
 */
async function backupPostgres(io: CliIo, file: string, force: boolean): Promise<void> {
  assertWritableTarget(file, force);
  await withCouncil(io, async ({ deps, config }) => {
    const data = await writeExportFile(deps, file, { force });
    print(
      io,
      `Backed up ${config.databaseFile} to ${file} (${countRows(data.tables)} rows, ${statSync(file).size} bytes).`,
    );
    print(
      io,
      'It holds both parties’ caucus records and the users’ password hashes: keep it safe.',
    );
  });
}
