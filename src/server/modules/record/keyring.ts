import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps, Keyring } from '../../deps.ts';
import { OWNER_ONLY_FILE, preparePrivateFile, type Warn } from '../../private-files.ts';
import { generateKeyPair, keyIdOf, keyPairFromPem, privateKeyPem, sealKeyOf } from './ed25519.ts';

/** The server's own key, beside the database and the council secret. */
export const SERVER_KEY_FILE = 'record-key.pem';

/**
 * The keyring of a council whose data lives in `folder`: the server key is read from
 * `record-key.pem`, generated there on first use (created exclusively and for its owner alone,
 * 0600, like the council secret: whoever reads it can sign system events); `secret` seals the
 * keys the server holds for parties. `folder` null (an in-memory database) keeps a fresh key.
 */
export function loadKeyring(folder: string | null, secret: string, warn: Warn): Keyring {
  const sealKey = sealKeyOf(secret);
  if (folder === null) return { server: generateKeyPair(), sealKey };
  const file = join(folder, SERVER_KEY_FILE);
  try {
    writeFileSync(file, privateKeyPem(generateKeyPair().privateKey), {
      mode: OWNER_ONLY_FILE,
      flag: 'wx',
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  preparePrivateFile(file, { create: false, warn });
  const pair = keyPairFromPem(readFileSync(file, 'utf8'));
  if (pair === null) throw new Error(`${file} does not hold an Ed25519 private key (PKCS#8 PEM)`);
  return { server: pair, sealKey };
}

let processKeyring: Keyring | undefined;

/** The deps' keyring, or one this process made for itself (tests, tools without a data folder). */
export function keyringOf(deps: Pick<Deps, 'keyring'>): Keyring & { serverKeyId: string } {
  if (!deps.keyring && !processKeyring) {
    processKeyring = { server: generateKeyPair(), sealKey: randomBytes(32) };
  }
  const keyring = (deps.keyring ?? processKeyring) as Keyring;
  return { ...keyring, serverKeyId: keyIdOf(keyring.server.publicKey) };
}
