import type { Command } from 'commander';
import { exportRecord } from '../../server/modules/record/export-record.ts';
import { type CliIo, print, withCouncil } from '../io.ts';
import { assertWritableTarget, beginPrivateFile } from '../private-file.ts';

export function registerExportRecord(program: Command, io: CliIo): void {
  program
    .command('export-record')
    .description(
      'write the record bundle (adopted texts, signatures, public keys, the log) for council verify FILE',
    )
    .argument('<file>', 'where to write the bundle')
    .option('--force', 'replace the file if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      const force = options.force === true;
      assertWritableTarget(file, force);
      await withCouncil(
        io,
        async ({ deps }) => {
          const output = beginPrivateFile(file, { force });
          let bundle: string;
          try {
            bundle = await exportRecord(deps);
          } catch (error) {
            output.abort();
            throw error;
          }
          output.commit(bundle);
          print(
            io,
            `Wrote the record bundle to ${file}; check it anywhere with: council verify ${file}`,
          );
          print(io, 'It holds both parties’ caucus records: keep it as safe as the database.');
        },
        { mustExist: true },
      );
    });
}
