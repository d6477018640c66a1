import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { formatPartialDate, pageOfApiUrl, snippetParts } from './format.ts';

describe('dates at the precision the record has', () => {
  it.each([
    ['en', '1997-05-27', 'May 27, 1997'],
    ['en', '2000-05', 'May 2000'],
    ['en', '2000', '2000'],
    ['ru', '1997-07-18', '18 июля 1997 г.'],
    ['fr', '1997-07-18', '18 juillet 1997'],
  ])('%s %s is %s', (locale, value, expected) => {
    const intl = createIntl({ locale, timeZone: 'Pacific/Kiritimati', messages: {} });
    // A calendar day stays the same day in any zone.
    expect(formatPartialDate(intl, value)).toBe(expected);
  });
});

describe('search snippets', () => {
  it('splits the API marks into parts to highlight', () => {
    expect(snippetParts('the [council] met in [Brussels].')).toEqual([
      { text: 'the ', hit: false },
      { text: 'council', hit: true },
      { text: ' met in ', hit: false },
      { text: 'Brussels', hit: true },
      { text: '.', hit: false },
    ]);
  });
});

describe('pages of API addresses', () => {
  it.each([
    ['/api/meetings/m1', '/meetings/m1'],
    ['http://x/api/meetings/m1/agenda-items/a1', '/meetings/m1'],
    ['/api/decisions/d1', '/decisions/d1'],
    ['/api/texts/t1', '/texts/t1'],
    ['/api/work-programmes/2001/activities/a', '/work-programmes/2001'],
    ['/api/offices/o', '/cooperation'],
    ['/api/people/p', null],
  ])('%s leads to %s', (url, page) => {
    expect(pageOfApiUrl(url)).toBe(page);
  });
});
