// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../lib/session.ts';
import { renderWidget } from '../test-support.tsx';

// The typed client keeps the fetch it found when created: a stand-in answering per path.
const server = vi.hoisted(() => {
  const state = {
    routes: {} as Record<string, (request: Request) => unknown>,
    calls: [] as { method: string; path: string; body: unknown }[],
  };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    const path = new URL(request.url).pathname;
    const body = request.method === 'GET' ? undefined : await request.clone().json();
    state.calls.push({ method: request.method, path, body });
    const handler = state.routes[`${request.method} ${path}`];
    if (!handler) return new Response('{"code":"NotFound"}', { status: 404 });
    return new Response(JSON.stringify(handler(request)), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return state;
});

const { AdoptionPanel, SilencePanel } = await import('./text-panels.tsx');

afterEach(() => {
  cleanup();
  server.routes = {};
  server.calls = [];
});

const TEXT = { id: 't1', number: 'PJC/2026/1', adoptedAt: '2026-03-01T12:00:00.000Z' };
const RUSSIA_CHAIR = { party: { id: 'russia', name: 'Russia' }, roles: ['chair'] } as Me;

function signature(party: string, keyKind: string) {
  return {
    party,
    keyId: `ed25519:${party.padEnd(32, '0').slice(0, 32)}`,
    keyKind,
    signature: 'x',
    at: '2026-03-01T12:05:00.000Z',
    valid: true,
  };
}

function record(signatures: ReturnType<typeof signature>[], signedBy: string[]) {
  return {
    signatures,
    signedBy,
    signedByBoth: signedBy.length === 2,
    textId: 't1',
    canonical: '{}',
    sha256: 'ab'.repeat(32),
    at: TEXT.adoptedAt,
  };
}

describe('the adoption record', () => {
  it('says "Signed by both" only when the API says so, and labels a reference signature', async () => {
    server.routes['GET /api/texts/t1/adoption-record'] = () =>
      record([signature('nato', 'party'), signature('russia', 'reference')], ['nato']);
    renderWidget(<AdoptionPanel text={TEXT} me={null} />);
    expect(await screen.findByText('Signed only by NATO')).toBeTruthy();
    expect(screen.queryByText('Signed by both')).toBeNull();
    expect(screen.getByText(/reference signature/)).toBeTruthy();
    expect(screen.getByText('ab'.repeat(32))).toBeTruthy();
    expect(screen.getByText('PJC/2026/1')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers a chair the server-held key of its party, and shows both signatures once it signed', async () => {
    let signed = false;
    server.routes['GET /api/texts/t1/adoption-record'] = () =>
      record([signature('nato', 'party')], ['nato']);
    server.routes['GET /api/parties/russia/keys'] = () => ({
      items: [{ id: 'ed25519:1', party: 'russia', kind: 'server-held', retiredAt: null }],
    });
    server.routes['POST /api/texts/t1/signatures'] = () => {
      signed = true;
      return record(
        [signature('nato', 'party'), signature('russia', 'server-held')],
        ['nato', 'russia'],
      );
    };
    renderWidget(<AdoptionPanel text={TEXT} me={RUSSIA_CHAIR} />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign with the key the server holds' }),
    );
    expect(await screen.findByText('Signed by both')).toBeTruthy();
    expect(signed).toBe(true);
    expect(server.calls.find((c) => c.method === 'POST')?.body).toEqual({
      serverHeld: true,
      sha256: 'ab'.repeat(32),
    });
    expect(screen.queryByRole('button', { name: /Sign with/ })).toBeNull();
  });

  it('offers nothing to sign when the party has no server-held key', async () => {
    server.routes['GET /api/texts/t1/adoption-record'] = () => record([], []);
    server.routes['GET /api/parties/russia/keys'] = () => ({
      items: [{ id: 'ed25519:1', party: 'russia', kind: 'party', retiredAt: null }],
    });
    renderWidget(<AdoptionPanel text={TEXT} me={RUSSIA_CHAIR} />);
    expect(await screen.findByText('Not signed by any party yet')).toBeTruthy();
    await vi.waitFor(() =>
      expect(server.calls.some((c) => c.path === '/api/parties/russia/keys')).toBe(true),
    );
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('breaking silence', () => {
  const UNDER_SILENCE = {
    id: 't2',
    state: 'under-silence',
    visibility: 'joint',
    silence: {
      deadline: '2099-03-02T17:00:00.000Z',
      localDeadline: '2099-03-02T18:00',
      timeZone: 'Europe/Brussels',
    },
    silenceBreaks: [],
    languageVersions: [
      {
        language: 'en',
        original: true,
        paragraphs: [
          {
            id: 'p1',
            text: 'The Council welcomes the exchange.',
            segments: [{ kind: 'text', text: 'The Council welcomes the exchange.' }],
          },
        ],
      },
    ],
  };
  const MEMBER = { party: { id: 'russia', name: 'Russia' }, roles: ['member'] } as Me;
  const SECRETARY = { party: { id: 'russia', name: 'Russia' }, roles: ['secretary'] } as Me;

  it('sends an amendment with the paragraph it replaces, to come back as a bracket', async () => {
    server.routes['POST /api/texts/t2/silence/break'] = () => ({
      ...UNDER_SILENCE,
      state: 'tabled',
      silence: null,
    });
    renderWidget(<SilencePanel text={UNDER_SILENCE as never} me={SECRETARY} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Reason (required)'), 'Too warm.');
    await user.type(screen.getByLabelText('Amendment (optional)'), 'The Council notes it.');
    await user.selectOptions(screen.getByLabelText('The paragraph the amendment replaces'), 'p1');
    await user.click(screen.getByRole('button', { name: 'Break silence' }));
    await vi.waitFor(() => expect(server.calls.length).toBe(1));
    expect(server.calls[0]).toEqual({
      method: 'POST',
      path: '/api/texts/t2/silence/break',
      body: {
        reason: 'Too warm.',
        amendment: 'The Council notes it.',
        passage: { paragraphId: 'p1', segment: 0, start: 0, end: 34 },
      },
    });
  });

  it("sends a member's amendment for the record only: bracketing is a secretary's", async () => {
    server.routes['POST /api/texts/t2/silence/break'] = () => UNDER_SILENCE;
    renderWidget(<SilencePanel text={UNDER_SILENCE as never} me={MEMBER} />);
    expect(screen.queryByLabelText('The paragraph the amendment replaces')).toBeNull();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Reason (required)'), 'Too warm.');
    await user.type(screen.getByLabelText('Amendment (optional)'), 'Another wording.');
    await user.click(screen.getByRole('button', { name: 'Break silence' }));
    await vi.waitFor(() => expect(server.calls.length).toBe(1));
    expect(server.calls[0]?.body).toEqual({ reason: 'Too warm.', amendment: 'Another wording.' });
  });
});
