import { afterEach, describe, expect, it } from 'vitest';
import { council, type Scratch, scratch, withParties } from '../../../tests/support/cli.ts';
import { signIn } from '../../server/modules/auth/sessions.service.ts';

const scratches: Scratch[] = [];
async function withPartiesReady(): Promise<Scratch> {
  const s = scratch();
  scratches.push(s);
  await withParties(s);
  return s;
}
afterEach(() => {
  for (const s of scratches.splice(0)) s.remove();
});

const PASSPHRASE = 'the founding act of 1997';

async function usernames(s: Scratch): Promise<string[]> {
  return s.withDeps(async (deps) =>
    (await deps.db.selectFrom('users').select('username').orderBy('username').execute()).map(
      (u) => u.username,
    ),
  );
}

describe('council user add', () => {
  it('adds a user with the password from the first line of stdin, who can then sign in', async () => {
    const s = await withPartiesReady();
    const result = await council(
      s.env,
      [
        'user',
        'add',
        'robertson',
        '--party',
        'nato',
        '--role',
        'admin',
        '--role',
        'secretary',
        '--display-name',
        'Lord Robertson',
      ],
      `${PASSPHRASE}\nignored second line\n`,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Added robertson (nato; admin, secretary)');
    await s.withDeps(async (deps) => {
      const user = await deps.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(JSON.parse(user.roles)).toEqual(['admin', 'secretary']);
      expect(user.displayName).toBe('Lord Robertson');
      const opened = await signIn(deps, { username: 'robertson', password: PASSPHRASE }, 'token');
      expect(opened.actor.party).toBe('nato');
    });
  });

  it('refuses a weak password with the policy message and adds nobody', async () => {
    const s = await withPartiesReady();
    const result = await council(
      s.env,
      ['user', 'add', 'sergeev', '--party', 'russia', '--role', 'member'],
      'password\n',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: password must be at least 12 characters long');
    expect(await usernames(s)).toEqual([]);
  });

  it('refuses a common password with the policy message', async () => {
    const s = await withPartiesReady();
    const result = await council(
      s.env,
      ['user', 'add', 'sergeev', '--party', 'russia', '--role', 'member'],
      'passwordpassword\n',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is too common');
  });

  it('refuses an empty password, and no input at all', async () => {
    const s = await withPartiesReady();
    const empty = await council(
      s.env,
      ['user', 'add', 'sergeev', '--party', 'russia', '--role', 'member'],
      '\n',
    );
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('the password is empty');
    const none = await council(s.env, [
      'user',
      'add',
      'sergeev',
      '--party',
      'russia',
      '--role',
      'member',
    ]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no password on standard input');
    expect(await usernames(s)).toEqual([]);
  });

  it('refuses an unknown role and a malformed username as command-line errors (exit 2)', async () => {
    const s = await withPartiesReady();
    const role = await council(
      s.env,
      ['user', 'add', 'sergeev', '--party', 'russia', '--role', 'boss'],
      `${PASSPHRASE}\n`,
    );
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('must be one of member, secretary, chair, admin');
    const name = await council(
      s.env,
      ['user', 'add', 'Sergeev!', '--party', 'russia', '--role', 'member'],
      `${PASSPHRASE}\n`,
    );
    expect(name.code).toBe(2);
    expect(name.stderr).toContain('username: 3 to 64 lower-case letters');
  });

  it('refuses an unknown party and a taken username', async () => {
    const s = await withPartiesReady();
    const party = await council(
      s.env,
      ['user', 'add', 'sergeev', '--party', 'ukraine', '--role', 'member'],
      `${PASSPHRASE}\n`,
    );
    expect(party.code).toBe(1);
    expect(party.stderr).toContain('unknown party ukraine');
    const argv = ['user', 'add', 'sergeev', '--party', 'russia', '--role', 'member'];
    expect((await council(s.env, argv, `${PASSPHRASE}\n`)).code).toBe(0);
    const again = await council(s.env, argv, `${PASSPHRASE}\n`);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('username sergeev is taken');
  });
});

describe('council user disable', () => {
  it('disables the user and ends their sessions and tokens', async () => {
    const s = await withPartiesReady();
    await council(
      s.env,
      ['user', 'add', 'ivanov', '--party', 'russia', '--role', 'chair'],
      `${PASSPHRASE}\n`,
    );
    await s.withDeps((deps) => signIn(deps, { username: 'ivanov', password: PASSPHRASE }, 'token'));
    const result = await council(s.env, ['user', 'disable', 'ivanov']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Disabled ivanov');
    await s.withDeps(async (deps) => {
      const user = await deps.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(user.disabledAt).not.toBeNull();
      expect(await deps.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
      await expect(
        signIn(deps, { username: 'ivanov', password: PASSPHRASE }, 'token'),
      ).rejects.toThrow();
    });
    const again = await council(s.env, ['user', 'disable', 'ivanov']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('has been disabled since');
  });

  it('fails clearly for a user that does not exist', async () => {
    const s = await withPartiesReady();
    const result = await council(s.env, ['user', 'disable', 'nobody']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: no user named nobody');
  });
});
