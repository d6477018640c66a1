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

/**
 * What each party reads of texts: caucus drafts and their history stay with their party,
 * markings hold on every read and search, versions compare word by word, and numbers run per
 * audience. On a council with one language (English), so adoption needs no translation.
 */

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;
let russiaMember: TestUser;
let natoChair: TestUser;
let russiaChair: TestUser;
let natoAdmin: TestUser;
let russiaAdmin: TestUser;

const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callApi(ctx, user, method, url, payload);

const ok = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callOk(ctx, user, method, url, payload);

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  russiaMember = await addUser(ctx, 'russia', ['member']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
  russiaChair = await addUser(ctx, 'russia', ['chair']);
  natoAdmin = await addUser(ctx, 'nato', ['admin']);
  russiaAdmin = await addUser(ctx, 'russia', ['admin']);
  // Each party's admin declares what it accepts on shared texts, with a user cleared to it:
  // Russia NATO RESTRICTED (its chair; its secretary stays uncleared), NATO NATO SECRET.
  await ok(russiaAdmin, 'PATCH', `/users/${russiaChair.actor.userId}`, {
    clearance: 'nato-restricted',
  });
  await ok(russiaAdmin, 'PUT', '/parties/russia/joint-marking-ceiling', {
    classification: 'nato-restricted',
  });
  await ok(natoAdmin, 'PATCH', `/users/${natoChair.actor.userId}`, { clearance: 'nato-secret' });
  await ok(natoAdmin, 'PUT', '/parties/nato/joint-marking-ceiling', {
    classification: 'nato-secret',
  });
});
afterAll(async () => ctx.close());

const draft = (paragraphs: string[], extra: object = {}) =>
  ok(natoSecretary, 'POST', '/texts', {
    kind: 'press-statement',
    title: 'Allied line on the exchange',
    paragraphs,
    ...extra,
  });

const search = async (user: TestUser, q: string) =>
  (await ok(user, 'GET', `/search?q=${encodeURIComponent(q)}`)).items as {
    entityType: string;
    entityId: string;
  }[];

describe("a party's caucus draft", () => {
  it('shows nowhere to the other party: not by id, list, versions, diff, search or audit', async () => {
    const before = {
      list: await ok(russiaSecretary, 'GET', '/texts'),
      audit: await ok(russiaSecretary, 'GET', '/audit'),
      search: await search(russiaSecretary, 'Zanzibar'),
    };
    const text = await draft(['Zanzibar is our line, [NATO: firmly | RUS: softly] put.']);
    await ok(natoSecretary, 'PATCH', `/texts/${text.id}`, {
      version: 1,
      paragraphs: [{ id: text.languageVersions[0].paragraphs[0].id, text: 'Zanzibar, again.' }],
    });
    for (const url of [
      `/texts/${text.id}`,
      `/texts/${text.id}/versions`,
      `/texts/${text.id}/versions/1`,
      `/texts/${text.id}/diff?from=1&to=2&alternat=false`,
    ]) {
      const response = await call(russiaSecretary, 'GET', url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().detail).toBe('text not found');
    }
    expect(await ok(russiaSecretary, 'GET', '/texts')).toEqual(before.list);
    expect(await ok(russiaSecretary, 'GET', '/audit')).toEqual(before.audit);
    expect(await search(russiaSecretary, 'Zanzibar')).toEqual(before.search);
    expect((await search(natoSecretary, 'Zanzibar')).map((h) => h.entityId)).toContain(text.id);
  });

  it('is tabled as a joint text of its own: version 1, without the caucus history, reasons or times', async () => {
    const text = await draft(['The Council [NATO: welcomes | RUS: notes] the exchange.']);
    ctx.advance(60_000);
    const edited = await ok(natoSecretary, 'PATCH', `/texts/${text.id}`, {
      version: 1,
      title: 'Allied line, revised',
    });
    ctx.advance(60_000);
    const tabled = await ok(natoSecretary, 'POST', `/texts/${text.id}/table`, {
      version: edited.version,
    });
    expect(tabled).toMatchObject({ version: 1, state: 'tabled', visibility: 'joint' });
    expect(tabled.createdAt).toBe(tabled.updatedAt);
    const seen = await ok(russiaSecretary, 'GET', `/texts/${tabled.id}`);
    const bracket = seen.languageVersions[0].paragraphs[0].segments[1];
    for (const alternative of bracket.alternatives) {
      expect(alternative).toMatchObject({
        proposedAt: tabled.createdAt,
        reason: null,
        proposedBy: null,
      });
    }
    expect((await ok(russiaSecretary, 'GET', `/texts/${tabled.id}/versions`)).items).toEqual([
      { version: 1, at: tabled.createdAt, party: 'nato', summary: 'tabled' },
    ]);
    // The draft itself remembers what it became, for its own party only.
    expect((await ok(natoSecretary, 'GET', `/texts/${text.id}`)).tabledAs).toBe(tabled.id);
  });
});

describe('a marking', () => {
  it('keeps a text from every reader not cleared for it, in reads, lists and search', async () => {
    await ok(natoAdmin, 'PATCH', `/users/${natoSecretary.actor.userId}`, {
      clearance: 'nato-restricted',
    });
    const text = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'Restricted communique on Quetzalcoatl',
      visibility: 'joint',
      classification: 'nato-restricted',
      paragraphs: ['Quetzalcoatl is discussed.'],
    });
    expect(text.classification).toEqual({ id: 'nato-restricted', name: 'NATO RESTRICTED' });
    expect((await call(russiaSecretary, 'GET', `/texts/${text.id}`)).statusCode).toBe(404);
    const listed = await ok(russiaSecretary, 'GET', '/texts');
    expect(listed.items.map((t: { id: string }) => t.id)).not.toContain(text.id);
    expect(await search(russiaSecretary, 'Quetzalcoatl')).toEqual([]);
    expect((await search(natoSecretary, 'Quetzalcoatl')).map((h) => h.entityId)).toEqual([text.id]);
  });

  it('of a joint text never goes above what the other party declared it accepts, whoever it has cleared', async () => {
    await ok(natoAdmin, 'PATCH', `/users/${natoSecretary.actor.userId}`, {
      clearance: 'nato-secret',
    });
    const secret = {
      kind: 'communique',
      title: 'Secret joint communique',
      visibility: 'joint',
      classification: 'nato-secret',
      paragraphs: ['A clean paragraph.'],
    };
    const refusal = {
      field: 'classification',
      message:
        'a joint text is read by every party: russia accepts joint texts up to NATO RESTRICTED',
    };
    const created = await call(natoSecretary, 'POST', '/texts', secret);
    expect(created.statusCode).toBe(400);
    expect(created.json().errors).toEqual([expect.objectContaining(refusal)]);
    const text = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'Joint communique to be kept readable',
      visibility: 'joint',
      paragraphs: ['A clean paragraph.'],
    });
    const raised = await call(natoSecretary, 'PUT', `/texts/${text.id}/marking`, {
      version: text.version,
      classification: 'nato-secret',
    });
    expect(raised.statusCode).toBe(400);
    expect(raised.json().errors).toEqual([expect.objectContaining(refusal)]);
    // Russia clears its chair higher: NATO's answer is the same to the byte, for it reads
    // what Russia declared and nothing of Russia's users.
    await ok(russiaAdmin, 'PATCH', `/users/${russiaChair.actor.userId}`, {
      clearance: 'nato-secret',
    });
    const again = await call(natoSecretary, 'POST', '/texts', secret);
    expect(again.body).toBe(created.body);
    // NATO's own caucus draft may be marked as NATO's users are cleared.
    expect((await draft(['Allied secret line.'], { classification: 'nato-secret' })).party).toBe(
      'nato',
    );
    // Russia declares it accepts NATO SECRET: the text may be marked so, and the ceiling no
    // longer goes below it while the parties share it.
    await ok(russiaAdmin, 'PUT', '/parties/russia/joint-marking-ceiling', {
      classification: 'nato-secret',
    });
    const marked = await ok(natoSecretary, 'PUT', `/texts/${text.id}/marking`, {
      version: text.version,
      classification: 'nato-secret',
    });
    expect(marked.classification.id).toBe('nato-secret');
    const lowered = await call(russiaAdmin, 'PUT', '/parties/russia/joint-marking-ceiling', {
      classification: 'nato-restricted',
    });
    expect(lowered.statusCode).toBe(409);
    expect(lowered.json().errors).toEqual([expect.objectContaining({ field: 'classification' })]);
  });

  it('is declared by a party admin for its own party, with a user cleared to it, read by both parties only', async () => {
    const other = await call(natoAdmin, 'PUT', '/parties/russia/joint-marking-ceiling', {
      classification: 'nato-unclassified',
    });
    expect(other.json()).toMatchObject({ status: 403, code: 'NotYourParty' });
    const secretary = await call(natoSecretary, 'PUT', '/parties/nato/joint-marking-ceiling', {
      classification: 'nato-secret',
    });
    expect(secretary.statusCode).toBe(403);
    const unknown = await call(natoAdmin, 'PUT', '/parties/nato/joint-marking-ceiling', {
      classification: 'cosmic-top-secret',
    });
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'classification' })]);
    expect((await ok(russiaMember, 'GET', '/parties/nato')).jointMarkingCeiling).toBe(
      'nato-secret',
    );
    expect((await ok(null, 'GET', '/parties/nato')).jointMarkingCeiling).toBeNull();
    // Russia's last user cleared to its ceiling keeps that clearance until another has it.
    const lowered = await call(russiaAdmin, 'PATCH', `/users/${russiaChair.actor.userId}`, {
      clearance: 'nato-unclassified',
    });
    expect(lowered.json()).toMatchObject({
      status: 409,
      errors: [expect.objectContaining({ field: 'clearance' })],
    });
  });

  it('puts no joint text under silence while a party has disabled every user cleared to read it', async () => {
    const text = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'Restricted, then read by Russia no more',
      visibility: 'joint',
      classification: 'nato-restricted',
      paragraphs: ['A clean paragraph.'],
    });
    // Russia's chair hands its clearance to a reader, who then leaves: disabling is never held
    // up, so Russia has nobody left to read, or break a silence on, the text.
    const reader = await addUser(ctx, 'russia', ['member'], 'russian-reader');
    await ok(russiaAdmin, 'PATCH', `/users/${reader.actor.userId}`, { clearance: 'nato-secret' });
    await ok(russiaAdmin, 'PATCH', `/users/${russiaChair.actor.userId}`, {
      clearance: 'nato-unclassified',
    });
    await ok(russiaAdmin, 'PATCH', `/users/${reader.actor.userId}`, { disabled: true });
    const silence = await call(natoChair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      deadline: '2031-06-01T18:00',
      timeZone: 'Europe/Brussels',
    });
    expect(silence.statusCode).toBe(409);
    expect(silence.json().errors).toEqual([
      expect.objectContaining({
        field: 'participants',
        message: expect.stringContaining('russia'),
      }),
    ]);
    expect((await ok(natoChair, 'GET', `/texts/${text.id}`)).state).toBe('tabled');
    await ok(russiaAdmin, 'PATCH', `/users/${reader.actor.userId}`, { disabled: false });
    const started = await call(natoChair, 'POST', `/texts/${text.id}/silence`, {
      version: text.version,
      deadline: '2031-06-01T18:00',
      timeZone: 'Europe/Brussels',
    });
    expect(started.statusCode, started.body).toBe(200);
  });

  it('leaves the ranking of an uncleared reader exactly as it was', async () => {
    await ok(natoSecretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'Ranking probe',
      visibility: 'joint',
      paragraphs: ['Borealis matters. Borealis.'],
    });
    await ok(natoSecretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'Another probe',
      visibility: 'joint',
      paragraphs: ['Borealis once, among many other words of a longer paragraph.'],
    });
    const before = await ok(russiaSecretary, 'GET', '/search?q=Borealis');
    for (let i = 0; i < 5; i++) {
      await ok(natoSecretary, 'POST', '/texts', {
        kind: 'communique',
        title: `Restricted ${i}`,
        visibility: 'joint',
        classification: 'nato-restricted',
        paragraphs: ['Borealis Borealis Borealis.'],
      });
    }
    expect(await ok(russiaSecretary, 'GET', '/search?q=Borealis')).toEqual(before);
  });

  it('cannot be set above the marker’s own clearance, nor changed by its own holder', async () => {
    const user = await addUser(ctx, 'nato', ['secretary']);
    const response = await call(user, 'POST', '/texts', {
      kind: 'communique',
      title: 'Too high',
      classification: 'nato-secret',
      paragraphs: ['x'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      {
        field: 'classification',
        in: 'body',
        pointer: '/classification',
        message: 'above your clearance (NATO UNCLASSIFIED)',
      },
    ]);
    const self = await call(natoAdmin, 'PATCH', `/users/${natoAdmin.actor.userId}`, {
      clearance: 'nato-secret',
    });
    expect(self.statusCode).toBe(403);
  });

  it('changes as a new version, so an agreement to the old marking no longer counts', async () => {
    const text = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'Marked',
      visibility: 'joint',
      paragraphs: ['A clean paragraph.'],
    });
    await ok(natoSecretary, 'POST', `/texts/${text.id}/ad-referendum`, { version: 1 });
    const marked = await ok(russiaSecretary, 'PUT', `/texts/${text.id}/marking`, {
      version: 1,
      classification: 'nato-unclassified',
      releasableTo: ['nato', 'russia'],
    });
    expect(marked).toMatchObject({
      version: 2,
      adReferendum: [],
      releasableTo: ['nato', 'russia'],
    });
    const narrowed = await call(russiaSecretary, 'PUT', `/texts/${text.id}/marking`, {
      version: 2,
      releasableTo: ['russia'],
    });
    expect(narrowed.statusCode).toBe(400);
  });
});

describe('versions', () => {
  it('compare word by word, paragraph by paragraph, the alternat being no difference', async () => {
    const text = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'joint-statement',
      title: 'Diffed',
      visibility: 'joint',
      paragraphs: ['NATO and Russia agree on search and rescue.', 'Second paragraph stays.'],
    });
    const [first] = text.languageVersions[0].paragraphs;
    const proposed = await ok(russiaSecretary, 'POST', `/texts/${text.id}/alternatives`, {
      version: 1,
      paragraphId: first.id,
      segment: 0,
      start: 0,
      end: 15,
      text: 'Russia and NATO',
      reason: 'our own version names us first',
    });
    const nato = proposed.languageVersions[0].paragraphs[0].segments[0].alternatives.find(
      (a: { holder: string }) => a.holder === 'russia',
    );
    const accepted = await ok(
      natoSecretary,
      'POST',
      `/texts/${text.id}/alternatives/${nato.id}/accept`,
      {
        version: 2,
      },
    );
    expect(accepted.languageVersions[0].paragraphs[0].text).toBe(
      'Russia and NATO agree on search and rescue.',
    );
    const same = await ok(russiaMember, 'GET', `/texts/${text.id}/diff?from=1&to=3`);
    expect(same.paragraphs.map((p: { change: string }) => p.change)).toEqual([
      'unchanged',
      'unchanged',
    ]);
    const strict = await ok(
      russiaMember,
      'GET',
      `/texts/${text.id}/diff?from=1&to=3&alternat=false`,
    );
    expect(strict.paragraphs[0].change).toBe('changed');
    expect(strict.paragraphs[0].parts.filter((p: { added: boolean }) => p.added)).not.toEqual([]);
    const bracketed = await ok(
      russiaMember,
      'GET',
      `/texts/${text.id}/diff?from=1&to=2&alternat=false`,
    );
    expect(bracketed.paragraphs[0].parts).toContainEqual({
      value: expect.stringContaining('RUS: Russia and NATO'),
      added: true,
      removed: false,
    });
    const versions = await ok(russiaMember, 'GET', `/texts/${text.id}/versions`);
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    const beyond = await call(russiaMember, 'GET', `/texts/${text.id}/diff?from=1&to=9`);
    expect(beyond.statusCode).toBe(400);
  });

  it('keep every paragraph id when one paragraph is edited or another is added', async () => {
    const text = await draft(['One.', 'Two.', 'Three.']);
    const ids = text.languageVersions[0].paragraphs.map((p: { id: string }) => p.id);
    const edited = await ok(natoSecretary, 'PATCH', `/texts/${text.id}`, {
      version: 1,
      paragraphs: [
        { id: ids[0], text: 'One, longer now.' },
        { text: 'One and a half.' },
        { id: ids[1], text: 'Two.' },
        { id: ids[2], text: 'Three.' },
      ],
    });
    const after = edited.languageVersions[0].paragraphs.map((p: { id: string }) => p.id);
    expect([after[0], after[2], after[3]]).toEqual(ids);
    expect(
      edited.languageVersions[0].paragraphs.map((p: { firstLine: number }) => p.firstLine),
    ).toEqual([1, 2, 3, 4]);
  });
});

describe('adoption', () => {
  it('holds only for the version both chairs concurred in', async () => {
    const text = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'joint-statement',
      title: 'Pinned',
      visibility: 'joint',
      paragraphs: ['The text as read.'],
    });
    await ok(natoChair, 'POST', `/texts/${text.id}/concur`, { version: 1 });
    const [p] = text.languageVersions[0].paragraphs;
    await ok(russiaSecretary, 'POST', `/texts/${text.id}/paragraphs`, {
      version: 1,
      after: p.id,
      text: 'A second thought.',
    });
    const late = await call(russiaChair, 'POST', `/texts/${text.id}/concur`, { version: 1 });
    expect(late.json()).toMatchObject({ status: 409, code: 'StaleVersion' });
    const seen = await ok(russiaChair, 'GET', `/texts/${text.id}`);
    expect(seen).toMatchObject({ state: 'tabled', concurrences: [], clean: false });
  });

  it('stores the canonical record of what was adopted, with its SHA-256', async () => {
    const text = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'communique',
      title: 'Совместное коммюнике',
      visibility: 'joint',
      paragraphs: ['Совет приветствует обмен; le Conseil s’en félicite.'],
    });
    await ok(natoChair, 'POST', `/texts/${text.id}/concur`, { version: 1 });
    const adopted = await ok(russiaChair, 'POST', `/texts/${text.id}/concur`, { version: 1 });
    expect(adopted.state).toBe('adopted');
    const record = await ctx.deps.db
      .selectFrom('adoptionRecords')
      .selectAll()
      .where('textId', '=', text.id)
      .executeTakeFirstOrThrow();
    expect(createHash('sha256').update(record.canonical).digest('hex')).toBe(record.sha256);
    const canonical = JSON.parse(record.canonical);
    expect(canonical.text).toMatchObject({ title: 'Совместное коммюнике', number: adopted.number });
    expect(canonical.languages.en.paragraphs[0].text).toBe(
      'Совет приветствует обмен; le Conseil s’en félicite.',
    );
    expect(canonical.procedure.concurrences.map((c: { party: string }) => c.party)).toEqual([
      'nato',
      'russia',
    ]);
    expect((await search(russiaMember, 'приветствует')).map((h) => h.entityId)).toContain(text.id);
  });

  it("numbers a caucus adoption in its party's own series, never in the joint one", async () => {
    const own = await draft(['An allied position.'], { kind: 'decision-sheet' });
    const adoptedInCaucus = await ok(natoChair, 'POST', `/texts/${own.id}/concur`, { version: 1 });
    expect(adoptedInCaucus.number).toMatch(/^NATO\/COUNCIL\(2001\)\d{3}$/);
    const joint = await ok(russiaSecretary, 'POST', '/texts', {
      kind: 'joint-statement',
      title: 'After the caucus',
      visibility: 'joint',
      paragraphs: ['Joint words.'],
    });
    const jointNumbers = async () =>
      (await ok(russiaMember, 'GET', '/texts?state=adopted')).items.map(
        (t: { number: string }) => t.number,
      );
    const before = await jointNumbers();
    await ok(natoChair, 'POST', `/texts/${joint.id}/concur`, { version: 1 });
    const adopted = await ok(russiaChair, 'POST', `/texts/${joint.id}/concur`, { version: 1 });
    // The joint series runs on from the last joint number, with no gap.
    const last = Math.max(0, ...before.map((n: string) => Number(n.slice(-3))));
    expect(adopted.number).toBe(`COUNCIL(2001)${String(last + 1).padStart(3, '0')}`);
  });

  it("issues a caucus-drafted chair's statement as a joint text of its own, none of the drafting with it", async () => {
    const caucusMeeting = await ok(natoSecretary, 'POST', '/meetings', {
      title: 'Allied coordination',
      level: 'ambassadors',
      format: 'caucus',
      startsAt: '2001-02-27T09:00:00Z',
    });
    const named = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'chair-statement',
      title: 'Statement by the chair',
      ref: { kind: 'meeting', id: caucusMeeting.id },
      paragraphs: ['The chair welcomes the exchange.'],
    });
    // A joint statement may not name the caucus meeting it was prepared in.
    const refused = await call(natoChair, 'POST', `/texts/${named.id}/issue`, { version: 1 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'ref' })]);

    const draft = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'chair-statement',
      title: 'Statement by the chair',
      paragraphs: ['CAUCUS-ONLY first wording about allied disagreement.'],
    });
    const edited = await ok(natoSecretary, 'PATCH', `/texts/${draft.id}`, {
      version: 1,
      paragraphs: [{ text: 'The chair welcomes the exchange of views.' }],
    });
    const issued = await ok(natoChair, 'POST', `/texts/${draft.id}/issue`, {
      version: edited.version,
    });
    expect(issued.id).not.toBe(draft.id);
    expect(issued).toMatchObject({
      state: 'adopted',
      version: 1,
      chairStatement: { party: 'nato' },
    });
    const seen = await ok(russiaSecretary, 'GET', `/texts/${issued.id}`);
    expect(seen).toMatchObject({ version: 1, tabledAs: null });
    expect(seen.createdAt).toBe(seen.updatedAt);
    const versions = await ok(russiaSecretary, 'GET', `/texts/${issued.id}/versions`);
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([1]);
    const record = await ok(russiaSecretary, 'GET', `/texts/${issued.id}/adoption-record`);
    expect(record.canonical).not.toContain('CAUCUS-ONLY');
    expect(JSON.parse(record.canonical).text.version).toBe(1);
    const akn = await call(russiaSecretary, 'GET', `/texts/${issued.id}/akn`);
    expect(akn.body).not.toContain('CAUCUS-ONLY');
    expect((await call(russiaSecretary, 'GET', `/texts/${draft.id}`)).statusCode).toBe(404);
    // Its own party still finds the draft, linked to what it became.
    expect(await ok(natoSecretary, 'GET', `/texts/${draft.id}`)).toMatchObject({
      visibility: 'caucus',
      tabledAs: issued.id,
    });
  });

  it("issues a chair's statement as that chair's alone, agreed by nobody else", async () => {
    const statement = await ok(russiaSecretary, 'POST', '/texts', {
      kind: 'chair-statement',
      title: 'Statement by the Russian chair',
      visibility: 'joint',
      paragraphs: ['The chair regrets the delay.'],
    });
    const foreign = await call(natoChair, 'POST', `/texts/${statement.id}/issue`, { version: 1 });
    expect(foreign.statusCode).toBe(403);
    const issued = await ok(russiaChair, 'POST', `/texts/${statement.id}/issue`, { version: 1 });
    expect(issued).toMatchObject({
      state: 'adopted',
      chairStatement: { party: 'russia' },
      concurrences: [],
    });
    const concur = await call(natoChair, 'POST', `/texts/${statement.id}/concur`, { version: 1 });
    expect(concur.statusCode).toBe(409);
    const published = await ok(russiaSecretary, 'POST', `/texts/${statement.id}/publish`, {
      version: 1,
    });
    expect(published).toMatchObject({ state: 'published', visibility: 'public' });
  });

  // The review: Russia bracketed a passage of NATO's joint chair's statement with its reason,
  // withdrew it, and NATO, issuing and publishing alone, made that reason public.
  it("publishes a jointly negotiated chair's statement as issued, never the other party's part in it", async () => {
    const text = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'chair-statement',
      title: "Chair's statement on progress",
      visibility: 'joint',
      paragraphs: ['The co-chairs note the progress.'],
    });
    const proposed = await ok(russiaSecretary, 'POST', `/texts/${text.id}/alternatives`, {
      version: text.version,
      paragraphId: text.languageVersions[0].paragraphs[0].id,
      segment: 0,
      start: 19,
      end: 31,
      text: 'the lack of progress',
      reason: 'INSTRUCTION-FROM-MOSCOW: do not concede progress',
    });
    const bracket = proposed.languageVersions[0].paragraphs[0].segments.find(
      (s: { kind: string }) => s.kind === 'bracket',
    );
    const ours = bracket.alternatives.find((a: { holder: string }) => a.holder === 'nato');
    const accepted = await ok(
      russiaSecretary,
      'POST',
      `/texts/${text.id}/alternatives/${ours.id}/accept`,
      { version: proposed.version },
    );
    const issued = await ok(natoChair, 'POST', `/texts/${text.id}/issue`, {
      version: accepted.version,
    });
    await ok(natoSecretary, 'POST', `/texts/${text.id}/publish`, { version: issued.version });
    const anonymous = await ok(null, 'GET', `/texts/${text.id}`);
    expect(anonymous.languageVersions[0].paragraphs[0].segments).toEqual([
      { kind: 'text', text: 'The co-chairs note the progress.' },
    ]);
    expect(
      (await call(null, 'GET', `/texts/${text.id}/versions/${issued.version}`)).statusCode,
    ).toBe(200);
    for (let version = 1; version < issued.version; version++) {
      const earlier = await call(null, 'GET', `/texts/${text.id}/versions/${version}`);
      expect(earlier.statusCode, `version ${version}`).toBe(404);
    }
    const listed = await ok(null, 'GET', `/texts/${text.id}/versions`);
    expect(listed.items.map((v: { version: number }) => v.version)).toEqual([issued.version]);
    const search = await ok(null, 'GET', '/search?q=INSTRUCTION-FROM-MOSCOW');
    expect(search.items).toEqual([]);
    // Both parties still read the whole negotiation.
    const joint = await call(
      natoSecretary,
      'GET',
      `/texts/${text.id}/versions/${proposed.version}`,
    );
    expect(joint.body).toContain('INSTRUCTION-FROM-MOSCOW');
  });
});
