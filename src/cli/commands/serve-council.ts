import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { serveCouncil } from '../serve.ts';

export function registerServeCouncil(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('migrate the database and serve the application (no seeding)')
    .action(async () => {
      await serveCouncil(io);
    });
}
