import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { copyDatabase, refuseLink, sameFile } from '../database-copy.ts';
import { CliError, type CliIo, print } from '../io.ts';
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
      const { databaseFile } = loadConfig(io.env);
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
