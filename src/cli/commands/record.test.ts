import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { council, type Scratch, scratch, withParties } from '../../../tests/support/cli.ts';
import { TEST_PASSWORD } from '../../../tests/support/test-context.ts';
import { loadConfig } from '../../server/config.ts';
import type { Deps } from '../../server/deps.ts';
import { configuredKeyring } from '../../server/main.ts';
import { OPERATOR, type UserActor } from '../../server/modules/access/actor.ts';
import { createUser } from '../../server/modules/auth/create-user.ts';
import { getAdoptionRecord } from '../../server/modules/record/get-adoption-record.ts';
import { registerPartyKey } from '../../server/modules/record/register-party-key.ts';
import { signText } from '../../server/modules/record/sign-text.ts';
import { concurInText } from '../../server/modules/texts/concur-text.ts';
import { createText } from '../../server/modules/texts/create-text.ts';
import type { Role } from '../../shared/vocabularies.ts';

const scratches: Scratch[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) s.remove();
});

async function actor(deps: Deps, party: string, role: Role): Promise<UserActor> {
  const username = `${party}-${role}`;
  const user = await createUser(deps, OPERATOR, {
    username,
    password: TEST_PASSWORD,
    roles: [role],
    party,
  });
  return { kind: 'user', userId: user.id, username, party, roles: [role] };
}

/**
 * A council with one joint statement adopted by both chairs and signed by both parties: NATO
 * with a key made by `council keygen` and a signature made by `council sign`, Russia with the
 * key the server holds for it. Answers the scratch and the text's id.
 */
async function signedCouncil(): Promise<{ s: Scratch; textId: string }> {
  const s = scratch();
  scratches.push(s);
  await withParties(s);
  const keys = join(s.folder, 'nato-keys');
  const made = await council(s.env, ['keygen', '--out', keys]);
  expect(made.code).toBe(0);
  expect(statSync(join(keys, 'party-key.pem')).mode & 0o777).toBe(0o600);
  const textId = await s.withDeps(async (base) => {
    const deps = { ...base, keyring: configuredKeyring(loadConfig(s.env)) };
    const secretary = await actor(deps, 'nato', 'secretary');
    const natoChair = await actor(deps, 'nato', 'chair');
    const russiaChair = await actor(deps, 'russia', 'chair');
    await registerPartyKey(deps, await actor(deps, 'nato', 'admin'), 'nato', {
      publicKey: readFileSync(join(keys, 'party-key.pub.pem'), 'utf8'),
    });
    await registerPartyKey(deps, await actor(deps, 'russia', 'admin'), 'russia', {
      serverHeld: true,
    });
    const text = await createText(deps, secretary, {
      kind: 'joint-statement',
      title: 'Joint statement on the exchange',
      visibility: 'joint',
      paragraphs: ['The Council welcomes the exchange.', 'It will meet again.'],
    });
    await concurInText(deps, natoChair, text.id, { version: text.version });
    await concurInText(deps, russiaChair, text.id, { version: text.version });
    const { sha256 } = await getAdoptionRecord(deps.db, russiaChair, text.id);
    await signText(deps, russiaChair, text.id, { serverHeld: true, sha256 });
    return { id: text.id, natoChair };
  });
  const signed = await council(s.env, [
    'sign',
    '--key',
    join(keys, 'party-key.pem'),
    '--text',
    textId.id,
  ]);
  expect(signed.code).toBe(0);
  const body = JSON.parse(signed.stdout);
  await s.withDeps(async (base) => {
    const deps = { ...base, keyring: configuredKeyring(loadConfig(s.env)) };
    const record = await signText(deps, textId.natoChair, textId.id, body);
    expect(record.signedByBoth).toBe(true);
  });
  return { s, textId: textId.id };
}

/** Changes a stored row as someone with the database file would: past the triggers. */
async function tamper(s: Scratch, statements: string[]): Promise<void> {
  await s.withDeps(async (deps) => {
    for (const statement of statements) await sql.raw(statement).execute(deps.db);
  });
}

describe('council verify on the database', () => {
  it('passes an untouched council, then names the paragraph of an adopted text changed in its row', async () => {
    const { s, textId } = await signedCouncil();
    const clean = await council(s.env, ['verify']);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/verifies/);

    await tamper(s, [
      `update "textVersions" set "content" = replace("content", 'welcomes', 'regrets') where "textId" = '${textId}'`,
    ]);
    const changed = await council(s.env, ['verify']);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain(`tables.textVersions[${textId}/1]`);
    expect(changed.stderr).toMatch(
      /reads "The Council regrets the exchange\.", but the adoption record says "The Council welcomes the exchange\."/,
    );
  });

  it('names a log entry changed past its append-only trigger', async () => {
    const { s } = await signedCouncil();
    const target = await s.withDeps((deps) =>
      deps.db
        .selectFrom('recordLog')
        .select('id')
        .where('kind', '=', 'text.adopt')
        .executeTakeFirstOrThrow(),
    );
    await tamper(s, [
      'drop trigger "recordLogNoUpdate"',
      `update "recordLog" set "at" = '2001-01-01T00:00:00.000Z' where "id" = ${target.id}`,
    ]);
    const changed = await council(s.env, ['verify']);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain(`tables.recordLog[${target.id}]`);
    expect(changed.stderr).toMatch(/the entry was changed/);
  });

  it("names a signature changed in its row, and no longer counts that party's signature", async () => {
    const { s, textId } = await signedCouncil();
    const stored = await s.withDeps((deps) =>
      deps.db
        .selectFrom('textSignatures')
        .select('signature')
        .where('byParty', '=', 'nato')
        .executeTakeFirstOrThrow(),
    );
    const flipped = `${stored.signature[0] === 'A' ? 'B' : 'A'}${stored.signature.slice(1)}`;
    await tamper(s, [
      `update "textSignatures" set "signature" = '${flipped}' where "byParty" = 'nato'`,
    ]);
    const changed = await council(s.env, ['verify']);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain(`tables.textSignatures[${textId}/nato]`);
    expect(changed.stderr).toMatch(/does not verify/);
  });

  it('refuses to import an export whose record log was changed, naming the entry', async () => {
    const { s } = await signedCouncil();
    const file = join(s.folder, 'export.json');
    expect((await council(s.env, ['export', file])).code).toBe(0);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const entry = data.tables.recordLog.find((e: { kind: string }) => e.kind === 'text.sign');
    entry.payload = entry.payload.replace('"party":"', '"party":"x');
    writeFileSync(file, JSON.stringify(data, null, 2));
    const target = scratch();
    scratches.push(target);
    const refused = await council(target.env, ['import', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`tables.recordLog[${entry.id}]`);
  });
});

describe('council export-record and council verify FILE', () => {
  it('verifies a bundle offline, and names a changed byte: in a signature, in the canonical form, outside the records', async () => {
    const { s } = await signedCouncil();
    const file = join(s.folder, 'record.json');
    const exported = await council(s.env, ['export-record', file]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    // Offline: no database at all where it is checked.
    const offline = { LOG_LEVEL: 'silent', DATABASE_URL: join(s.folder, 'nowhere', 'none.db') };
    const clean = await council(offline, ['verify', file]);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);

    const text = readFileSync(file, 'utf8');
    const bundle = JSON.parse(text);
    const signature: string = bundle.signatures[0].signature;
    // The last copy: the log's entry of the signing holds it too, and comes first.
    const at = text.lastIndexOf(signature) + 5;
    const changedByte = `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
    const tampered = join(s.folder, 'tampered.json');
    for (const [content, named] of [
      [changedByte, 'bundle.signatures[0]'],
      [text.replace('"format"', ' "format"'), 'bundle: is not in the canonical form'],
      [text.replace(bundle.exportedAt, '2099-01-01T00:00:00.000Z'), 'bundle.seal'],
      [text.replace('The Council welcomes', 'The Council welcomed'), 'bundle.records[0]'],
    ] as const) {
      writeFileSync(tampered, content);
      const result = await council(offline, ['verify', tampered]);
      expect(result.code, named).toBe(1);
      expect(result.stderr, named).toContain(named);
    }
  });
  it('names the keys a bundle rests on, and with --trust fails what another key signed', async () => {
    const { s } = await signedCouncil();
    const file = join(s.folder, 'record.json');
    expect((await council(s.env, ['export-record', file])).code).toBe(0);
    const offline = { LOG_LEVEL: 'silent', DATABASE_URL: join(s.folder, 'nowhere', 'none.db') };
    const bundle = JSON.parse(readFileSync(file, 'utf8'));
    const keyOf = (party: string | null) =>
      bundle.keys.find((k: { party: string | null; retiredAt: string | null }) => k.party === party)
        .keyId as string;
    const [nato, russia, server] = [keyOf('nato'), keyOf('russia'), keyOf(null)];

    const listed = await council(offline, ['verify', file]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('compare each fingerprint');
    for (const key of [nato, russia, server]) expect(listed.stdout).toContain(key);

    const trust = [`nato=${nato}`, `russia=${russia}`, `server=${server}`];
    const trusted = await council(offline, ['verify', file, '--trust', ...trust]);
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(trusted.stdout).toContain('Every signature is made with a key you trust');
    // Who signed each record, and where each chain ends: "every signature valid" alone would
    // not tell a record no party signed, which rests on the server's word.
    expect(trusted.stdout).toContain('Adopted records (1), and who signed each:');
    expect(trusted.stdout).toContain(
      `signed by nato (party key ${nato}, which you trust as nato's), russia (server-held key ${russia}, which you trust as russia's)`,
    );
    expect(trusted.stdout).toMatch(
      /Exported at \S+; its chains end at .*joint #\d+ \([0-9a-f]{16}\)/,
    );

    // NATO has not been given Russia's key: Russia's signature proves nothing to it yet.
    const unknown = await council(offline, [
      'verify',
      file,
      '--trust',
      `nato=${nato}`,
      `server=${server}`,
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      new RegExp(
        `bundle\\.signatures\\[\\d\\]: is signed with ${russia}, which is not a key you trust as russia's`,
      ),
    );
    // Russia's key trusted as NATO's proves nothing of NATO's signature.
    const swapped = await council(offline, [
      'verify',
      file,
      '--trust',
      `nato=${russia}`,
      `russia=${nato}`,
      `server=${server}`,
    ]);
    expect(swapped.code).toBe(1);
    // A key given without saying whose it is is refused outright.
    const bare = await council(offline, ['verify', file, '--trust', server]);
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toContain('name whose key it is');
    expect(unknown.stderr).not.toContain(`is signed with ${nato}`);
  });
});
