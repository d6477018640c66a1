import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visibility } from '../src/server/db/schema.ts';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';

/**
 * Random sequences of actions by users of both parties; after every step, every caller
 * (anonymous, and a member of each party) lists, fetches, searches, reads the audit trail and the
 * calendar, and must never meet an item outside its visibility. The oracle below restates the
 * rule from the issue on its own, without calling the production policy.
 */

type Party = 'nato' | 'russia';
type Kind = 'meeting' | 'agendaItem' | 'note' | 'decision' | 'timelineEvent';

interface Item {
  kind: Kind;
  id: string;
  visibility: Visibility;
  party: string | null;
  /** Where the item can be fetched alone. */
  url: string;
  /** A word only this item's text contains, for search. */
  marker: string;
}

function oracleMaySee(
  callerParty: Party | null,
  item: Pick<Item, 'visibility' | 'party'>,
): boolean {
  if (item.visibility === 'public') return true;
  if (callerParty === null) return false;
  return item.visibility === 'joint' || item.party === callerParty;
}

let ctx: TestContext;
const writers: Record<Party, { secretary: TestUser; member: TestUser; chair: TestUser }> =
  {} as never;
const readers: { party: Party | null; headers: Record<string, string> }[] = [];
const items: Item[] = [];
let serial = 0;

beforeAll(async () => {
  ctx = await createTestContext();
  for (const party of ['nato', 'russia'] as const) {
    writers[party] = {
      secretary: await addUser(ctx, party, ['secretary']),
      member: await addUser(ctx, party, ['member']),
      chair: await addUser(ctx, party, ['chair']),
    };
  }
  readers.push(
    { party: null, headers: {} },
    { party: 'nato', headers: (await addUser(ctx, 'nato', ['member'])).headers },
    { party: 'russia', headers: (await addUser(ctx, 'russia', ['member'])).headers },
  );
}, 60_000);
afterAll(async () => ctx.close());

function nextMarker(): string {
  serial += 1;
  return `zq${serial.toString(36)}marker`;
}

async function post(user: TestUser, url: string, payload: unknown) {
  return ctx.app.inject({ method: 'POST', url, headers: user.headers, payload: payload as object });
}

/** Records an item the API created, with the visibility the API says it has. */
function remember(
  kind: Kind,
  response: {
    statusCode: number;
    body: string;
    json: () => { id: string; visibility: Visibility; party: string | null };
  },
  url: (id: string) => string,
  marker: string,
): void {
  expect(response.statusCode, response.body).toBe(201);
  const { id, visibility, party } = response.json();
  items.push({ kind, id, visibility, party, url: url(id), marker });
}

// The actions a user of either party can take. Each answers what it created, or nothing when
// the API refused it (a refusal is fine: the property is about what callers see).
type Action =
  | { type: 'meeting'; party: Party; format: 'joint' | 'caucus'; visibility: 'public' | 'joint' }
  | { type: 'agendaItem'; party: Party; pick: number }
  | {
      type: 'note';
      party: Party;
      visibility: 'joint' | 'caucus';
      parent: 'meeting' | 'decision' | 'none';
      pick: number;
    }
  | { type: 'decision'; party: Party; visibility: 'public' | 'joint' }
  | { type: 'respond'; party: Party; concur: boolean; pick: number }
  | { type: 'timelineEvent'; party: Party; visibility: Visibility }
  | { type: 'widenNote'; party: Party; pick: number };

const party = fc.constantFrom<Party>('nato', 'russia');
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    type: fc.constant('meeting' as const),
    party,
    format: fc.constantFrom('joint' as const, 'caucus' as const),
    visibility: fc.constantFrom('public' as const, 'joint' as const),
  }),
  fc.record({ type: fc.constant('agendaItem' as const), party, pick: fc.nat() }),
  fc.record({
    type: fc.constant('note' as const),
    party,
    visibility: fc.constantFrom('joint' as const, 'caucus' as const),
    parent: fc.constantFrom('meeting' as const, 'decision' as const, 'none' as const),
    pick: fc.nat(),
  }),
  fc.record({
    type: fc.constant('decision' as const),
    party,
    visibility: fc.constantFrom('public' as const, 'joint' as const),
  }),
  fc.record({ type: fc.constant('respond' as const), party, concur: fc.boolean(), pick: fc.nat() }),
  fc.record({
    type: fc.constant('timelineEvent' as const),
    party,
    visibility: fc.constantFrom<Visibility>('public', 'joint', 'caucus'),
  }),
  fc.record({ type: fc.constant('widenNote' as const), party, pick: fc.nat() }),
);

/** Picks any item of a kind: one the acting party cannot see probes the 404 path. */
function pickAny(kind: Kind, pick: number): Item | undefined {
  const candidates = items.filter((i) => i.kind === kind);
  return candidates.length === 0 ? undefined : candidates[pick % candidates.length];
}

/** Items whose visibility changed in the last step: fetched again by every caller. */
const changed: Item[] = [];

async function perform(a: Action): Promise<void> {
  const marker = nextMarker();
  const who = writers[a.party];
  switch (a.type) {
    case 'meeting': {
      const response = await post(who.secretary, '/api/meetings', {
        title: `Meeting marker ${marker}`,
        level: 'ambassadors',
        format: a.format,
        ...(a.format === 'caucus' ? { party: a.party } : { visibility: a.visibility }),
        startsAt: '2001-04-18T10:00:00+02:00',
      });
      remember('meeting', response, (id) => `/api/meetings/${id}`, marker);
      return;
    }
    case 'agendaItem': {
      const meeting = pickAny('meeting', a.pick);
      if (!meeting) return;
      const response = await post(who.secretary, `/api/meetings/${meeting.id}/agenda-items`, {
        title: `Item marker ${marker}`,
      });
      if (!oracleMaySee(a.party, meeting)) {
        expect(response.statusCode).toBe(404);
        return;
      }
      expect(response.statusCode, response.body).toBe(201);
      const body = response.json();
      items.push({
        kind: 'agendaItem',
        id: body.id,
        visibility: meeting.visibility,
        party: meeting.party,
        url: `/api/meetings/${meeting.id}/agenda-items/${body.id}`,
        marker,
      });
      return;
    }
    case 'note': {
      const parent = a.parent === 'none' ? undefined : pickAny(a.parent, a.pick);
      const parentField = parent ? { [`${parent.kind}Id`]: parent.id } : {};
      const response = await post(who.member, '/api/notes', {
        text: `Note marker ${marker}`,
        visibility: a.visibility,
        ...parentField,
      });
      if (parent && !oracleMaySee(a.party, parent)) {
        expect(response.statusCode).toBe(404);
        return;
      }
      if (response.statusCode === 422) {
        // Wider than its parent: refused, which is what keeps a caucus parent hidden.
        expect(parent?.visibility).toBe('caucus');
        return;
      }
      remember('note', response, (id) => `/api/notes/${id}`, marker);
      return;
    }
    case 'decision': {
      const response = await post(who.secretary, '/api/decisions', {
        subject: `Decision marker ${marker}`,
        text: `The council agrees ${marker}.`,
        visibility: a.visibility,
      });
      remember('decision', response, (id) => `/api/decisions/${id}`, marker);
      return;
    }
    case 'respond': {
      const decision = pickAny('decision', a.pick);
      if (!decision) return;
      const verb = a.concur ? 'concur' : 'decline';
      const response = await post(who.chair, `/api/decisions/${decision.id}/${verb}`, {});
      expect([200, 409]).toContain(response.statusCode);
      return;
    }
    case 'widenNote': {
      // A secretary of the author's party may open a caucus note to both parties.
      const note = pickAny('note', a.pick);
      if (!note) return;
      const response = await ctx.app.inject({
        method: 'PATCH',
        url: note.url,
        headers: who.secretary.headers,
        payload: { visibility: 'joint' },
      });
      if (!oracleMaySee(a.party, note)) {
        expect(response.statusCode).toBe(404);
        return;
      }
      if (note.party !== a.party) {
        expect(response.statusCode).toBe(403); // only the author's party may change a note
        return;
      }
      if (response.statusCode === 422) return; // its parent is a caucus: it may not be wider
      expect(response.statusCode, response.body).toBe(200);
      note.visibility = response.json().visibility;
      changed.push(note);
      return;
    }
    case 'timelineEvent': {
      const response = await post(who.secretary, '/api/timeline', {
        date: '2001-04',
        title: `Event marker ${marker}`,
        kind: 'note',
        visibility: a.visibility,
      });
      remember('timelineEvent', response, (id) => `/api/timeline/${id}`, marker);
      return;
    }
  }
}

async function listAll(
  url: string,
  headers: Record<string, string>,
): Promise<{ id?: string; entityId?: string }[]> {
  const found: { id?: string; entityId?: string }[] = [];
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const response: {
      statusCode: number;
      body: string;
      json: () => { items: []; nextCursor: string | null };
    } = await ctx.app.inject({
      url: `${url}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      headers,
    });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    const page: { items: { id?: string; entityId?: string }[]; nextCursor: string | null } =
      response.json();
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

/** After each step: no caller meets anything outside its visibility, anywhere. */
async function checkEveryCaller(fetchFrom: number): Promise<void> {
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const reader of readers) {
    const seen = (id: string | undefined) => {
      const item = id === undefined ? undefined : byId.get(id);
      if (item)
        expect(
          oracleMaySee(reader.party, item),
          `${reader.party ?? 'anonymous'} saw ${item.kind} ${item.id}`,
        ).toBe(true);
    };
    // Visibility never changes in these sequences, so each item is fetched once, when new.
    for (const item of [...items.slice(fetchFrom), ...changed]) {
      const response = await ctx.app.inject({ url: item.url, headers: reader.headers });
      expect(response.statusCode, `${reader.party ?? 'anonymous'} GET ${item.url}`).toBe(
        oracleMaySee(reader.party, item) ? 200 : 404,
      );
    }
    // Lists, search and the calendar show exactly what the caller may see: nothing more
    // (no leak) and nothing less (so that the check above is never vacuous).
    const expectedIds = (kinds: Kind[]) =>
      items
        .filter((i) => kinds.includes(i.kind) && oracleMaySee(reader.party, i))
        .map((i) => i.id)
        .sort();
    const lists: [string, Kind][] = [
      ['/api/meetings', 'meeting'],
      ['/api/notes', 'note'],
      ['/api/decisions', 'decision'],
      ['/api/timeline', 'timelineEvent'],
    ];
    for (const [list, kind] of lists) {
      const ids = (await listAll(list, reader.headers)).map((row) => row.id ?? '');
      ids.forEach(seen);
      expect(ids.sort(), `${reader.party ?? 'anonymous'} ${list}`).toEqual(expectedIds([kind]));
    }
    const hits = (await listAll('/api/search?q=marker', reader.headers)).map(
      (row) => row.entityId ?? '',
    );
    hits.forEach(seen);
    expect(hits.sort(), `${reader.party ?? 'anonymous'} search`).toEqual(
      expectedIds(['meeting', 'agendaItem', 'note', 'decision', 'timelineEvent']),
    );
    const calendar = await ctx.app.inject({ url: '/api/meetings.ics', headers: reader.headers });
    expect(calendar.statusCode).toBe(200);
    const inCalendar = items.filter(
      (i) => i.kind === 'meeting' && calendar.body.includes(i.marker),
    );
    for (const item of inCalendar) seen(item.id);
    expect(inCalendar.map((i) => i.id).sort()).toEqual(expectedIds(['meeting']));
    if (reader.party !== null) {
      for (const entry of (await listAll('/api/audit', reader.headers)) as { entityId?: string }[])
        seen(entry.entityId);
    }
  }
}

describe('visibility under random use', () => {
  it('never shows any caller an item outside its visibility', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
        for (const a of actions) {
          const before = items.length;
          await perform(a);
          await checkEveryCaller(before);
          changed.length = 0;
        }
      }),
      { numRuns: 25, endOnFailure: true },
    );
  }, 240_000);
});
