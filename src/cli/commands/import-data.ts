import type { Command } from 'commander';
import { OPERATOR } from '../../server/modules/access/actor.ts';
import { importData } from '../../server/modules/transfer/import-data.ts';
import { type CliIo, print, withCouncil } from '../io.ts';
import { progressBar } from '../progress.ts';
import { parseTrustedJsonFile } from '../trusted-input.ts';

export function registerImportData(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('load a file written by `council export` (all of it or nothing)')
    .argument('<file>', 'the export to load')
    .option(
      '--replace',
      'discard everything in the database first (users, sessions and the audit trail included)',
    )
    .action(async (file: string, options: { replace?: boolean }) => {
      const data = parseTrustedJsonFile(file);
      await withCouncil(io, async ({ deps }) => {
        const bar = progressBar(io, 'Importing');
        try {
          const summary = await importData(deps, OPERATOR, data, {
            replace: options.replace === true,
            onProgress: ({ done, total, table }) => bar.update(done, total, table),
          });
          bar.stop();
          const replaced = summary.removed > 0 ? `, replacing ${summary.removed} rows` : '';
          print(
            io,
            `Imported ${summary.rows} rows into ${summary.tables} tables${replaced}; indexed ${summary.indexed} documents for search.`,
          );
        } finally {
          bar.stop();
        }
      });
    });
}
