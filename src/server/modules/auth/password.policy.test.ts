import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password.policy.ts';

describe('password policy', () => {
  it.each([
    ['short', 'too short', /at least 12/],
    ['123qweasdzxc', 'on the common list', /too common/],
    ['QWERTY123456', 'common whatever its case', /too common/],
    ['my name is sergeev!', 'containing the username', /username/],
    ['aaaaaaaaaaaaaaaaa', 'one repeated character', /too few different/],
  ])('refuses %j (%s)', (password, _why, message) => {
    expect(passwordProblem(password, 'sergeev')).toMatch(message);
  });

  it.each(['correct horse battery staple', 'Ïñtérnâtiônàl 1997', 'twelve chars'])(
    'accepts %j without composition rules',
    (password) => {
      expect(passwordProblem(password, 'sergeev')).toBeNull();
    },
  );
});
