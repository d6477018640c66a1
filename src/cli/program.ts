import { Command, CommanderError } from 'commander';
import { ConfigError } from '../server/config.ts';
import { DomainError } from '../server/domain/errors.ts';
import { isSystemError } from '../server/main.ts';
import { PjcRecordError } from '../server/modules/seed/pjc-record.ts';
import { registerAddUser } from './commands/add-user.ts';
import { registerBackupDatabase } from './commands/backup-database.ts';
import { registerDisableUser } from './commands/disable-user.ts';
import { registerExportData } from './commands/export-data.ts';
import { registerExportRecord } from './commands/export-record.ts';
import { registerGrantRole } from './commands/grant-role.ts';
import { registerImportData } from './commands/import-data.ts';
import { registerKeygen } from './commands/keygen.ts';
import { registerMigrateDatabase } from './commands/migrate-database.ts';
import { registerRestoreDatabase } from './commands/restore-database.ts';
import { registerRevokeRole } from './commands/revoke-role.ts';
import { registerScheduleMeetings } from './commands/schedule-meetings.ts';
import { registerSearchRecords } from './commands/search-records.ts';
import { registerSeedPjc } from './commands/seed-pjc.ts';
import { registerServeCouncil } from './commands/serve-council.ts';
import { registerSignRecord } from './commands/sign-record.ts';
import { registerStartCouncil } from './commands/start-council.ts';
import { registerVerifyRecord } from './commands/verify-record.ts';
import { CliError, type CliIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './io.ts';

const ENVIRONMENT_HELP = `
Environment:
  DATABASE_URL    the SQLite file (default ./data/council.db)
  HOST, PORT      where the server listens (default 127.0.0.1:3000)
  COUNCIL_SECRET  signs session cookies (32+ characters; generated beside the database if unset)
  LOG_LEVEL       fatal, error, warn, info (default), debug, trace or silent

Exit codes: 0 done, 1 could not be done (configuration, data or rules), 2 wrong command line.`;

/** The whole command tree. Built per run, so that in-process runs share no parser state. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('council')
    .description(
      'Joint Council: the secretariat of a permanent joint council, from the command line.',
    )
    .version('0.1.0')
    // Set before any subcommand is created: `.command()` copies these to each child.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', ENVIRONMENT_HELP);

  registerStartCouncil(program, io);
  registerServeCouncil(program, io);
  registerMigrateDatabase(program, io);
  const seed = program.command('seed').description('load reference records into the database');
  registerSeedPjc(seed, io);
  const user = program.command('user').description('manage the users who sign in');
  registerAddUser(user, io);
  registerDisableUser(user, io);
  registerGrantRole(user, io);
  registerRevokeRole(user, io);
  registerScheduleMeetings(program, io);
  registerExportData(program, io);
  registerImportData(program, io);
  registerBackupDatabase(program, io);
  registerRestoreDatabase(program, io);
  registerSearchRecords(program, io);
  registerKeygen(program, io);
  registerSignRecord(program, io);
  registerVerifyRecord(program, io);
  registerExportRecord(program, io);
  return program;
}

/**
 * Runs one command line (without `node council`) and answers its exit code. Never exits the
 * process and never throws: every error becomes a message on stderr and a code.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return reportError(io, error);
  }
}

function reportError(io: CliIo, error: unknown): number {
  // Commander has already printed its own message (or the help it was asked for).
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (error instanceof CliError) {
    io.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  if (
    error instanceof ConfigError ||
    error instanceof DomainError ||
    error instanceof PjcRecordError ||
    isSystemError(error)
  ) {
    io.stderr.write(`error: ${error.message}\n`);
    return EXIT_FAILED;
  }
  const verbose = io.env.LOG_LEVEL === 'debug' || io.env.LOG_LEVEL === 'trace';
  const detail = error instanceof Error ? (verbose ? error.stack : error.message) : String(error);
  io.stderr.write(`error: unexpected failure: ${detail}\n`);
  if (!verbose) io.stderr.write('(set LOG_LEVEL=debug for the stack trace)\n');
  return EXIT_FAILED;
}
