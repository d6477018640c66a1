import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkInvariants } from '../../server/modules/integrity/check-invariants.ts';
import { verifyRecordBundle } from '../../server/modules/record/record-bundle.ts';
import { CliError, type CliIo, EXIT_FAILED, print, withCouncil } from '../io.ts';

function report(
  io: CliIo,
  problems: readonly { field: string; message: string }[],
  what: string,
): void {
  if (problems.length === 0) {
    print(
      io,
      `${what} verifies: every chain intact, every signature valid, every record its content.`,
    );
    return;
  }
  for (const p of problems) io.stderr.write(`${p.field}: ${p.message}\n`);
  throw new CliError(
    `${what} does not verify: ${problems.length} problem(s), listed above`,
    EXIT_FAILED,
  );
}

export function registerVerifyRecord(program: Command, io: CliIo): void {
  program
    .command('verify')
    .description(
      'verify the whole database (the record log, signatures, adopted texts against their records, every invariant), or a record bundle offline',
    )
    .argument(
      '[file]',
      'a bundle from council export-record: checked with no database and no network',
    )
    .action(async (file: string | undefined) => {
      if (file !== undefined) {
        report(io, verifyRecordBundle(readFileSync(file, 'utf8')), file);
        return;
      }
      await withCouncil(
        io,
        async ({ deps, config }) => {
          report(io, await checkInvariants(deps.db), `The database ${config.databaseFile}`);
        },
        { mustExist: true },
      );
    });
}
