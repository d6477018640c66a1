import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  generateKeyPair,
  keyIdOf,
  privateKeyPem,
  publicKeyPem,
} from '../../server/modules/record/ed25519.ts';
import { OWNER_ONLY_FILE, OWNER_ONLY_FOLDER } from '../../server/private-files.ts';
import { CliError, type CliIo, print } from '../io.ts';

export const PRIVATE_KEY_FILE = 'party-key.pem';
export const PUBLIC_KEY_FILE = 'party-key.pub.pem';

export function registerKeygen(program: Command, io: CliIo): void {
  program
    .command('keygen')
    .description(
      "make a party's Ed25519 key pair on this machine: the private key stays here (0600), the public key is registered with the council",
    )
    .requiredOption('--out <dir>', 'the folder to write party-key.pem and party-key.pub.pem to')
    .action(async (options: { out: string }) => {
      const privateFile = join(options.out, PRIVATE_KEY_FILE);
      const publicFile = join(options.out, PUBLIC_KEY_FILE);
      for (const file of [privateFile, publicFile]) {
        if (existsSync(file)) throw new CliError(`${file} exists: a key is never overwritten`);
      }
      mkdirSync(options.out, { recursive: true, mode: OWNER_ONLY_FOLDER });
      const pair = generateKeyPair();
      // Exclusive, and owner-only from its first byte: the private key is the party's signature.
      writeFileSync(privateFile, privateKeyPem(pair.privateKey), {
        mode: OWNER_ONLY_FILE,
        flag: 'wx',
      });
      writeFileSync(publicFile, publicKeyPem(pair.publicKey), { mode: 0o644, flag: 'wx' });
      print(io, `Key ${keyIdOf(pair.publicKey)}`);
      print(io, `  private key: ${privateFile} (keep it on this machine; mode 0600)`);
      print(io, `  public key:  ${publicFile} (register it: POST /api/parties/{party}/keys)`);
    });
}
