import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
  callOk,
  createTestContext,
  type Method,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { OPERATOR } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';
import { generateKeyPair, type KeyPair, publicKeyPem, signDigest } from './ed25519.ts';
import { replayLog } from './record-entry.ts';
import { signWithReferenceKey } from './sign-with-reference-key.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let natoChair: TestUser;
let russiaChair: TestUser;
let russiaSecretary: TestUser;
let natoAdmin: TestUser;
let russiaAdmin: TestUser;
let natoPair: KeyPair;
let natoKeyId: string;

const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callApi(ctx, user, method, url, payload);
const ok = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callOk(ctx, user, method, url, payload);

/** A joint statement (the council of these tests works in English alone) concurred in by both chairs: adopted. */
async function adoptedText(title: string): Promise<{ id: string; version: number }> {
  let text = await ok(natoSecretary, 'POST', '/texts', {
    kind: 'joint-statement',
    title,
    visibility: 'joint',
    paragraphs: ['The Council welcomes the exchange.'],
  });
  for (const chair of [natoChair, russiaChair]) {
    text = await ok(chair, 'POST', `/texts/${text.id}/concur`, { version: text.version });
  }
  expect(text.state).toBe('adopted');
  return text;
}

const logEntries = () => ctx.deps.db.selectFrom('recordLog').selectAll().orderBy('id').execute();

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
  russiaChair = await addUser(ctx, 'russia', ['chair']);
  natoAdmin = await addUser(ctx, 'nato', ['admin']);
  russiaAdmin = await addUser(ctx, 'russia', ['admin']);
  natoPair = generateKeyPair();
  const registered = await ok(natoAdmin, 'POST', '/parties/nato/keys', {
    publicKey: publicKeyPem(natoPair.publicKey),
    note: 'NATO key 2001',
  });
  natoKeyId = registered.id;
  await ok(russiaAdmin, 'POST', '/parties/russia/keys', { serverHeld: true });
});
afterAll(async () => ctx.close());

describe('party keys', () => {
  it('registers a public key (PEM or base64 DER) and lists it with its times, never a private part', async () => {
    const listed = await ok(null, 'GET', '/parties/nato/keys');
    expect(listed.items).toEqual([
      expect.objectContaining({
        id: natoKeyId,
        party: 'nato',
        kind: 'party',
        publicKey: natoPair.publicKey,
        note: 'NATO key 2001',
        retiredAt: null,
      }),
    ]);
    const held = await ok(null, 'GET', '/parties/russia/keys');
    expect(held.items).toEqual([expect.objectContaining({ kind: 'server-held' })]);
    expect(JSON.stringify(held)).not.toContain('v1:');
    const der = generateKeyPair().publicKey;
    const byDer = await ok(natoAdmin, 'POST', '/parties/nato/keys', { publicKey: der });
    expect(byDer.publicKey).toBe(der);
  });

  it('refuses what is not an Ed25519 key, naming the field, and a key of another party', async () => {
    const bad = await call(natoAdmin, 'POST', '/parties/nato/keys', { publicKey: 'bm90IGEga2V5' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'publicKey' })]);
    const both = await call(natoAdmin, 'POST', '/parties/nato/keys', {
      publicKey: natoPair.publicKey,
      serverHeld: true,
    });
    expect(both.statusCode).toBe(400);
    const foreign = await call(russiaAdmin, 'POST', '/parties/nato/keys', {
      publicKey: generateKeyPair().publicKey,
    });
    expect(foreign.statusCode).toBe(403);
    const again = await call(natoAdmin, 'POST', '/parties/nato/keys', {
      publicKey: natoPair.publicKey,
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('signing an adoption record', () => {
  it('answers the canonical record and its SHA-256, and counts a party signed only when its signature verifies', async () => {
    const text = await adoptedText('Signed statement');
    const record = await ok(russiaSecretary, 'GET', `/texts/${text.id}/adoption-record`);
    expect(record.sha256).toBe(createHash('sha256').update(record.canonical).digest('hex'));
    expect(JSON.parse(record.canonical).text.id).toBe(text.id);
    expect(record).toMatchObject({ signatures: [], signedBy: [], signedByBoth: false });

    // A signature over another digest, or by another party's key, is refused before it is kept.
    const wrong = await call(natoChair, 'POST', `/texts/${text.id}/signatures`, {
      keyId: natoKeyId,
      signature: signDigest(natoPair.privateKey, '0'.repeat(64)),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'signature' })]);

    // An offline signature may name the digest read too: a wrong one is refused as stale.
    const misnamed = await call(natoChair, 'POST', `/texts/${text.id}/signatures`, {
      keyId: natoKeyId,
      signature: signDigest(natoPair.privateKey, record.sha256),
      sha256: '0'.repeat(64),
    });
    expect(misnamed.statusCode).toBe(409);
    expect(misnamed.json()).toMatchObject({ code: 'StaleVersion' });

    const signed = await ok(natoChair, 'POST', `/texts/${text.id}/signatures`, {
      keyId: natoKeyId,
      signature: signDigest(natoPair.privateKey, record.sha256),
    });
    expect(signed).toMatchObject({ signedBy: ['nato'], signedByBoth: false });
    expect((await ok(natoSecretary, 'GET', `/texts/${text.id}`)).signedByBoth).toBe(false);

    // The server signs for a chair only the record the chair names as read.
    const unnamed = await call(russiaChair, 'POST', `/texts/${text.id}/signatures`, {
      serverHeld: true,
    });
    expect(unnamed.statusCode).toBe(428);
    expect(unnamed.json()).toMatchObject({ code: 'VersionRequired' });
    expect(unnamed.json().errors).toEqual([
      expect.objectContaining({ field: 'sha256', pointer: '/sha256' }),
    ]);
    const misread = await call(russiaChair, 'POST', `/texts/${text.id}/signatures`, {
      serverHeld: true,
      sha256: 'f'.repeat(64),
    });
    expect(misread.statusCode).toBe(409);
    expect(misread.json()).toMatchObject({ code: 'StaleVersion' });
    expect(misread.json().errors).toEqual([expect.objectContaining({ field: 'sha256' })]);
    expect(
      (await ok(russiaSecretary, 'GET', `/texts/${text.id}/adoption-record`)).signedBy,
    ).toEqual(['nato']);
    const both = await ok(russiaChair, 'POST', `/texts/${text.id}/signatures`, {
      serverHeld: true,
      sha256: record.sha256,
    });
    expect(
      both.signatures.map((s: { party: string; valid: boolean }) => [s.party, s.valid]),
    ).toEqual([
      ['nato', true],
      ['russia', true],
    ]);
    expect(both.signedByBoth).toBe(true);
    const view = await ok(russiaSecretary, 'GET', `/texts/${text.id}`);
    expect(view).toMatchObject({ signedBy: ['nato', 'russia'], signedByBoth: true });

    // The same signature sent again (a retry) is on the record already: no second entry.
    const entries = (await logEntries()).length;
    const signedAt = both.signatures.map((s: { at: string }) => s.at);
    for (const [chair, body] of [
      [natoChair, { keyId: natoKeyId, signature: signDigest(natoPair.privateKey, record.sha256) }],
      [russiaChair, { serverHeld: true, sha256: record.sha256 }],
    ] as const) {
      await ok(chair, 'POST', `/texts/${text.id}/signatures`, body);
    }
    expect((await logEntries()).length).toBe(entries);
    const again = await ok(russiaSecretary, 'GET', `/texts/${text.id}/adoption-record`);
    expect(again.signatures.map((s: { at: string }) => s.at)).toEqual(signedAt);

    // A secretary does not sign for its party; a text not adopted has no record to sign.
    expect(
      (
        await call(natoSecretary, 'POST', `/texts/${text.id}/signatures`, {
          serverHeld: true,
          sha256: record.sha256,
        })
      ).statusCode,
    ).toBe(403);
  });

  it("keeps a caucus text's record from the other party: 404 as for a text that does not exist", async () => {
    const draft = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'press-statement',
      title: 'Allied position',
      paragraphs: ['The Allies welcome the exchange.'],
    });
    // As the allies' own adoption of a common position leaves it (the silence procedure).
    const canonical = '{"text":"allied"}';
    await ctx.deps.db
      .insertInto('adoptionRecords')
      .values({
        textId: draft.id,
        canonical,
        sha256: createHash('sha256').update(canonical).digest('hex'),
        at: '2001-03-01T09:00:00.000Z',
        visibility: 'caucus',
        party: 'nato',
      })
      .execute();
    expect(
      (await call(natoSecretary, 'GET', `/texts/${draft.id}/adoption-record`)).statusCode,
    ).toBe(200);
    const hidden = await call(russiaSecretary, 'GET', `/texts/${draft.id}/adoption-record`);
    const missing = await call(russiaSecretary, 'GET', '/texts/no-such-text/adoption-record');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().detail).toBe(missing.json().detail);
    const sha256 = createHash('sha256').update(canonical).digest('hex');
    const signing = await call(russiaChair, 'POST', `/texts/${draft.id}/signatures`, {
      serverHeld: true,
      sha256,
    });
    expect(signing.statusCode).toBe(404);
    expect(signing.json().detail).toBe(missing.json().detail);
    // NATO's chair signs it with the key the server holds? NATO holds its own: refused, named.
    const natoHeld = await call(natoChair, 'POST', `/texts/${draft.id}/signatures`, {
      serverHeld: true,
      sha256,
    });
    expect(natoHeld.statusCode).toBe(400);
    await ok(natoAdmin, 'POST', '/parties/nato/keys', { serverHeld: true });
    await ok(natoChair, 'POST', `/texts/${draft.id}/signatures`, { serverHeld: true, sha256 });
    const entries = await logEntries();
    const signed = entries.find((e) => e.kind === 'text.sign' && e.entityId === draft.id);
    // The caucus signature is on NATO's caucus chain, which Russia's node never holds.
    expect(signed?.audience).toBe('caucus:nato');
    expect(entries.filter((e) => e.audience === 'joint').map((e) => e.entityId)).not.toContain(
      draft.id,
    );
  });
});

describe('the record log', () => {
  it('holds every record event in its audience, chained and signed, and replays with the log alone', async () => {
    const entries = await logEntries();
    const kinds = entries.map((e) => `${e.audience} ${e.kind}`);
    expect(kinds).toContain('public partyKey.register');
    expect(kinds).toContain('joint text.adopt');
    expect(kinds).toContain('joint text.sign');
    expect(replayLog(entries).problems).toEqual([]);
    const audiences = new Set(entries.map((e) => e.audience));
    for (const audience of audiences) {
      const seqs = entries.filter((e) => e.audience === audience).map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    // Russia's chair acted last on the adoption, and the server holds Russia's key: it signed.
    const russiaKey = (await ok(null, 'GET', '/parties/russia/keys')).items[0].id;
    const adoption = entries.find((e) => e.kind === 'text.adopt');
    expect(adoption?.signerKeyId).toBe(russiaKey);
  });

  it('retires a key: the retirement is on the record, and the key signs nothing more', async () => {
    const text = await adoptedText('Statement after rotation');
    const retired = await ok(
      natoAdmin,
      'POST',
      `/parties/nato/keys/${encodeURIComponent(natoKeyId)}/retire`,
      {},
    );
    expect(retired.retiredAt).not.toBeNull();
    const record = await ok(natoChair, 'GET', `/texts/${text.id}/adoption-record`);
    const late = await call(natoChair, 'POST', `/texts/${text.id}/signatures`, {
      keyId: natoKeyId,
      signature: signDigest(natoPair.privateKey, record.sha256),
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors).toEqual([expect.objectContaining({ field: 'keyId' })]);
    const entries = await logEntries();
    expect(entries.some((e) => e.kind === 'partyKey.retire' && e.entityId === natoKeyId)).toBe(
      true,
    );
    expect(replayLog(await logEntries()).problems).toEqual([]);
  });
});

describe('reference signatures of reconstructed texts', () => {
  it('verify, say in their key what they are, and never make a text signed by a party', async () => {
    const text = await adoptedText('Reconstructed statement');
    const { keyIds } = await change(ctx.deps, OPERATOR, (uow) =>
      signWithReferenceKey(uow, [text.id]),
    );
    expect(keyIds).toHaveLength(2);
    const record = await ok(russiaSecretary, 'GET', `/texts/${text.id}/adoption-record`);
    expect(record.signatures).toEqual([
      expect.objectContaining({ party: 'nato', keyKind: 'reference', valid: true }),
      expect.objectContaining({ party: 'russia', keyKind: 'reference', valid: true }),
    ]);
    expect(record).toMatchObject({ signedBy: [], signedByBoth: false });
    const keys = (await ok(null, 'GET', '/parties/russia/keys')).items;
    const reference = keys.find((k: { kind: string }) => k.kind === 'reference');
    expect(reference.note).toMatch(/reference key for texts reconstructed/i);
    expect(reference.note).toMatch(/not russia's own key/);
    // Its private key was never kept: nothing can sign with it again.
    const stored = await ctx.deps.db
      .selectFrom('partyKeys')
      .select('privateKey')
      .where('id', '=', reference.id)
      .executeTakeFirstOrThrow();
    expect(stored.privateKey).toBeNull();
    expect(replayLog(await logEntries()).problems).toEqual([]);
  });
});

describe('reading the record log', () => {
  it("gives each caller the chains it is in, a page at a time, and replays from them alone; the other party's caucus chain is 404", async () => {
    const pages: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const page = await ok(
        russiaSecretary,
        'GET',
        `/record-log?audience=joint&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      pages.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    const joint = await logEntries();
    expect(pages.map((e) => e.seq)).toEqual(
      joint.filter((e) => e.audience === 'joint').map((e) => e.seq),
    );
    const publicChain = (await ok(null, 'GET', '/record-log?audience=public&limit=200')).items;
    expect(replayLog([...publicChain, ...pages] as never).problems).toEqual([]);
    const hidden = await call(russiaSecretary, 'GET', '/record-log?audience=caucus:nato');
    const none = await call(russiaSecretary, 'GET', '/record-log?audience=caucus:nobody');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(none.body.replace('caucus:nobody', 'caucus:nato'));
    expect((await call(natoSecretary, 'GET', '/record-log?audience=caucus:nato')).statusCode).toBe(
      200,
    );
    expect((await call(null, 'GET', '/record-log?audience=joint')).statusCode).toBe(404);
  });
});

describe('record events of the text workflow', () => {
  it('logs a publication in the joint chain and a caucus marking change in the caucus chain only', async () => {
    const text = await adoptedText('Statement to publish');
    for (const secretary of [natoSecretary, russiaSecretary]) {
      await ok(secretary, 'POST', `/texts/${text.id}/publish`, { version: text.version });
    }
    const draft = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'press-statement',
      title: 'Allied draft',
      paragraphs: ['The Allies note the exchange.'],
    });
    await ok(natoSecretary, 'PUT', `/texts/${draft.id}/marking`, {
      version: draft.version,
      releasableTo: ['nato'],
    });
    const entries = await logEntries();
    const published = entries.filter((e) => e.kind === 'text.publish' && e.entityId === text.id);
    expect(published.map((e) => e.audience)).toEqual(['joint']);
    expect(JSON.parse(published[0]?.payload ?? '{}').after.state).toBe('published');
    // A chair's statement drafted in NATO's caucus and issued: it goes out as a joint text of
    // its own, whose entry is in the joint chain, where Russia's node can check the record it
    // may now read; the caucus draft leaves no entry there.
    const statement = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'chair-statement',
      title: 'Chair statement',
      paragraphs: ['The Chair welcomes the exchange.'],
    });
    const issuedText = await ok(natoChair, 'POST', `/texts/${statement.id}/issue`, {
      version: statement.version,
    });
    expect(issuedText.id).not.toBe(statement.id);
    const issued = (await logEntries()).filter((e) => e.entityId === issuedText.id);
    expect(issued.map((e) => `${e.audience} ${e.kind}`)).toEqual(['joint text.issue']);
    expect((await logEntries()).filter((e) => e.entityId === statement.id)).toEqual([]);
    const marked = entries.filter((e) => e.entityId === draft.id);
    expect(marked.map((e) => `${e.audience} ${e.kind}`)).toEqual([
      'caucus:nato text.change-marking',
    ]);
    expect(replayLog(await logEntries()).problems).toEqual([]);
  });
});
