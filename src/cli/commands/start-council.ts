import type { Command } from 'commander';
import type { Deps } from '../../server/deps.ts';
import { DEFAULT_WEB_ROOT } from '../../server/http/web-app.ts';
import { countStoredRows } from '../../server/modules/transfer/export-tables.ts';
import { ensureWebBuild } from '../../server/web-build.ts';
import { type CliIo, print } from '../io.ts';
import { serveCouncil } from '../serve.ts';
import { seedReferenceRecord } from './seed-pjc.ts';

export function registerStartCouncil(program: Command, io: CliIo): void {
  program
    .command('start')
    .description(
      'what `npm start` runs: migrate, load the PJC record into an empty database, and serve',
    )
    .action(async () => {
      // The web application is built here, not at install: a fresh clone or a changed source
      // builds once, an unchanged one starts at once.
      if (await ensureWebBuild(DEFAULT_WEB_ROOT)) print(io, 'Built the web application.');
      await serveCouncil(io, { prepare: (deps) => seedWhenEmpty(io, deps) });
    });
}

// Only a database nobody has used yet is seeded: an operator's own data (or an import) is
// never mixed with the reference record behind their back.
async function seedWhenEmpty(io: CliIo, deps: Deps): Promise<void> {
  if ((await countStoredRows(deps.db)) > 0) return;
  print(io, 'New database: loading the PJC reference record...');
  const result = await seedReferenceRecord(io, deps);
  print(io, `Loaded the PJC record: ${result.created} records created.`);
}
