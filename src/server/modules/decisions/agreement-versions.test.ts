import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
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

async function propose(body: object = {}): Promise<string> {
  const response = await call(natoSecretary, 'POST', '/decisions', {
    subject: 'Search and rescue at sea',
    text: 'The council agrees to cooperate on search and rescue at sea.',
    ...body,
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

async function proposeOffice(): Promise<string> {
  const response = await call(natoSecretary, 'POST', '/offices', {
    name: 'NATO Information Office',
    kind: 'information-office',
    location: 'Moscow',
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

const read = async (user: TestUser, url: string) => {
  const response = await call(user, 'GET', url);
  return { body: response.json(), etag: response.headers.etag };
};

describe('a concurrence', () => {
  it('names the version the chair read: without one it is refused with 428', async () => {
    const id = await propose();
    const response = await call(russiaChair, 'POST', `/decisions/${id}/concur`, {});
    expect(response.statusCode).toBe(428);
    expect(response.json()).toMatchObject({ code: 'VersionRequired' });
    expect((await read(russiaChair, `/decisions/${id}`)).body.responses).toEqual([]);
  });

  it('holds only for the text read: a text changed since is refused, naming the current version', async () => {
    const id = await propose();
    const seen = await read(russiaChair, `/decisions/${id}`);
    expect(seen.etag).toBe(`"${seen.body.version}"`);
    const edited = await call(natoSecretary, 'PATCH', `/decisions/${id}`, {
      text: 'The council agrees to cooperate, on NATO terms.',
    });
    expect(edited.json().version).toBe(seen.body.version + 1);
    const late = await call(russiaChair, 'POST', `/decisions/${id}/concur`, {
      version: seen.body.version,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: 'StaleVersion',
      errors: [{ field: 'version', message: `the current version is ${seen.body.version + 1}` }],
    });
    expect((await read(russiaChair, `/decisions/${id}`)).body.responses).toEqual([]);
  });

  it('can name the version as If-Match with the ETag of the GET', async () => {
    const id = await propose();
    const { etag } = await read(natoChair, `/decisions/${id}`);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/decisions/${id}/concur`,
      headers: { ...natoChair.headers, 'if-match': String(etag) },
      payload: {},
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().responses).toEqual([
      expect.objectContaining({ party: 'nato', version: 1 }),
    ]);
    const stale = await ctx.app.inject({
      method: 'POST',
      url: `/api/decisions/${id}/concur`,
      headers: { ...russiaChair.headers, 'if-match': '"7"' },
      payload: {},
    });
    expect(stale.json().code).toBe('StaleVersion');
  });

  it('covers what the decision approves: an office renamed before any answer moves the version on', async () => {
    const office = await proposeOffice();
    const id = await propose({ approves: { kind: 'office', id: office } });
    const seen = await read(russiaChair, `/decisions/${id}`);
    const renamed = await call(natoSecretary, 'PATCH', `/offices/${office}`, {
      name: 'NATO Military Office',
    });
    expect(renamed.statusCode).toBe(200);
    const late = await call(russiaChair, 'POST', `/decisions/${id}/concur`, {
      version: seen.body.version,
    });
    expect(late.json().code).toBe('StaleVersion');
    const now = await read(russiaChair, `/decisions/${id}`);
    expect(now.body.version).toBeGreaterThan(seen.body.version);
  });
});

describe('an office the parties agree to', () => {
  it('cannot be renamed or moved once a chair answered its approval, nor once it is agreed', async () => {
    const office = await proposeOffice();
    const id = await propose({ approves: { kind: 'office', id: office } });
    const version = (await read(russiaChair, `/decisions/${id}`)).body.version;
    await call(russiaChair, 'POST', `/decisions/${id}/concur`, { version });
    for (const change of [{ name: 'Another office' }, { location: 'St Petersburg' }]) {
      const refused = await call(natoSecretary, 'PATCH', `/offices/${office}`, change);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('AlreadyAgreed');
    }
    await call(natoChair, 'POST', `/decisions/${id}/concur`, { version });
    const agreed = await read(natoSecretary, `/offices/${office}`);
    expect(agreed.body).toMatchObject({ status: 'agreed', name: 'NATO Information Office' });
    const afterwards = await call(natoSecretary, 'PATCH', `/offices/${office}`, {
      location: 'St Petersburg',
    });
    expect(afterwards.json().code).toBe('AlreadyAgreed');
    // Executing what was agreed stays open: a secretary opens the office.
    const opened = await call(natoSecretary, 'PATCH', `/offices/${office}`, {
      status: 'open',
      on: '2001-03-01',
    });
    expect(opened.json()).toMatchObject({ status: 'open', location: 'Moscow' });
  });
});

describe('publishing what both parties made', () => {
  it('is refused to one party alone, and happens when both ask for the same version', async () => {
    const id = await propose();
    const alone = await call(natoSecretary, 'POST', '/decisions', {
      subject: 'Public at once',
      text: 'One party publishes.',
      visibility: 'public',
    });
    expect(alone.statusCode).toBe(400);
    const office = await proposeOffice();
    const widened = await call(natoSecretary, 'PATCH', `/offices/${office}`, {
      visibility: 'public',
    });
    expect(widened.json().code).toBe('NeedsBothParties');

    const { body } = await read(natoSecretary, `/decisions/${id}`);
    const first = await call(natoSecretary, 'POST', `/decisions/${id}/publish`, {
      version: body.version,
    });
    expect(first.json()).toMatchObject({
      visibility: 'joint',
      publication: { requestedBy: ['nato'] },
    });
    expect((await call(null, 'GET', `/decisions/${id}`)).statusCode).toBe(404);
    const second = await call(russiaSecretary, 'POST', `/decisions/${id}/publish`, {
      version: body.version,
    });
    expect(second.json()).toMatchObject({ visibility: 'public', publication: { requestedBy: [] } });
    expect((await call(null, 'GET', `/decisions/${id}`)).statusCode).toBe(200);
  });

  it('does not count a request for a version that changed since', async () => {
    const id = await propose();
    const before = (await read(natoSecretary, `/decisions/${id}`)).body.version;
    await call(natoSecretary, 'POST', `/decisions/${id}/publish`, { version: before });
    await call(natoSecretary, 'PATCH', `/decisions/${id}`, { text: 'Rewritten after asking.' });
    const now = (await read(russiaSecretary, `/decisions/${id}`)).body;
    expect(now.publication.requestedBy).toEqual([]);
    const russia = await call(russiaSecretary, 'POST', `/decisions/${id}/publish`, {
      version: now.version,
    });
    expect(russia.json()).toMatchObject({
      visibility: 'joint',
      publication: { requestedBy: ['russia'] },
    });
  });
});
