import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visibility } from '../src/shared/vocabularies.ts';
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
 *
 * And the caller's view is a function of what it may see and nothing else: after a step whose
 * change a caller may not see (another party's caucus, a joint change for an anonymous caller,
 * a refused request), everything that caller reads is byte for byte what it read before: the
 * lists and their order, page by page with their cursors, the search results in their ranked
 * order, the audit trail with its entry numbers, the calendar and the cadence counts.
 */

type Party = 'nato' | 'russia';
type Kind = 'meeting' | 'agendaItem' | 'note' | 'decision' | 'timelineEvent' | 'text';

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
  | { type: 'publish'; party: Party; kind: 'meeting' | 'decision'; pick: number }
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
  | { type: 'widenNote'; party: Party; pick: number }
  | { type: 'text'; party: Party; visibility: 'joint' | 'caucus' }
  | { type: 'editText'; party: Party; pick: number }
  | { type: 'tableText'; party: Party; pick: number };

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
    type: fc.constant('publish' as const),
    party,
    kind: fc.constantFrom('meeting' as const, 'decision' as const),
    pick: fc.nat(),
  }),
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
  fc.record({
    type: fc.constant('text' as const),
    party,
    visibility: fc.constantFrom('joint' as const, 'caucus' as const),
  }),
  fc.record({ type: fc.constant('editText' as const), party, pick: fc.nat() }),
  fc.record({ type: fc.constant('tableText' as const), party, pick: fc.nat() }),
);

/** Picks any item of a kind: one the acting party cannot see probes the 404 path. */
function pickAny(kind: Kind, pick: number): Item | undefined {
  const candidates = items.filter((i) => i.kind === kind);
  return candidates.length === 0 ? undefined : candidates[pick % candidates.length];
}

/** Items whose visibility changed in the last step: fetched again by every caller. */
const changed: Item[] = [];

/** Who may see what a step changed; null when it changed nothing at all. */
type Touched = Pick<Item, 'visibility' | 'party'> | null;
const last = (kind: Kind): Touched => items.filter((i) => i.kind === kind).at(-1) ?? null;

/** Asks, for each party in turn, to publish the version of an item both parties made. */
async function publishAsBoth(item: Item, first: Party): Promise<void> {
  for (const p of [first, first === 'nato' ? 'russia' : 'nato'] as const) {
    const secretary = writers[p].secretary;
    const read = await ctx.app.inject({ url: item.url, headers: secretary.headers });
    const response = await ctx.app.inject({
      method: 'POST',
      url: `${item.url}/publish`,
      headers: { ...secretary.headers, 'if-match': String(read.headers.etag) },
      payload: {},
    });
    expect(response.statusCode, response.body).toBe(200);
  }
  item.visibility = 'public';
  changed.push(item);
  // A published meeting's agenda is published with it (its caucus notes are not).
  for (const child of items) {
    if (child.kind === 'agendaItem' && child.url.startsWith(`${item.url}/agenda-items/`)) {
      child.visibility = 'public';
      changed.push(child);
    }
  }
}

async function perform(a: Action): Promise<Touched> {
  const marker = nextMarker();
  const who = writers[a.party];
  switch (a.type) {
    case 'meeting': {
      const response = await post(who.secretary, '/api/meetings', {
        title: `Meeting marker ${marker}`,
        level: 'ambassadors',
        format: a.format,
        ...(a.format === 'caucus' ? { party: a.party } : {}),
        startsAt: '2001-04-18T10:00:00+02:00',
      });
      remember('meeting', response, (id) => `/api/meetings/${id}`, marker);
      const meeting = items.at(-1) as Item;
      // Public only the way the council publishes: both parties ask.
      if (a.format === 'joint' && a.visibility === 'public') await publishAsBoth(meeting, a.party);
      return meeting;
    }
    case 'publish': {
      const item = pickAny(a.kind, a.pick);
      if (item?.visibility !== 'joint') return null;
      if (a.kind === 'meeting' && item.party !== null) return null;
      await publishAsBoth(item, a.party);
      return item;
    }
    case 'agendaItem': {
      const meeting = pickAny('meeting', a.pick);
      if (!meeting) return null;
      const response = await post(who.secretary, `/api/meetings/${meeting.id}/agenda-items`, {
        title: `Item marker ${marker}`,
      });
      if (!oracleMaySee(a.party, meeting)) {
        expect(response.statusCode).toBe(404);
        return null;
      }
      if (meeting.visibility === 'public') {
        // Its agenda is what both parties published: one party adds nothing to it.
        expect(response.json()).toMatchObject({ status: 409, code: 'AlreadyAgreed' });
        return null;
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
      return meeting;
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
        return null;
      }
      if (response.statusCode === 422) {
        // Wider than its parent: refused, which is what keeps a caucus parent hidden.
        expect(parent?.visibility).toBe('caucus');
        return null;
      }
      remember('note', response, (id) => `/api/notes/${id}`, marker);
      return last('note');
    }
    case 'decision': {
      const response = await post(who.secretary, '/api/decisions', {
        subject: `Decision marker ${marker}`,
        text: `The council agrees ${marker}.`,
      });
      remember('decision', response, (id) => `/api/decisions/${id}`, marker);
      const decision = items.at(-1) as Item;
      if (a.visibility === 'public') await publishAsBoth(decision, a.party);
      return decision;
    }
    case 'respond': {
      const decision = pickAny('decision', a.pick);
      if (!decision) return null;
      const verb = a.concur ? 'concur' : 'decline';
      const read = await ctx.app.inject({ url: decision.url, headers: who.chair.headers });
      const response = await post(who.chair, `/api/decisions/${decision.id}/${verb}`, {
        version: read.json().version,
      });
      expect([200, 409]).toContain(response.statusCode);
      return response.statusCode === 200 ? decision : null;
    }
    case 'widenNote': {
      // A secretary of the author's party may open a caucus note to both parties.
      const note = pickAny('note', a.pick);
      if (!note) return null;
      const response = await ctx.app.inject({
        method: 'PATCH',
        url: note.url,
        headers: who.secretary.headers,
        payload: { visibility: 'joint' },
      });
      if (!oracleMaySee(a.party, note)) {
        expect(response.statusCode).toBe(404);
        return null;
      }
      if (note.party !== a.party) {
        expect(response.statusCode).toBe(403); // only the author's party may change a note
        return null;
      }
      if (response.statusCode === 422) return null; // its parent is a caucus: it may not be wider
      expect(response.statusCode, response.body).toBe(200);
      // Its audit entry is as visible as the note was (caucus); the note is joint from now on.
      const widened = { visibility: note.visibility, party: note.party };
      note.visibility = response.json().visibility;
      changed.push(note);
      return widened.visibility === 'caucus' ? { visibility: 'joint', party: null } : widened;
    }
    case 'text': {
      const response = await post(who.secretary, '/api/texts', {
        kind: 'press-statement',
        title: `Text marker ${marker}`,
        visibility: a.visibility,
        paragraphs: [`The Council [NATO: welcomes | RUS: notes] marker ${marker}.`],
      });
      remember('text', response, (id) => `/api/texts/${id}`, marker);
      return last('text');
    }
    case 'editText':
    case 'tableText': {
      // Drafting and tabling: a caucus draft is its party's own to change or table.
      const text = pickAny('text', a.pick);
      if (!text) return null;
      const read = await ctx.app.inject({ url: text.url, headers: who.secretary.headers });
      if (!oracleMaySee(a.party, text)) {
        expect(read.statusCode).toBe(404);
        return null;
      }
      const { version, state } = read.json();
      const response =
        a.type === 'editText'
          ? await ctx.app.inject({
              method: 'PATCH',
              url: text.url,
              headers: who.secretary.headers,
              payload: { version, title: `Text marker ${text.marker} revised` },
            })
          : await post(who.secretary, `${text.url}/table`, { version });
      if (state !== 'draft') {
        expect(response.statusCode, response.body).toBe(409);
        return null;
      }
      expect(response.statusCode, response.body).toBe(200);
      if (a.type === 'editText') return text;
      const tabled = response.json();
      items.push({
        kind: 'text',
        id: tabled.id,
        visibility: tabled.visibility,
        party: tabled.party,
        url: `/api/texts/${tabled.id}`,
        marker: text.marker,
      });
      // The draft changed too (it was tabled), within its caucus; what the other party sees
      // is the joint text only.
      return { visibility: 'joint', party: null };
    }
    case 'timelineEvent': {
      const response = await post(who.secretary, '/api/timeline', {
        date: '2001-04',
        title: `Event marker ${marker}`,
        kind: 'note',
        visibility: a.visibility,
      });
      remember('timelineEvent', response, (id) => `/api/timeline/${id}`, marker);
      return last('timelineEvent');
    }
  }
}

/** Every page of a list, small pages so that cursors are exercised; `pages` is what came back. */
async function listAll(
  url: string,
  headers: Record<string, string>,
  pages: string[] = [],
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
      url: `${url}${separator}limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      headers,
    });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    pages.push(response.body);
    const page: { items: { id?: string; entityId?: string }[]; nextCursor: string | null } =
      response.json();
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

/**
 * After each step: no caller meets anything outside its visibility, anywhere. Answers what
 * each caller read (its view), for the comparison with the view before the step.
 */
async function checkEveryCaller(fetchFrom: number): Promise<string[][]> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const views: string[][] = [];
  for (const reader of readers) {
    const view: string[] = [];
    views.push(view);
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
      ['/api/texts', 'text'],
    ];
    for (const [list, kind] of lists) {
      const ids = (await listAll(list, reader.headers, view)).map((row) => row.id ?? '');
      ids.forEach(seen);
      expect(ids.sort(), `${reader.party ?? 'anonymous'} ${list}`).toEqual(expectedIds([kind]));
    }
    const hits = (await listAll('/api/search?q=marker', reader.headers, view)).map(
      (row) => row.entityId ?? '',
    );
    hits.forEach(seen);
    expect(hits.sort(), `${reader.party ?? 'anonymous'} search`).toEqual(
      expectedIds(['meeting', 'agendaItem', 'note', 'decision', 'timelineEvent', 'text']),
    );
    const calendar = await ctx.app.inject({ url: '/api/meetings.ics', headers: reader.headers });
    expect(calendar.statusCode).toBe(200);
    view.push(calendar.body);
    const cadence = await ctx.app.inject({
      url: '/api/council/cadence?year=2001',
      headers: reader.headers,
    });
    view.push(cadence.body);
    const inCalendar = items.filter(
      (i) => i.kind === 'meeting' && calendar.body.includes(i.marker),
    );
    for (const item of inCalendar) seen(item.id);
    expect(inCalendar.map((i) => i.id).sort()).toEqual(expectedIds(['meeting']));
    if (reader.party !== null) {
      const entries = await listAll('/api/audit', reader.headers, view);
      for (const entry of entries as { entityId?: string }[]) seen(entry.entityId);
    }
  }
  return views;
}

describe('visibility under random use', () => {
  it('never shows any caller an item outside its visibility', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
        let views = await checkEveryCaller(items.length);
        for (const a of actions) {
          const before = items.length;
          const touched = await perform(a);
          const after = await checkEveryCaller(before);
          readers.forEach((reader, r) => {
            if (touched === null || !oracleMaySee(reader.party, touched)) {
              expect(
                after[r],
                `${reader.party ?? 'anonymous'}'s view after ${JSON.stringify(a)}`,
              ).toEqual(views[r]);
            }
          });
          views = after;
          changed.length = 0;
        }
      }),
      { numRuns: 20, endOnFailure: true },
    );
  }, 240_000);
});
