import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  callApi,
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

/** Two admins of one party: a grant one asks for, the other confirms. */
async function admins(party = 'nato'): Promise<[TestUser, TestUser]> {
  return [await addUser(ctx, party, ['admin']), await addUser(ctx, party, ['admin'])];
}

const rolesOf = async (admin: TestUser, user: TestUser) =>
  (await callApi(ctx, admin, 'GET', '/users'))
    .json()
    .items.find((u: { id: string }) => u.id === user.actor.userId) as {
    roles: string[];
    pendingRoles: string[];
  };

const pendingGrants = async (admin: TestUser) =>
  (await callApi(ctx, admin, 'GET', '/role-grants')).json().items as {
    id: string;
    kind: string;
    role: string | null;
    user: { id: string };
    requestedBy: { id: string };
  }[];

describe('nobody changes its own roles', () => {
  it('refuses an admin giving itself chair, with a message that says why', async () => {
    const [admin] = await admins();
    const response = await callApi(ctx, admin, 'PATCH', `/users/${admin.actor.userId}`, {
      roles: ['admin', 'chair'],
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      code: 'Forbidden',
      detail: 'nobody changes their own roles: another admin of your party must do it',
    });
    expect((await rolesOf(admin, admin)).roles).toEqual(['admin']);
  });

  it('refuses an admin dropping its own role, but lets it rename itself', async () => {
    const [admin] = await admins();
    const drop = await callApi(ctx, admin, 'PATCH', `/users/${admin.actor.userId}`, {
      roles: ['member'],
    });
    expect(drop.statusCode).toBe(403);
    const rename = await callApi(ctx, admin, 'PATCH', `/users/${admin.actor.userId}`, {
      displayName: 'The admin',
      roles: ['admin'],
    });
    expect(rename.statusCode).toBe(200);
  });
});

describe('chair and admin need a second admin', () => {
  it('keeps a chair grant pending, powerless, until a second admin confirms it', async () => {
    const [asking, confirming] = await admins();
    const member = await addUser(ctx, 'nato', ['member']);
    const asked = await callApi(ctx, asking, 'PATCH', `/users/${member.actor.userId}`, {
      roles: ['member', 'chair'],
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ roles: ['member'], pendingRoles: ['chair'] });
    const me = await callApi(ctx, member, 'GET', '/me');
    expect(me.json()).toMatchObject({ roles: ['member'], pendingRoles: ['chair'] });
    // A pending chair concurs for nobody.
    const secretary = await addUser(ctx, 'nato', ['secretary']);
    const decision = await callApi(ctx, secretary, 'POST', '/decisions', {
      subject: 'Search and rescue at sea',
      text: 'The council agrees to co-operate.',
    });
    const concur = () =>
      callApi(ctx, member, 'POST', `/decisions/${decision.json().id}/concur`, { version: 1 });
    expect((await concur()).statusCode).toBe(403);

    const [grant] = (await pendingGrants(confirming)).filter(
      (g) => g.user.id === member.actor.userId,
    );
    expect(grant).toMatchObject({ kind: 'role', role: 'chair' });
    expect(grant?.requestedBy.id).toBe(asking.actor.userId);
    const confirmed = await callApi(ctx, confirming, 'POST', `/role-grants/${grant?.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: 'confirmed',
      decidedBy: { id: confirming.actor.userId },
    });
    expect(await rolesOf(asking, member)).toMatchObject({
      roles: ['member', 'chair'],
      pendingRoles: [],
    });
    // The member's existing token acts as a chair from the next request.
    expect((await concur()).statusCode).toBe(200);
  });

  it('lets a new user with admin wait for the second admin too, while member applies at once', async () => {
    const [asking] = await admins('russia');
    const created = await callApi(ctx, asking, 'POST', '/users', {
      username: 'new-russian-admin',
      password: TEST_PASSWORD,
      roles: ['member', 'admin'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ roles: ['member'], pendingRoles: ['admin'] });
  });

  it('never lets the admin who asked confirm its own request', async () => {
    const [asking, other] = await admins();
    const member = await addUser(ctx, 'nato', ['member']);
    await callApi(ctx, asking, 'PATCH', `/users/${member.actor.userId}`, {
      roles: ['member', 'admin'],
    });
    const [grant] = (await pendingGrants(asking)).filter((g) => g.user.id === member.actor.userId);
    const own = await callApi(ctx, asking, 'POST', `/role-grants/${grant?.id}/confirm`);
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toBe(
      'you asked for this: a second admin of your party must confirm it',
    );
    expect((await rolesOf(other, member)).roles).toEqual(['member']);
  });

  it('never lets the user a grant is for confirm it, even as an admin', async () => {
    const [asking, target] = await admins();
    await callApi(ctx, asking, 'PATCH', `/users/${target.actor.userId}`, {
      roles: ['admin', 'chair'],
    });
    const [grant] = (await pendingGrants(target)).filter((g) => g.user.id === target.actor.userId);
    const self = await callApi(ctx, target, 'POST', `/role-grants/${grant?.id}/confirm`);
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toBe('nobody confirms a grant to itself');
  });

  it('applies nothing of a rejected grant, and a decided grant cannot be decided again', async () => {
    const [asking, other] = await admins();
    const member = await addUser(ctx, 'nato', ['member']);
    await callApi(ctx, asking, 'PATCH', `/users/${member.actor.userId}`, {
      roles: ['member', 'chair'],
    });
    const [grant] = (await pendingGrants(other)).filter((g) => g.user.id === member.actor.userId);
    const rejected = await callApi(ctx, other, 'POST', `/role-grants/${grant?.id}/reject`);
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect(await rolesOf(other, member)).toMatchObject({ roles: ['member'], pendingRoles: [] });
    const late = await callApi(ctx, other, 'POST', `/role-grants/${grant?.id}/confirm`);
    expect(late.statusCode).toBe(409);
    expect((await pendingGrants(other)).map((g) => g.id)).not.toContain(grant?.id);
  });

  it('applies member and secretary and every removal at once', async () => {
    const [admin] = await admins();
    const chair = await addUser(ctx, 'nato', ['chair']);
    const response = await callApi(ctx, admin, 'PATCH', `/users/${chair.actor.userId}`, {
      roles: ['secretary'],
    });
    expect(response.json()).toMatchObject({ roles: ['secretary'], pendingRoles: [] });
  });

  it("keeps a party's grants from the other party's admins: not listed, not found", async () => {
    const [asking] = await admins();
    const russianAdmin = await addUser(ctx, 'russia', ['admin']);
    const member = await addUser(ctx, 'nato', ['member']);
    await callApi(ctx, asking, 'PATCH', `/users/${member.actor.userId}`, {
      roles: ['member', 'chair'],
    });
    const [grant] = (await pendingGrants(asking)).filter((g) => g.user.id === member.actor.userId);
    const theirs = await pendingGrants(russianAdmin);
    expect(theirs.map((g) => g.user.id)).not.toContain(member.actor.userId);
    for (const verb of ['confirm', 'reject']) {
      const response = await callApi(
        ctx,
        russianAdmin,
        'POST',
        `/role-grants/${grant?.id}/${verb}`,
      );
      const missing = await callApi(ctx, russianAdmin, 'POST', `/role-grants/no-such/${verb}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().detail).toBe(missing.json().detail);
    }
  });

  it('records every step in the party caucus audit trail, which the other party never reads', async () => {
    const [asking, confirming] = await admins('russia');
    const member = await addUser(ctx, 'russia', ['member']);
    const natoMember = await addUser(ctx, 'nato', ['member']);
    await callApi(ctx, asking, 'PATCH', `/users/${member.actor.userId}`, {
      roles: ['member', 'chair'],
    });
    const [grant] = (await pendingGrants(confirming)).filter(
      (g) => g.user.id === member.actor.userId,
    );
    await callApi(ctx, confirming, 'POST', `/role-grants/${grant?.id}/confirm`);
    const trail = async (reader: TestUser) =>
      (
        await callApi(ctx, reader, 'GET', `/audit?entityType=user&entityId=${member.actor.userId}`)
      ).json().items as { action: string; party: string }[];
    expect((await trail(member)).map((e) => e.action)).toEqual([
      'user.confirm-role',
      'user.request-role',
      'user.create-token',
      'user.create',
    ]);
    expect(await trail(natoMember)).toEqual([]);
  });
});
