import type { Command } from 'commander';
import type { Deps } from '../../server/deps.ts';
import { type SeedCounts, seedPjc } from '../../server/modules/seed/seed-pjc.ts';
import { type CliIo, print, withCouncil } from '../io.ts';
import { progressBar } from '../progress.ts';

/** Loads the record with a progress bar on a terminal; shared with `start`. */
export async function seedReferenceRecord(
  io: CliIo,
  deps: Deps,
  folder?: string,
): Promise<SeedCounts> {
  const bar = progressBar(io, 'Seeding');
  try {
    return await seedPjc(deps, {
      ...(folder === undefined ? {} : { folder }),
      onProgress: (done, total) => bar.update(done, total, 'PJC record'),
    });
  } finally {
    bar.stop();
  }
}

export function registerSeedPjc(parent: Command, io: CliIo): void {
  parent
    .command('pjc')
    .description(
      'load or refresh the NATO-Russia Permanent Joint Council record (safe to run again)',
    )
    .option('--folder <dir>', 'read the record from this folder instead of the bundled data/pjc')
    .action(async (options: { folder?: string }) => {
      await withCouncil(io, async ({ deps }) => {
        const result = await seedReferenceRecord(io, deps, options.folder);
        print(
          io,
          `PJC record: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`,
        );
      });
    });
}
