import type { Command } from 'commander';
import { type CliIo, print, withCouncil } from '../io.ts';

export function registerMigrateDatabase(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('bring the database schema up to date and list the migrations applied')
    .action(async () => {
      await withCouncil(io, async ({ migrations, config }) => {
        if (migrations.length === 0) {
          print(io, `${config.databaseFile} is up to date.`);
          return;
        }
        for (const name of migrations) print(io, `Applied migration ${name}`);
        print(io, `${config.databaseFile}: ${migrations.length} migration(s) applied.`);
      });
    });
}
