import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkInvariants } from '../../server/modules/integrity/check-invariants.ts';
import {
  chainHeadsOf,
  parseRecordBundle,
  parseTrustedKey,
  type RecordBundle,
  recordsOf,
  type SigningKey,
  signingKeysOf,
  type TrustedKey,
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

/**
 * What the bundle holds, beyond "it verifies": when it was exported and where each chain ends
 * (to hold a later bundle to, or to tell an older one), and each adopted record with the
 * parties that signed it. A record no party signed rests on the server's word alone.
 */
function printContent(io: CliIo, bundle: RecordBundle, trust: readonly TrustedKey[] | undefined) {
  const heads = chainHeadsOf(bundle)
    .map((h) => `${h.audience} #${h.seq} (${h.hash.slice(0, 16)})`)
    .join(', ');
  print(io, `Exported at ${bundle.exportedAt}; its chains end at ${heads || 'nothing'}.`);
  const records = recordsOf(bundle, trust);
  print(io, `Adopted records (${records.length}), and who signed each:`);
  for (const record of records) {
    const what = [
      record.title === null ? null : JSON.stringify(record.title),
      record.number === null ? null : `No. ${record.number}`,
      record.procedure === null ? null : `by ${record.procedure}`,
      record.adoptedAt === null ? null : `adopted ${record.adoptedAt}`,
    ]
      .filter((part) => part !== null)
      .join(', ');
    const signers = record.signedBy.map((s) => {
      const whose =
        s.kind === 'reference'
          ? "a reference key, not the party's own"
          : s.trusted === true
            ? `${s.kind} key ${s.keyId}, which you trust as ${s.party}'s`
            : `${s.kind} key ${s.keyId}`;
      return `${s.party} (${whose})`;
    });
    print(
      io,
      `  ${record.textId}${what === '' ? '' : ` ${what}`}, sha256 ${record.sha256.slice(0, 16)}: ${
        signers.length === 0
          ? "signed by no party: it rests on the server's word alone"
          : `signed by ${signers.join(', ')}`
      }`,
    );
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
      "with FILE: the keys you hold from elsewhere and whose they are, server=ID (the server's current key), former-server=ID (one it replaced), PARTY=ID (fingerprints): the seal must be the current server key's, each party's signature that party's, every log entry one of them",
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
        if (bundle) {
          printContent(io, bundle, trust);
          printSigningKeys(io, signingKeysOf(bundle), options.trust !== undefined);
        }
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
