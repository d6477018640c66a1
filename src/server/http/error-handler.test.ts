import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../domain/errors.ts';
import { PROTOCOL_CODES, STATUS_BY_CODE } from './error-handler.ts';

// docs/errors.md is the list clients read; it must never drift from the code.
const documented = new Map(
  [
    ...readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8').matchAll(
      /^\| *(\w+) *\| *(\d{3}) *\|/gm,
    ),
  ].map((m) => [m[1] ?? '', Number(m[2])] as const),
);

describe('the error catalogue', () => {
  it.each(ERROR_CODES.map((code) => [code]))(
    'documents %s with the status the API answers',
    (code) => {
      expect(documented.get(code)).toBe(STATUS_BY_CODE[code]);
    },
  );

  it.each(PROTOCOL_CODES.map((code) => [code]))('documents the protocol code %s', (code) => {
    expect(documented.has(code)).toBe(true);
  });

  it('documents no code that the code does not have', () => {
    const protocol = new Set<string>(PROTOCOL_CODES);
    const unknown = [...documented.keys()].filter(
      (code) => !protocol.has(code) && !(ERROR_CODES as readonly string[]).includes(code),
    );
    expect(unknown).toEqual([]);
  });
});
