import { describe, expect, it } from 'vitest';
import { decisionStatus, type ResponseKind } from './decision-status.ts';

const both = ['nato', 'russia'];
const r = (party: string | null, response: ResponseKind) => ({ party, response });

describe('decisionStatus', () => {
  it.each([
    ['nobody has responded', both, [], 'proposed'],
    ['only NATO concurred', both, [r('nato', 'concur')], 'proposed'],
    ['only Russia concurred', both, [r('russia', 'concur')], 'proposed'],
    ['both concurred', both, [r('nato', 'concur'), r('russia', 'concur')], 'agreed'],
    ['both concurred, other order', both, [r('russia', 'concur'), r('nato', 'concur')], 'agreed'],
    ['NATO declined', both, [r('nato', 'decline')], 'declined'],
    [
      'one concurred, one declined',
      both,
      [r('nato', 'concur'), r('russia', 'decline')],
      'declined',
    ],
    ['a non-party concurred', both, [r('nato', 'concur'), r('ukraine', 'concur')], 'proposed'],
    ['a non-party declined', both, [r('ukraine', 'decline')], 'proposed'],
    ['a response without party', both, [r('nato', 'concur'), r(null, 'concur')], 'proposed'],
    ['NATO concurred twice', both, [r('nato', 'concur'), r('nato', 'concur')], 'proposed'],
    ['there are no parties', [], [r('nato', 'concur')], 'proposed'],
    [
      'three parties, two concurred',
      [...both, 'x'],
      [r('nato', 'concur'), r('russia', 'concur')],
      'proposed',
    ],
  ] as const)('%s -> %s', (_name, parties, responses, expected) => {
    expect(decisionStatus(parties, responses)).toBe(expected);
  });
});
