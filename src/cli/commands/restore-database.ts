import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { DomainError } from '../../server/domain/errors.ts';
import { OPERATOR } from '../../server/modules/access/actor.ts';
import { checkInvariants } from '../../server/modules/integrity/check-invariants.ts';
import { importData } from '../../server/modules/transfer/import-data.ts';
import { preparePrivateFolder } from '../../server/private-files.ts';
import {
  copyDatabase,
  integrityOf,
  inUseByAnotherConnection,
  isSqliteFile,
  processesHolding,
  refuseLink,
  sameFile,
} from '../database-copy.ts';
import { CliError, type CliIo, EXIT_FAILED, print, withCouncil } from '../io.ts';
import { assertTrustedFile, parseTrustedJsonFile } from '../trusted-input.ts';

export function registerRestoreDatabase(program: Command, io: CliIo): void {
  program
    .command('restore')
    .description(
      'make a backup the database (DATABASE_URL), then verify it: every invariant must hold',
    )
    .argument('<file>', 'a file written by `council backup`')
    .option(
      '--force',
      'replace the database there (stop the server first: a restore is refused while a process holds it open)',
    )
    .action(async (file: string, options: { force?: boolean }) => {
      const config = loadConfig(io.env);
      if (config.postgresUrl !== undefined) {
        await restorePostgres(io, file, options.force === true);
        return;
      }
      const { databaseFile } = config;
      if (databaseFile === ':memory:') throw new CliError('restore into a file, not :memory:');
      assertTrustedFile(file);
      if (!isSqliteFile(file)) {
        throw new CliError(`${file} is not a database backup`);
      }
      const integrity = integrityOf(file);
      if (integrity !== 'ok') throw new CliError(`${file} fails its integrity check: ${integrity}`);
      refuseLink(databaseFile);
      if (existsSync(databaseFile) && sameFile(databaseFile, file)) {
        throw new CliError(`${file} is the database itself`);
      }
      // Even with --force: a server on it would go on writing to the file the restore replaced.
      const holders = processesHolding(databaseFile);
      if (holders.length > 0) {
        throw new CliError(
          `${databaseFile} is open in process ${holders.join(', ')} (a server on it?): stop it, then restore`,
        );
      }
      if (existsSync(databaseFile) && inUseByAnotherConnection(databaseFile)) {
        throw new CliError(
          `${databaseFile} is open in another connection (a server on it?): stop it, then restore`,
        );
      }
      const journals = [`${databaseFile}-wal`, `${databaseFile}-shm`];
      if ([databaseFile, ...journals].some((f) => existsSync(f))) {
        if (options.force !== true) {
          throw new CliError(
            `there is a database at ${databaseFile}; restoring replaces it: stop the server and pass --force`,
          );
        }
        // The old database's log would be replayed into the restored one: it goes first.
        for (const journal of journals) rmSync(journal, { force: true });
      }
      preparePrivateFolder(dirname(databaseFile), {
        tighten: false,
        warn: (message) => io.stderr.write(`warning: ${message}\n`),
      });
      await copyDatabase(file, databaseFile);
      // What `council verify` checks: a backup of an older version is migrated first.
      await withCouncil(io, async ({ deps, migrations }) => {
        const findings = await checkInvariants(deps.db);
        for (const f of findings) io.stderr.write(`${f.field}: ${f.message}\n`);
        if (findings.length > 0) {
          throw new CliError(
            `restored ${file} into ${databaseFile}, but it does not verify: ${findings.length} problem(s), listed above`,
            EXIT_FAILED,
          );
        }
        const migrated = migrations.length > 0 ? `, migrated (${migrations.length})` : '';
        print(io, `Restored ${file} into ${databaseFile}${migrated}; every invariant holds.`);
      });
    });
}

/**
 * On PostgreSQL: loads a backup written by `council backup` (its rows, all or nothing, every
 * rule the API keeps checked before the commit), replacing what the database holds only with
 * --force, then checks every invariant as `council verify` does. Everyone signs in again.
 */
async function restorePostgres(io: CliIo, file: string, force: boolean): Promise<void> {
  const data = parseTrustedJsonFile(file);
  await withCouncil(io, async ({ deps, config }) => {
    const summary = await importData(deps, OPERATOR, data, { replace: force }).catch(
      (error: unknown) => {
        if (error instanceof DomainError && error.code === 'Conflict') {
          throw new CliError(
            `there is a council at ${config.databaseFile}; restoring replaces it: pass --force`,
          );
        }
        throw error;
      },
    );
    const findings = await checkInvariants(deps.db);
    for (const f of findings) io.stderr.write(`${f.field}: ${f.message}\n`);
    if (findings.length > 0) {
      throw new CliError(
        `restored ${file} into ${config.databaseFile}, but it does not verify: ${findings.length} problem(s), listed above`,
        EXIT_FAILED,
      );
    }
    print(
      io,
      `Restored ${file} into ${config.databaseFile} (${summary.rows} rows); every invariant holds.`,
    );
  });
}
