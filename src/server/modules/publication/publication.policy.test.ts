import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.ts';
import {
  assertNamesOnlyPublic,
  assertNotPublishedAlone,
  type NamedItem,
} from './publication.policy.ts';

const named = (visibility: 'public' | 'joint' | 'caucus', what = 'topic t'): NamedItem => ({
  field: 'topicIds',
  what,
  item: { visibility, party: visibility === 'caucus' ? 'nato' : null },
});

describe('assertNamesOnlyPublic', () => {
  const cases: [string, NamedItem[], string[]][] = [
    ['nothing named', [], []],
    ['only public items', [named('public'), named('public', 'person p')], []],
    ['a joint item', [named('joint')], ['topicIds']],
    [
      'a caucus item among public ones',
      [named('public'), named('caucus', 'person p')],
      ['topicIds'],
    ],
    ['two narrower items', [named('joint'), named('caucus', 'person p')], ['topicIds', 'topicIds']],
  ];
  it.each(cases)('with %s refuses exactly the items not public', (_name, items, refused) => {
    let error: unknown = null;
    try {
      assertNamesOnlyPublic('meeting', items);
    } catch (e) {
      error = e;
    }
    if (refused.length === 0) {
      expect(error).toBeNull();
      return;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VisibilityTooWide');
    expect((error as DomainError).errors?.map((e) => e.field)).toEqual(refused);
    for (const item of items.filter((i) => i.item.visibility !== 'public')) {
      expect((error as DomainError).message).toContain(item.what);
    }
  });
});

describe('assertNotPublishedAlone', () => {
  const cases: [string, 'public' | 'joint' | undefined, 'public' | 'joint' | null, boolean][] = [
    ['a joint item kept joint', 'joint', 'joint', false],
    ['nothing asked', undefined, null, false],
    ['a new item asked public', 'public', null, true],
    ['a joint item widened to public', 'public', 'joint', true],
    ['a public item kept public', 'public', 'public', false],
  ];
  it.each(cases)('%s (refused: %s)', (_name, requested, current, refused) => {
    const call = () => assertNotPublishedAlone('decision', requested, current);
    if (refused) expect(call).toThrow(/both parties/);
    else expect(call).not.toThrow();
  });
});
