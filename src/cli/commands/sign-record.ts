import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  keyIdOf,
  keyPairFromPem,
  sha256Hex,
  signDigest,
} from '../../server/modules/record/ed25519.ts';
import { CliError, type CliIo, print, withCouncil } from '../io.ts';

/**
 * The canonical record a file holds: the answer of GET /api/texts/{id}/adoption-record (its
 * `canonical`, checked against its `sha256`), or the canonical JSON itself.
 */
export function canonicalOfRecordFile(text: string, file: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not JSON: give the adoption record the API answers`);
  }
  if (parsed && typeof parsed === 'object' && 'canonical' in parsed) {
    const { canonical, sha256 } = parsed as { canonical: unknown; sha256?: unknown };
    if (typeof canonical !== 'string') throw new CliError(`${file}: canonical is not a string`);
    if (sha256 !== undefined && sha256 !== sha256Hex(canonical)) {
      throw new CliError(
        `${file}: canonical hashes to ${sha256Hex(canonical)}, not to its sha256 ${String(sha256)}; nothing signed`,
      );
    }
    return canonical;
  }
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

export function registerSignRecord(program: Command, io: CliIo): void {
  program
    .command('sign')
    .description(
      "sign an adoption record with the party's private key, offline; prints the signature as the JSON body of POST /api/texts/{id}/signatures",
    )
    .requiredOption('--key <file>', 'the private key (PKCS#8 PEM, as council keygen writes it)')
    .option(
      '--record <file>',
      'the adoption record, as GET /api/texts/{id}/adoption-record answers it',
    )
    .option(
      '--text <id>',
      "read the text's adoption record from the database (DATABASE_URL) instead",
    )
    .action(async (options: { key: string; record?: string; text?: string }) => {
      if ((options.record === undefined) === (options.text === undefined)) {
        throw new CliError('give either --record FILE or --text ID', 2);
      }
      const pair = keyPairFromPem(readFileSync(options.key, 'utf8'));
      if (pair === null)
        throw new CliError(`${options.key} is not an Ed25519 private key (PKCS#8 PEM)`);
      let sha256: string;
      if (options.record !== undefined) {
        sha256 = sha256Hex(
          canonicalOfRecordFile(readFileSync(options.record, 'utf8'), options.record),
        );
      } else {
        const textId = options.text as string;
        sha256 = await withCouncil(
          io,
          async ({ deps }) => {
            const row = await deps.db
              .selectFrom('adoptionRecords')
              .select(['canonical'])
              .where('textId', '=', textId)
              .executeTakeFirst();
            if (!row) throw new CliError(`text ${textId} has no adoption record`);
            return sha256Hex(row.canonical);
          },
          { mustExist: true },
        );
      }
      print(
        io,
        JSON.stringify({
          keyId: keyIdOf(pair.publicKey),
          signature: signDigest(pair.privateKey, sha256),
        }),
      );
    });
}
