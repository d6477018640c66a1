import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkInvariants } from '../../server/modules/integrity/check-invariants.ts';
import {
  parseRecordBundle,
  parseTrustedKey,
  type SigningKey,
  signingKeysOf,
  verifyRecordBundle,
} from '../../server/modules/record/record-bundle.ts';
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

/**
 * The keys the bundle rests on. It carries them itself, so its signatures prove it was made by
 * whoever holds those keys, nothing more: the person verifying compares the fingerprints with
 * the ones each party gave out, unless --trust already did.
 */
function printSigningKeys(io: CliIo, keys: readonly SigningKey[], trusted: boolean): void {
  print(
    io,
    trusted
      ? 'Every signature is made with a key you trust:'
      : 'It rests on these keys, which it carries itself: compare each fingerprint with the one its holder gave you, or pass them with --trust:',
  );
  for (const key of keys) {
    const holder = key.kind === 'server' ? 'the council server' : `party ${key.party ?? '?'}`;
    print(io, `  ${key.keyId}  ${holder} (${key.kind}), ${key.signed} signature(s)`);
  }
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
    .option(
      '--trust <roleKeyIds...>',
      "with FILE: the keys you hold from elsewhere and whose they are, server=ID and PARTY=ID (fingerprints): the seal must be the server's, each party's signature that party's, every log entry one of them",
    )
    .action(async (file: string | undefined, options: { trust?: string[] }) => {
      if (file !== undefined) {
        const text = readFileSync(file, 'utf8');
        const trust = options.trust?.map((given) => {
          const key = parseTrustedKey(given);
          if (!key) {
            throw new CliError(
              `--trust ${given}: name whose key it is, as server=ed25519:... or nato=ed25519:...`,
            );
          }
          return key;
        });
        report(io, verifyRecordBundle(text, trust === undefined ? {} : { trust }), file);
        const bundle = parseRecordBundle(text);
        if (bundle) printSigningKeys(io, signingKeysOf(bundle), options.trust !== undefined);
        return;
      }
      if (options.trust !== undefined) throw new CliError('--trust checks a bundle: name its FILE');
      await withCouncil(
        io,
        async ({ deps, config }) => {
          report(io, await checkInvariants(deps.db), `The database ${config.databaseFile}`);
        },
        { mustExist: true },
      );
    });
}
