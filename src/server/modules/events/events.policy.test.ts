import { describe, expect, it } from 'vitest';
import type { Audience } from '../access/audience.ts';
import { formatEventId, parseEventId, rereadUrl } from './events.policy.ts';

const USER: Audience[] = ['public', 'joint', 'caucus:nato'];
const ANONYMOUS: Audience[] = ['public'];

describe('event ids', () => {
  it.each([
    [USER, '12.5.3', [12, 5, 3]],
    [USER, '0.0.0', [0, 0, 0]],
    [ANONYMOUS, '7', [7]],
  ] as const)('%j reads %s as its numbers per audience', (audiences, text, seqs) => {
    const position = parseEventId(audiences, text);
    expect(position && [...position.values()]).toEqual(seqs);
    expect(position && formatEventId(audiences, position)).toBe(text);
  });

  it.each([
    [USER, '12.5'],
    [USER, '1.2.3.4'],
    [ANONYMOUS, '1.2.3'],
    [USER, '1.-2.3'],
    [USER, '01.2.3'],
    [USER, '1.2.x'],
    [USER, ''],
    [ANONYMOUS, '9999999999999999'],
  ] as const)('%j refuses %s', (audiences, text) => {
    expect(parseEventId(audiences, text)).toBeNull();
  });

  it('counts an audience not yet seen as 0', () => {
    expect(formatEventId(USER, new Map([['joint', 4]]))).toBe('0.4.0');
  });
});

describe('the address to re-read', () => {
  it.each([
    ['meeting', 'm1', null, '/api/meetings/m1'],
    ['agendaItem', 'a1', { meetingId: 'm1' }, '/api/meetings/m1'],
    ['agendaItem', 'a1', null, null],
    ['text', 't/1', null, '/api/texts/t%2F1'],
    ['decisionResponse', 'r1', { decisionId: 'd1' }, '/api/decisions/d1'],
    ['partyKey', 'k1', null, null],
    ['user', 'u1', null, null],
  ] as const)('%s %s -> %s', (entity, id, row, url) => {
    expect(rereadUrl(entity, id, row)).toBe(url);
  });
});
