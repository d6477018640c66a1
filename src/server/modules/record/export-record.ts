import type { Deps } from '../../deps.ts';
import { OPERATOR } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { keyringOf } from './keyring.ts';
import { buildRecordBundle } from './record-bundle.ts';
import { registerServerKey } from './record-log.ts';

/**
 * Registers the server's key at start, before anything happens: registered lazily, by the first
 * record event, its public entry would tell every audience the moment some caucus adopted.
 */
export async function ensureServerKey(deps: Deps): Promise<void> {
  await change(deps, OPERATOR, registerServerKey);
}

/**
 * The record bundle of the whole council (the operator's: both parties' caucus records are in
 * it), sealed by the server's key, whose registration the log is first made to hold.
 */
export async function exportRecord(deps: Deps): Promise<string> {
  await ensureServerKey(deps);
  return buildRecordBundle(deps.db, keyringOf(deps), deps.clock().toISOString());
}
