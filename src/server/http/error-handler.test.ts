import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../domain/errors.ts';
import {
  locate,
  PROTOCOL_CODES,
  pointerOf,
  problem,
  STATUS_BY_CODE,
  statusOf,
  TITLE_BY_CODE,
} from './error-handler.ts';

// docs/errors.md is the list clients read (and the page problem types lead to); it must never
// drift from the code: each row is `| code | status | title | when |`.
const documented = new Map(
  [
    ...readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8').matchAll(
      /^\| *(\w+) *\| *(\d{3}) *\| *(.+?) *\|/gm,
    ),
  ].map((m) => [m[1] ?? '', { status: Number(m[2]), title: m[3] ?? '' }] as const),
);

describe('the error catalogue', () => {
  it.each(ERROR_CODES.map((code) => [code]))(
    'documents %s with the status and title the API answers',
    (code) => {
      expect(documented.get(code)).toEqual({
        status: STATUS_BY_CODE[code],
        title: TITLE_BY_CODE[code],
      });
    },
  );

  it.each(PROTOCOL_CODES.map((code) => [code]))(
    'documents the protocol code %s with its status and title',
    (code) => {
      expect(documented.get(code)).toEqual({ status: statusOf(code), title: TITLE_BY_CODE[code] });
    },
  );

  it('documents no code that the code does not have', () => {
    const known = new Set<string>([...ERROR_CODES, ...PROTOCOL_CODES]);
    expect([...documented.keys()].filter((code) => !known.has(code))).toEqual([]);
  });

  it("gives each problem an absolute type at its code's anchor, and the code's own title", () => {
    expect(problem('https://council.example.org', 'AgendaLocked', 'the meeting was held')).toEqual({
      type: 'https://council.example.org/docs/errors#agenda-locked',
      title: 'The agenda is locked',
      status: 409,
      code: 'AgendaLocked',
      detail: 'the meeting was held',
    });
  });
});

describe('where a field was', () => {
  const request = {
    body: { title: 'x', paragraphs: [{ id: 'p1' }] },
    query: { cursor: 'c' },
    params: { id: 't1', alternativeId: 'a1' },
  };

  it.each([
    ['title', undefined, 'ValidationFailed', 'body', '/title'],
    ['paragraphs.0.id', undefined, 'ValidationFailed', 'body', '/paragraphs/0/id'],
    ['cursor', undefined, 'ValidationFailed', 'query', '/cursor'],
    ['alternativeId', undefined, 'ValidationFailed', 'params', '/alternativeId'],
    // A field the caller should have sent and did not: the body, where it belonged.
    ['startsAt', undefined, 'ValidationFailed', 'body', '/startsAt'],
    // The domain says where when the request alone cannot tell.
    ['if-match', 'header', 'ValidationFailed', 'header', '/if-match'],
    ['', 'body', 'ValidationFailed', 'body', ''],
    // A conflict naming a fact of the item, not an input, has no location.
    ['state', undefined, 'Conflict', undefined, '/state'],
    ['a/b~c', undefined, 'ValidationFailed', 'body', '/a~1b~0c'],
  ] as const)('%s (%s, %s) is in %s at %s', (field, given, code, where, pointer) => {
    const [located] = locate(request, code, [
      given === undefined ? { field, message: 'm' } : { field, message: 'm', in: given },
    ]);
    expect(located).toEqual({
      field,
      ...(where === undefined ? {} : { in: where }),
      pointer,
      message: 'm',
    });
    expect(pointerOf(field)).toBe(pointer);
  });
});
