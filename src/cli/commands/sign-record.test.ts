import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { council, type Scratch, scratch, withParties } from '../../../tests/support/cli.ts';
import { fillEveryTable } from '../../../tests/support/every-table.fixture.ts';
import {
  keyIdOf,
  parsePublicKey,
  sha256Hex,
  verifyDigest,
} from '../../server/modules/record/ed25519.ts';

const scratches: Scratch[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) s.remove();
});

describe('council sign', () => {
  it('signs the record the API answers, or the one in the database, alike; and refuses a record whose hash is not its own', async () => {
    const s = scratch();
    scratches.push(s);
    await withParties(s);
    await s.withDeps(fillEveryTable);
    const keys = join(s.folder, 'keys');
    const made = await council(s.env, ['keygen', '--out', keys]);
    expect(made.code).toBe(0);
    const key = join(keys, 'party-key.pem');
    const again = await council(s.env, ['keygen', '--out', keys]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/never overwritten/);

    const { canonical } = await s.withDeps((deps) =>
      deps.db
        .selectFrom('adoptionRecords')
        .select('canonical')
        .where('textId', '=', 'text-1')
        .executeTakeFirstOrThrow(),
    );
    const file = join(s.folder, 'record.json');
    writeFileSync(
      file,
      JSON.stringify({ textId: 'text-1', canonical, sha256: sha256Hex(canonical) }),
    );
    const fromFile = await council(s.env, ['sign', '--key', key, '--record', file]);
    expect(fromFile.stderr).toBe('');
    const fromDatabase = await council(s.env, ['sign', '--key', key, '--text', 'text-1']);
    // Ed25519 is deterministic: the same key over the same record gives the same signature.
    expect(fromFile.stdout).toBe(fromDatabase.stdout);
    const body = JSON.parse(fromFile.stdout) as { keyId: string; signature: string };
    expect(Object.keys(body).sort()).toEqual(['keyId', 'signature']);
    expect(body.keyId).toMatch(/^ed25519:[0-9a-f]{32}$/);

    const der = parsePublicKey(readFileSync(join(keys, 'party-key.pub.pem'), 'utf8')) as string;
    expect(keyIdOf(der)).toBe(body.keyId);
    expect(verifyDigest(der, sha256Hex(canonical), body.signature)).toBe(true);

    writeFileSync(
      file,
      JSON.stringify({ canonical: '{"changed":true}', sha256: sha256Hex(canonical) }),
    );
    const refused = await council(s.env, ['sign', '--key', key, '--record', file]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/nothing signed/);
    const neither = await council(s.env, ['sign', '--key', key]);
    expect(neither.code).toBe(2);
  });
});
