import { afterEach, describe, expect, it } from 'vitest';
import { council, type Scratch, scratch, withParties } from '../../tests/support/cli.ts';
import { actingUser } from './acting-user.ts';

const scratches: Scratch[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) s.remove();
});

describe('--as USER', () => {
  it('asks which party when both parties have the username, and takes PARTY/NAME', async () => {
    const s = scratch();
    scratches.push(s);
    await withParties(s);
    for (const [party, role] of [
      ['nato', 'secretary'],
      ['russia', 'chair'],
    ]) {
      const added = await council(
        s.env,
        ['user', 'add', 'ivanov', '--party', party as string, '--role', role as string],
        'the founding act of 1997\n',
      );
      expect(added.code, added.stderr).toBe(0);
    }
    await s.withDeps(async (deps) => {
      await expect(actingUser(deps.db, 'ivanov')).rejects.toThrow(
        'ivanov is a username in nato and russia: say which, e.g. nato/ivanov',
      );
      expect(await actingUser(deps.db, 'russia/ivanov')).toMatchObject({
        party: 'russia',
        roles: ['chair'],
      });
      await expect(actingUser(deps.db, 'ukraine/ivanov')).rejects.toThrow(
        'no user named ukraine/ivanov',
      );
    });
  });
});
