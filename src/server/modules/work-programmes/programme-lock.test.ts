import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  answerDecision,
  callApi,
  createTestContext,
  type Method,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';

let ctx: TestContext;
let natoSecretary: TestUser;
let natoChair: TestUser;
let russiaSecretary: TestUser;
let russiaChair: TestUser;
let nextYear = 2001;

const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  callApi(ctx, user, method, url, payload);

async function created(user: TestUser, url: string, payload: object): Promise<string> {
  const response = await call(user, 'POST', url, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

/** A programme with joint and NATO caucus areas and activities, proposed for approval. */
async function proposedProgramme() {
  const year = nextYear++;
  const base = `/work-programmes/${year}`;
  await created(natoSecretary, '/work-programmes', { year, title: `Programme ${year}` });
  const areaId = await created(natoSecretary, `${base}/areas`, { title: 'Peacekeeping' });
  const jointId = await created(natoSecretary, `${base}/activities`, {
    title: 'Seminar',
    lead: 'joint',
    areaId,
    plannedEnd: '2001-06',
  });
  const caucusId = await created(natoSecretary, `${base}/activities`, {
    title: 'Allied line for the seminar',
    lead: 'nato',
    visibility: 'caucus',
  });
  const caucusAreaId = await created(natoSecretary, `${base}/areas`, {
    title: 'Allied coordination',
    visibility: 'caucus',
  });
  const decisionId = await created(natoSecretary, '/decisions', {
    subject: `Work programme ${year}`,
    text: `The council approves its work programme for ${year}.`,
    approves: { kind: 'workProgramme', id: `wp-${year}` },
  });
  return { year, base, areaId, caucusAreaId, jointId, caucusId, decisionId };
}

const respond = async (
  chair: TestUser,
  decisionId: string,
  response: 'concur' | 'decline' = 'concur',
) => {
  const answer = await answerDecision(ctx, chair, decisionId, response);
  expect(answer.statusCode, answer.body).toBe(200);
};

beforeAll(async () => {
  ctx = await createTestContext();
  natoSecretary = await addUser(ctx, 'nato', ['secretary']);
  natoChair = await addUser(ctx, 'nato', ['chair']);
  russiaSecretary = await addUser(ctx, 'russia', ['secretary']);
  russiaChair = await addUser(ctx, 'russia', ['chair']);
});
afterAll(async () => ctx.close());

describe('a work programme whose approval is under way', () => {
  it('stays open while no party has answered the approving decision', async () => {
    const p = await proposedProgramme();
    const edits = [
      await call(natoSecretary, 'PATCH', `${p.base}/activities/${p.jointId}`, { title: 'Course' }),
      await call(russiaSecretary, 'PATCH', `${p.base}/areas/${p.areaId}`, { title: 'Crises' }),
      await call(russiaSecretary, 'POST', `${p.base}/areas`, { title: 'Civil emergencies' }),
      await call(natoSecretary, 'PATCH', p.base, { title: 'Revised programme' }),
    ];
    expect(edits.map((e) => e.statusCode)).toEqual([200, 200, 201, 200]);
  });

  it("refuses to widen a NATO caucus activity into the programme once Russia's chair concurred", async () => {
    const p = await proposedProgramme();
    await respond(russiaChair, p.decisionId);
    const widened = await call(natoSecretary, 'PATCH', `${p.base}/activities/${p.caucusId}`, {
      visibility: 'joint',
    });
    expect(widened.statusCode).toBe(409);
    expect(widened.json()).toMatchObject({
      code: 'AlreadyAgreed',
      detail: expect.stringContaining('a party has answered'),
    });
    const seenByRussia = (await call(russiaChair, 'GET', p.base)).json();
    expect(JSON.stringify(seenByRussia)).not.toContain(p.caucusId);
  });

  it('refuses any change to the joint text once a party has answered, and stores none', async () => {
    const p = await proposedProgramme();
    await respond(russiaChair, p.decisionId);
    const before = (await call(natoSecretary, 'GET', p.base)).json();
    const attempts: [TestUser, Method, string, object][] = [
      [natoSecretary, 'POST', `${p.base}/areas`, { title: 'Arms control' }],
      [russiaSecretary, 'PATCH', `${p.base}/areas/${p.areaId}`, { title: 'Crisis management' }],
      [russiaSecretary, 'PATCH', `${p.base}/areas/${p.areaId}`, { position: 5 }],
      [natoSecretary, 'PATCH', `${p.base}/areas/${p.caucusAreaId}`, { visibility: 'joint' }],
      [russiaSecretary, 'POST', `${p.base}/activities`, { title: 'Exercise', lead: 'russia' }],
      [natoSecretary, 'PATCH', `${p.base}/activities/${p.jointId}`, { title: 'Workshop' }],
      [natoSecretary, 'PATCH', `${p.base}/activities/${p.jointId}`, { plannedEnd: '2001-12' }],
      [natoSecretary, 'PATCH', `${p.base}/activities/${p.jointId}`, { lead: 'nato' }],
      [russiaSecretary, 'PATCH', p.base, { title: 'Another programme' }],
      [natoSecretary, 'PATCH', p.base, { description: 'Added later.' }],
      [natoSecretary, 'PATCH', p.base, { visibility: 'public' }],
    ];
    for (const [user, method, url, payload] of attempts) {
      const response = await call(user, method, url, payload);
      const code = response.json().code;
      // Publishing is for both parties to ask (NeedsBothParties); everything else is frozen.
      const expected =
        'visibility' in payload && payload.visibility === 'public'
          ? 'NeedsBothParties'
          : 'AlreadyAgreed';
      expect(code, `${method} ${url} ${JSON.stringify(payload)}`).toBe(expected);
    }
    expect((await call(natoSecretary, 'GET', p.base)).json()).toEqual(before);
  });

  it("keeps the execution of the programme and each party's own caucus work open", async () => {
    const p = await proposedProgramme();
    await respond(russiaChair, p.decisionId);
    const edits = [
      await call(natoSecretary, 'PATCH', `${p.base}/activities/${p.jointId}`, {
        status: 'under-way',
      }),
      await call(russiaSecretary, 'POST', `${p.base}/activities/${p.jointId}/progress`, {
        on: '2001-03-01',
        text: 'First session held.',
      }),
      await call(natoSecretary, 'PATCH', `${p.base}/activities/${p.caucusId}`, {
        title: 'Allied line, revised',
        plannedEnd: '2001-04',
      }),
      await call(natoSecretary, 'POST', `${p.base}/activities`, {
        title: 'Allied preparation',
        lead: 'nato',
        visibility: 'caucus',
      }),
      await call(russiaSecretary, 'POST', `${p.base}/areas`, {
        title: 'Russian coordination',
        visibility: 'caucus',
      }),
      await call(natoSecretary, 'PATCH', `${p.base}/areas/${p.caucusAreaId}`, { position: 9 }),
    ];
    expect(edits.map((e) => e.statusCode)).toEqual([200, 201, 200, 201, 201, 200]);
  });

  it('stays frozen once the approving decision is agreed', async () => {
    const p = await proposedProgramme();
    await respond(russiaChair, p.decisionId);
    await respond(natoChair, p.decisionId);
    expect((await call(natoSecretary, 'GET', p.base)).json().status).toBe('approved');
    const widened = await call(natoSecretary, 'PATCH', `${p.base}/activities/${p.caucusId}`, {
      visibility: 'joint',
    });
    expect(widened.json()).toMatchObject({
      code: 'AlreadyAgreed',
      detail: expect.stringContaining('is approved'),
    });
    const added = await call(russiaSecretary, 'POST', `${p.base}/activities`, {
      title: 'Exercise',
      lead: 'russia',
    });
    expect(added.json().code).toBe('AlreadyAgreed');
    const done = await call(natoSecretary, 'PATCH', `${p.base}/activities/${p.jointId}`, {
      status: 'done',
    });
    expect(done.statusCode).toBe(200);
  });

  it('opens again when the approving decision is declined or withdrawn', async () => {
    const declined = await proposedProgramme();
    await respond(natoChair, declined.decisionId);
    await respond(russiaChair, declined.decisionId, 'decline');
    const afterDecline = await call(natoSecretary, 'PATCH', declined.base, { title: 'Redrafted' });
    expect(afterDecline.statusCode).toBe(200);

    const withdrawn = await proposedProgramme();
    await respond(russiaChair, withdrawn.decisionId);
    const withdraw = await call(
      natoSecretary,
      'POST',
      `/decisions/${withdrawn.decisionId}/withdraw`,
    );
    expect(withdraw.statusCode).toBe(200);
    const afterWithdrawal = await call(russiaSecretary, 'POST', `${withdrawn.base}/areas`, {
      title: 'Arms control',
    });
    expect(afterWithdrawal.statusCode).toBe(201);
  });
});
