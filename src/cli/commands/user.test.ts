import { afterEach, describe, expect, it } from 'vitest';
import { council, type Scratch, scratch, withParties } from '../../../tests/support/cli.ts';
import { signIn } from '../../server/modules/auth/sign-in.ts';

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
      const opened = await signIn(
        deps,
        { party: 'nato', username: 'robertson', password: PASSPHRASE },
        'token',
      );
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
    expect(again.stderr).toContain('username sergeev is taken in russia');
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
    await s.withDeps((deps) =>
      signIn(deps, { party: 'russia', username: 'ivanov', password: PASSPHRASE }, 'token'),
    );
    const result = await council(s.env, ['user', 'disable', 'ivanov', '--party', 'russia']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Disabled ivanov');
    await s.withDeps(async (deps) => {
      const user = await deps.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(user.disabledAt).not.toBeNull();
      expect(await deps.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
      await expect(
        signIn(deps, { party: 'russia', username: 'ivanov', password: PASSPHRASE }, 'token'),
      ).rejects.toThrow();
    });
    const again = await council(s.env, ['user', 'disable', 'ivanov', '--party', 'russia']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('has been disabled since');
  });

  it('fails clearly for a user that does not exist', async () => {
    const s = await withPartiesReady();
    const result = await council(s.env, ['user', 'disable', 'nobody', '--party', 'nato']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: no user named nobody in nato');
  });
});

describe('usernames per party at the command line', () => {
  it('adds the same username to both parties, and disables only the one named with --party', async () => {
    const s = await withPartiesReady();
    for (const party of ['nato', 'russia']) {
      const added = await council(
        s.env,
        ['user', 'add', 'ivanov', '--party', party, '--role', 'member'],
        `${PASSPHRASE}\n`,
      );
      expect(added.code, added.stderr).toBe(0);
    }
    const missing = await council(s.env, ['user', 'disable', 'ivanov']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--party <party>'");
    const result = await council(s.env, ['user', 'disable', 'ivanov', '--party', 'nato']);
    expect(result.code).toBe(0);
    await s.withDeps(async (deps) => {
      const rows = await deps.db
        .selectFrom('users')
        .select(['party', 'disabledAt'])
        .orderBy('party')
        .execute();
      expect(rows.map((r) => [r.party, r.disabledAt !== null])).toEqual([
        ['nato', true],
        ['russia', false],
      ]);
    });
  });
});

describe('council user grant and revoke', () => {
  it('give chair at once, as the operator needs no second admin, and take it away again', async () => {
    const s = await withPartiesReady();
    await council(
      s.env,
      ['user', 'add', 'ivanov', '--party', 'russia', '--role', 'member'],
      `${PASSPHRASE}\n`,
    );
    const granted = await council(s.env, [
      'user',
      'grant',
      'ivanov',
      '--party',
      'russia',
      '--role',
      'chair',
    ]);
    expect(granted.stderr).toBe('');
    expect(granted.stdout).toContain('ivanov (russia) now holds member, chair');
    const rolesNow = () =>
      s.withDeps(async (deps) => {
        const row = await deps.db.selectFrom('users').select('roles').executeTakeFirstOrThrow();
        return JSON.parse(row.roles);
      });
    expect(await rolesNow()).toEqual(['member', 'chair']);

    const revoked = await council(s.env, [
      'user',
      'revoke',
      'ivanov',
      '--party',
      'russia',
      '--role',
      'chair',
    ]);
    expect(revoked.stdout).toContain('ivanov (russia) now holds member');
    expect(await rolesNow()).toEqual(['member']);
  });

  it('refuse to leave a user without any role, pointing to disable', async () => {
    const s = await withPartiesReady();
    await council(
      s.env,
      ['user', 'add', 'ivanov', '--party', 'russia', '--role', 'member'],
      `${PASSPHRASE}\n`,
    );
    const result = await council(s.env, [
      'user',
      'revoke',
      'ivanov',
      '--party',
      'russia',
      '--role',
      'member',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('disable the user instead');
  });
});
