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

let ctx: TestContext;
let natoSecretary: TestUser;
let russiaSecretary: TestUser;
let natoChair: TestUser;
let russiaChair: TestUser;

const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callApi(ctx, user, method, url, payload);

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
  russiaChair = await addUser(ctx, 'russia', ['chair']);
});
afterAll(async () => ctx.close());

const ok = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callOk(ctx, user, method, url, payload);

describe('a negotiated text', () => {
  // The review: NATO bracketed a passage of its own joint text, held both wordings, withdrew
  // the one both had left unbracketed and so changed the text without Russia accepting.
  it('gives the wording a party brackets in a joint text to the other party to hold', async () => {
    const text = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'press-statement',
      title: 'Press statement on force',
      visibility: 'joint',
      paragraphs: ['NATO and Russia reject the use of force.'],
    });
    const proposed = await ok(natoSecretary, 'POST', `/texts/${text.id}/alternatives`, {
      version: text.version,
      paragraphId: text.languageVersions[0].paragraphs[0].id,
      segment: 0,
      start: 16,
      end: 22,
      text: 'condemn',
    });
    const bracket = proposed.languageVersions[0].paragraphs[0].segments.find(
      (s: { kind: string }) => s.kind === 'bracket',
    );
    expect(
      bracket.alternatives.map((a: { holder: string; text: string }) => [a.holder, a.text]),
    ).toEqual([
      ['russia', 'reject'],
      ['nato', 'condemn'],
    ]);
    const present = bracket.alternatives.find((a: { holder: string }) => a.holder === 'russia');
    const withdrawn = await call(
      natoSecretary,
      'POST',
      `/texts/${text.id}/alternatives/${present.id}/withdraw`,
      { version: proposed.version },
    );
    expect(withdrawn.statusCode).toBeGreaterThanOrEqual(400);
    expect((await ok(russiaSecretary, 'GET', `/texts/${text.id}`)).version).toBe(proposed.version);
  });

  it('goes from a caucus draft to tabled, ad referendum and adopted by both chairs', async () => {
    const draft = await ok(natoSecretary, 'POST', '/texts', {
      kind: 'press-statement',
      title: 'Press statement',
      paragraphs: ['NATO and Russia [NATO: welcome | RUS: note] the progress.'],
    });
    expect(draft).toMatchObject({ state: 'draft', visibility: 'caucus', version: 1 });
    expect((await call(russiaSecretary, 'GET', `/texts/${draft.id}`)).statusCode).toBe(404);

    const tabled = await ok(natoSecretary, 'POST', `/texts/${draft.id}/table`, { version: 1 });
    expect(tabled).toMatchObject({ state: 'tabled', visibility: 'joint', version: 1 });
    expect(tabled.id).not.toBe(draft.id);
    const seen = await ok(russiaSecretary, 'GET', `/texts/${tabled.id}`);
    expect(seen.tabledAs).toBeNull();
    const [paragraph] = seen.languageVersions[0].paragraphs;
    expect(paragraph.text).toBe('NATO and Russia [NATO: welcome | RUS: note] the progress.');
    const bracket = paragraph.segments.find((s: { kind: string }) => s.kind === 'bracket');
    // The other party never learns which of a party's officials proposed an alternative.
    expect(bracket.alternatives.map((a: { proposedBy: string | null }) => a.proposedBy)).toEqual([
      null,
      null,
    ]);

    const early = await call(russiaSecretary, 'POST', `/texts/${tabled.id}/ad-referendum`, {
      version: 1,
    });
    expect(early.statusCode).toBe(409);

    const rus = bracket.alternatives.find((a: { holder: string }) => a.holder === 'russia');
    const accepted = await ok(
      natoSecretary,
      'POST',
      `/texts/${tabled.id}/alternatives/${rus.id}/accept`,
      { version: 1 },
    );
    expect(accepted).toMatchObject({ version: 2, clean: true });
    expect(accepted.languageVersions[0].paragraphs[0].text).toBe(
      'NATO and Russia note the progress.',
    );

    const stale = await call(russiaSecretary, 'POST', `/texts/${tabled.id}/ad-referendum`, {
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'StaleVersion' });
    const half = await ok(natoSecretary, 'POST', `/texts/${tabled.id}/ad-referendum`, {
      version: 2,
    });
    expect(half).toMatchObject({ state: 'tabled', adReferendum: [{ party: 'nato', version: 2 }] });
    const adRef = await ok(russiaSecretary, 'POST', `/texts/${tabled.id}/ad-referendum`, {
      version: 2,
    });
    expect(adRef.state).toBe('ad-ref');

    const secretaryConcur = await call(natoSecretary, 'POST', `/texts/${tabled.id}/concur`, {
      version: 2,
    });
    expect(secretaryConcur.statusCode).toBe(403);
    const one = await ok(natoChair, 'POST', `/texts/${tabled.id}/concur`, { version: 2 });
    expect(one).toMatchObject({ state: 'ad-ref', number: null });
    const adopted = await ok(russiaChair, 'POST', `/texts/${tabled.id}/concur`, { version: 2 });
    expect(adopted).toMatchObject({
      state: 'adopted',
      number: expect.stringMatching(/^COUNCIL\(2001\)001$/),
      concurrences: [
        { party: 'nato', version: 2 },
        { party: 'russia', version: 2 },
      ],
    });
    // Adopted wording changes no more.
    const late = await call(natoSecretary, 'POST', `/texts/${tabled.id}/paragraphs`, {
      version: 2,
      after: null,
      text: 'A late addition.',
    });
    expect(late.statusCode).toBe(409);

    expect((await call(null, 'GET', `/texts/${tabled.id}`)).statusCode).toBe(404);
    const asked = await ok(natoSecretary, 'POST', `/texts/${tabled.id}/publish`, { version: 2 });
    expect(asked).toMatchObject({ state: 'adopted', publication: { requestedBy: ['nato'] } });
    const published = await ok(russiaSecretary, 'POST', `/texts/${tabled.id}/publish`, {
      version: 2,
    });
    expect(published).toMatchObject({
      state: 'published',
      visibility: 'public',
      classification: { id: 'public-disclosed', name: 'PUBLIC DISCLOSED' },
    });
    expect(await ok(null, 'GET', `/texts/${tabled.id}`)).toMatchObject({ number: adopted.number });
  });
});
