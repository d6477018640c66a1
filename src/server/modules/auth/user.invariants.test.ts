import { describe, expect, it } from 'vitest';
import { rolesProblem } from './user.invariants.ts';

describe('rolesProblem', () => {
  // The database's own trigger refuses unknown roles and non-JSON on insert; `council verify`
  // reads databases whose triggers may not have run, so the rule stands on its own too.
  const cases: [string, string, RegExp | null][] = [
    ['one known role', '["member"]', null],
    ['every known role', '["member","secretary","chair","admin"]', null],
    ['not JSON', 'secretary,chair', /not JSON/],
    ['a JSON object', '{"role":"chair"}', /JSON array/],
    ['a JSON string', '"chair"', /JSON array/],
    ['no role at all', '[]', /at least one role/],
    ['an unknown role', '["secretary","god"]', /unknown role "god"/],
    ['a role that is not a string', '["chair",1]', /unknown role 1/],
    ['a role twice', '["chair","chair"]', /listed twice/],
  ];
  it.each(cases)('with %s answers %s', (_name, roles, problem) => {
    const found = rolesProblem(roles);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});
