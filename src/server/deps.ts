import type { KeyObject } from 'node:crypto';
import type { Db } from './db/database.ts';

/**
 * The keys of the record (modules/record): the server's own Ed25519 key, which signs the log's
 * system events, and the key that seals the private keys the server holds for parties (derived
 * from the council secret). Without one, a process makes a key of its own for its lifetime.
 */
export interface Keyring {
  server: { publicKey: string; privateKey: KeyObject };
  sealKey: Buffer;
}

/** Everything a service needs from the outside world, built once in app.ts or by a test. */
export interface Deps {
  db: Db;
  clock: () => Date;
  ids: () => string;
  keyring?: Keyring;
}

export function nowIso(deps: Pick<Deps, 'clock'>): string {
  return deps.clock().toISOString();
}
