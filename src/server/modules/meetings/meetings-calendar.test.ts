import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, publishMeeting } from '../../../../tests/support/meetings.fixtures.ts';
import {
  addUser,
  createTestContext,
  type TestContext,
  type TestUser,
} from '../../../../tests/support/test-context.ts';
import { itOnlyOn } from '../../../../tests/support/test-database.ts';
import { buildApp } from '../../app.ts';
import type { NewRow } from '../../db/schema.ts';
import { audienceConditions } from '../access/visibility.policy.ts';
import { calendarSliceQuery } from './meetings-calendar.ts';

let ctx: TestContext;
let nato: TestUser;
let russia: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  nato = await addUser(ctx, 'nato', ['secretary']);
  russia = await addUser(ctx, 'russia', ['secretary']);
});
afterAll(async () => ctx.close());

const calendarOf = async (user: TestUser | null, query = '') =>
  (
    await ctx.app.inject({
      url: `/api/meetings.ics${query}`,
      ...(user ? { headers: user.headers } : {}),
    })
  ).body;

/** The text of one event, lines unfolded. */
function eventText(ics: string, meetingId: string): string {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  return (
    unfolded
      .split('BEGIN:VEVENT')
      .find((e) => e.includes(`UID:${meetingId}@joint-council`))
      ?.split('END:VEVENT')[0] ?? ''
  );
}

describe('the calendar as calendar clients read it', () => {
  let brussels: string;
  let moscow: string;
  let utc: string;
  let ics: string;
  beforeAll(async () => {
    brussels = (
      await createMeeting(ctx, nato, {
        title: 'PJC at ambassadors level: the Balkans, peacekeeping, and the work programme',
        startsAt: '2001-04-18T10:00:00+02:00',
        endsAt: '2001-04-18T12:30:00+02:00',
        timeZone: 'Europe/Brussels',
        venue: 'NATO headquarters, Boulevard Léopold III, 1110 Brussels',
      })
    ).id;
    moscow = (
      await createMeeting(ctx, russia, {
        // Two octets a letter: folding must count octets, not characters.
        title: 'Постоянный совместный совет Россия — НАТО на уровне послов, Москва',
        startsAt: '2001-05-16T11:00:00+04:00',
        timeZone: 'europe/moscow',
      })
    ).id;
    utc = (await createMeeting(ctx, nato, { startsAt: '2001-06-20T09:00:00Z' })).id;
    ics = await calendarOf(nato);
  });

  it('writes every line, the last included, with CRLF and at most 75 octets', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n').slice(0, -1);
    const longest = Math.max(...lines.map((line) => Buffer.byteLength(line)));
    expect(longest).toBeLessThanOrEqual(75);
    // The Cyrillic title was long enough to need folding.
    expect(ics).toMatch(/\r\n /);
  });

  it('gives each event what Google and Apple need: UID, DTSTAMP, DTSTART in a TZID or UTC, SEQUENCE', () => {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(3);
    const zones = new Set(
      calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')),
    );
    for (const event of events) {
      for (const property of ['uid', 'dtstamp', 'dtstart', 'sequence']) {
        expect(event.hasProperty(property), property).toBe(true);
      }
      const start = event.getFirstProperty('dtstart');
      const tzid = start?.getParameter('tzid');
      if (tzid === undefined) expect(String(start?.getFirstValue())).toMatch(/Z$/);
      else expect(zones.has(tzid)).toBe(true);
    }
  });

  it("shows a meeting at its own zone's wall-clock time, with a VTIMEZONE that gives the right instant", () => {
    expect(eventText(ics, brussels)).toContain('DTSTART;TZID=Europe/Brussels:20010418T100000');
    expect(eventText(ics, brussels)).toContain('DTEND;TZID=Europe/Brussels:20010418T123000');
    expect(eventText(ics, moscow)).toContain('DTSTART;TZID=Europe/Moscow:20010516T110000');
    expect(eventText(ics, utc)).toContain('DTSTART:20010620T090000Z');
    // Each zone is defined once, before the first event that names it.
    expect(ics.indexOf('TZID:Europe/Brussels')).toBeLessThan(ics.indexOf('TZID=Europe/Brussels'));
    expect(ics.split('BEGIN:VTIMEZONE')).toHaveLength(3);

    const calendar = new ICAL.Component(ICAL.parse(ics));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(zone);
    }
    const startOf = (id: string) => {
      const event = calendar
        .getAllSubcomponents('vevent')
        .find((e) => e.getFirstPropertyValue('uid') === `${id}@joint-council`);
      return event ? new ICAL.Event(event).startDate.toJSDate().toISOString() : null;
    };
    expect(startOf(brussels)).toBe('2001-04-18T08:00:00.000Z');
    expect(startOf(utc)).toBe('2001-06-20T09:00:00.000Z');
    // Not Moscow: the library's VTIMEZONEs hold each zone's rules of today, and Moscow kept
    // summer time until 2011. Clients that know the zone by its TZID (Google, Apple) are right.
    expect(startOf(moscow)).not.toBeNull();
  });

  it('defines only the zones of meetings the caller may see', async () => {
    const caucus = await createMeeting(ctx, nato, {
      format: 'caucus',
      startsAt: '2001-04-19T10:00:00+09:00',
      timeZone: 'Asia/Tokyo',
    });
    expect(await calendarOf(nato)).toContain('TZID:Asia/Tokyo');
    const theirs = await calendarOf(russia);
    expect(theirs).not.toContain('Asia/Tokyo');
    expect(theirs).not.toContain(caucus.id);
  });
});

describe('SEQUENCE', () => {
  const sequenceOf = async (id: string) =>
    /SEQUENCE:(\d+)/.exec(eventText(await calendarOf(nato), id))?.[1];
  const patch = (id: string, payload: object) =>
    ctx.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${id}`,
      headers: nato.headers,
      payload,
    });

  it('grows with every change the event shows, and the UID stays', async () => {
    const { id } = await createMeeting(ctx, nato, { startsAt: '2001-07-04T10:00:00Z' });
    expect(await sequenceOf(id)).toBe('0');
    await patch(id, { title: 'PJC at ambassadors level, moved' });
    expect(await sequenceOf(id)).toBe('1');
    await patch(id, { startsAt: '2001-07-05T10:00:00Z', venue: 'Moscow' });
    expect(await sequenceOf(id)).toBe('2');
    await patch(id, { timeZone: 'Europe/Moscow' });
    expect(await sequenceOf(id)).toBe('3');
    await patch(id, { status: 'cancelled' });
    const event = eventText(await calendarOf(nato), id);
    expect(event).toContain('SEQUENCE:4');
    expect(event).toContain('STATUS:CANCELLED');
    expect(event).toContain(`UID:${id}@joint-council`);
  });

  it('stays for a change the event does not show', async () => {
    const { id } = await createMeeting(ctx, nato, { startsAt: '2001-07-11T10:00:00Z' });
    await ctx.app.inject({
      method: 'POST',
      url: `/api/meetings/${id}/agenda-items`,
      headers: nato.headers,
      payload: { title: 'The Balkans' },
    });
    await patch(id, { title: (await createMeeting(ctx, nato)).title });
    expect(await sequenceOf(id)).toBe('0');
    await publishMeeting(ctx, [nato, russia], id);
    expect(await sequenceOf(id)).toBe('0');
  });
});

describe('the window of the calendar', () => {
  beforeAll(async () => {
    for (const [title, startsAt] of [
      ['Long ago', '2000-11-30T10:00:00Z'],
      ['Just in', '2000-12-01T10:00:00Z'],
      ['Far ahead', '2002-03-02T10:00:00Z'],
    ] as const) {
      await createMeeting(ctx, nato, { title, startsAt });
    }
  });

  it('holds from 90 days ago to a year ahead by default', async () => {
    const ics = await calendarOf(nato);
    expect(ics).toContain('SUMMARY:Just in');
    expect(ics).not.toContain('Long ago');
    expect(ics).not.toContain('Far ahead');
  });

  it('holds the days asked for', async () => {
    const ics = await calendarOf(nato, '?from=2000-11&to=2000-11');
    expect(ics).toContain('SUMMARY:Long ago');
    expect(ics).not.toContain('Just in');
  });

  it('refuses a window of more than three years, naming the field', async () => {
    const response = await ctx.app.inject({ url: '/api/meetings.ics?from=2000&to=2003' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors[0].field).toBe('to');
  });

  itOnlyOn(
    'sqlite',
    "it reads SQLite's query plans; PostgreSQL plans a small table by cost (bench/ measures it at size)",
  )("reads each audience on its own index, and never the other party's caucus", async () => {
    const actor = { ...nato.actor };
    const window = { from: '2000-12-01', to: '2002-03-01' };
    const cursor = { date: '2001-01-01', id: 'id' };
    const plans: string[] = [];
    // Public, joint, then the caller's caucus: the conditions the calendar reads its slices by.
    for (const audience of audienceConditions(actor, 'meetings', { sharedApart: true })) {
      const query = calendarSliceQuery(ctx.deps.db, actor, audience, window, {}, cursor).compile();
      const plan = await ctx.deps.db.executeQuery(
        CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
      );
      const details = (plan.rows as { detail: string }[]).map((r) => r.detail);
      plans.push(details.join(' '));
    }
    expect(plans[0]).toMatch(/USING INDEX meetingsByVisibility \(visibility=\?/);
    expect(plans[1]).toMatch(/USING INDEX meetingsByVisibility \(visibility=\?/);
    expect(plans[2]).toMatch(/USING INDEX meetingsByParty \(party=\? AND date/);
    // Each slice comes off its index in (date, id) order: no sort of the window.
    for (const plan of plans) expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});

describe('a calendar of thousands of meetings', () => {
  const COUNT = 3000;
  let big: TestContext;
  let app: FastifyInstance;
  const order: string[] = [];
  beforeAll(async () => {
    big = await createTestContext();
    const at = '2001-01-01T00:00:00.000Z';
    for (let start = 0; start < COUNT; start += 500) {
      const rows: NewRow<'meetings'>[] = [];
      for (let i = start; i < start + 500; i++) {
        const day = new Date(Date.UTC(2001, 0, 1) + (i % 365) * 86_400_000);
        rows.push({
          id: `many-${String(i).padStart(5, '0')}`,
          title: `Meeting ${i}`,
          level: 'experts',
          format: 'joint',
          startsAt: new Date(day.getTime() + 9 * 3_600_000).toISOString(),
          endsAt: null,
          date: day.toISOString().slice(0, 10),
          timeZone: i % 2 === 0 ? 'Europe/Brussels' : 'UTC',
          venue: null,
          status: 'planned',
          summary: null,
          agendaVersion: 0,
          seriesId: null,
          sourceId: null,
          visibility: 'public',
          party: null,
          createdAt: at,
          updatedAt: at,
        });
      }
      await big.deps.db.insertInto('meetings').values(rows).execute();
    }
    // The same application, watched from inside: when the calendar has been written to its
    // end, and when another request was answered.
    app = await buildApp({ deps: big.deps, secret: 'test-secret-test-secret-test-secret-0123' });
    app.addHook('onSend', async (_request, _reply, payload) => {
      if (payload instanceof Readable) payload.once('end', () => order.push('calendar written'));
      return payload;
    });
    app.addHook('onResponse', async (request) => {
      if (request.url === '/api/parties') order.push('another request answered');
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    await big.close();
  });

  it('is streamed in more than one chunk, every meeting in it', async () => {
    const response = await big.app.inject({ url: '/api/meetings.ics', payloadAsStream: true });
    expect(response.statusCode).toBe(200);
    let chunks = 0;
    let text = '';
    for await (const chunk of response.stream()) {
      chunks += 1;
      text += String(chunk);
    }
    expect(chunks).toBeGreaterThan(2);
    expect(text.split('BEGIN:VEVENT')).toHaveLength(COUNT + 1);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('lets another request be answered before it has been written to its end', async () => {
    const { port } = app.server.address() as AddressInfo;
    const fetched = (path: string, onResponse?: () => void) =>
      new Promise<string>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path }, (response) => {
          onResponse?.();
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
          });
          response.on('end', () => resolve(body));
          response.on('error', reject);
        }).on('error', reject);
      });
    let probe: Promise<string> | undefined;
    // Asked as soon as the calendar's answer begins: a calendar written in one piece would be
    // complete by then, one written a page at a time has most of its pages still to write.
    const body = await fetched('/api/meetings.ics', () => {
      probe = fetched('/api/parties');
    });
    await probe;
    expect(body.split('BEGIN:VEVENT')).toHaveLength(COUNT + 1);
    expect(order).toEqual(['another request answered', 'calendar written']);
  });
});
