import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliIo, council, type Scratch, scratch, withParties } from '../../../tests/support/cli.ts';
import { fillEveryTable } from '../../../tests/support/every-table.fixture.ts';
import { OPERATOR } from '../../server/modules/access/actor.ts';
import { change } from '../../server/modules/changes/unit-of-work.ts';
import { EXPORT_VERSION } from '../../server/modules/transfer/export-data.ts';
import { EXPORT_ORDER } from '../../server/modules/transfer/export-tables.ts';
import { run } from '../program.ts';

const scratches: Scratch[] = [];
function fresh(): Scratch {
  const s = scratch();
  scratches.push(s);
  return s;
}
async function filled(): Promise<Scratch> {
  const s = fresh();
  await withParties(s);
  await s.withDeps(fillEveryTable);
  return s;
}
afterEach(() => {
  for (const s of scratches.splice(0)) s.remove();
});

/** An export file's text without its export instant, the one part that differs run to run. */
function withoutInstant(file: string): string {
  return readFileSync(file, 'utf8').replace(/"exportedAt": "[^"]*"/, '"exportedAt": ""');
}

describe('council export and import', () => {
  it('round-trips a database into an empty one, giving an identical export', async () => {
    const source = await filled();
    const first = join(source.folder, 'first.json');
    const exported = await council(source.env, ['export', first]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(
      new RegExp(`Exported \\d+ rows from ${EXPORT_ORDER.length} tables`),
    );
    // Both caucuses and password hashes: readable by the operator only.
    expect(statSync(first).mode & 0o077).toBe(0);

    const target = fresh();
    const imported = await council(target.env, ['import', first]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      new RegExp(`Imported \\d+ rows into ${EXPORT_ORDER.length} tables; indexed \\d+ documents`),
    );

    const second = join(target.folder, 'second.json');
    expect((await council(target.env, ['export', second])).code).toBe(0);
    expect(withoutInstant(second)).toBe(withoutInstant(first));
  });

  it('refuses to export from a database that does not exist, creating nothing', async () => {
    const s = fresh();
    const missing = join(s.folder, 'typo.db');
    const file = join(s.folder, 'out.json');
    const refused = await council({ ...s.env, DATABASE_URL: missing }, ['export', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no database at');
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it('will not overwrite an existing file without --force', async () => {
    const s = await filled();
    const file = join(s.folder, 'backup.json');
    writeFileSync(file, 'keep me');
    const refused = await council(s.env, ['export', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pass --force');
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect((await council(s.env, ['export', file, '--force'])).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('joint-council-export');
  });

  it('never writes through a link planted at FILE.partial, and leaves the planted name alone', async () => {
    const s = await filled();
    const file = join(s.folder, 'backup.json');
    const victim = join(s.folder, 'world-readable.txt');
    writeFileSync(victim, 'keep me', { mode: 0o644 });
    symlinkSync(victim, `${file}.partial`);
    const refused = await council(s.env, ['export', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${file}.partial already exists`);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(`${file}.partial`).isSymbolicLink()).toBe(true);
    expect(existsSync(file)).toBe(false);

    // A link to nowhere would have created the file it names, wherever that is.
    const elsewhere = join(s.folder, 'created-through-the-link.json');
    const other = join(s.folder, 'other.json');
    symlinkSync(elsewhere, `${other}.partial`);
    expect((await council(s.env, ['export', other, '--force'])).code).toBe(1);
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('refuses a link at FILE without --force, and with --force replaces the link, not what it names', async () => {
    const s = await filled();
    const victim = join(s.folder, 'world-readable.txt');
    writeFileSync(victim, 'keep me', { mode: 0o644 });
    const file = join(s.folder, 'backup.json');
    symlinkSync(victim, file);
    const refused = await council(s.env, ['export', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is a symbolic link; pass --force');
    const dangling = join(s.folder, 'dangling.json');
    symlinkSync(join(s.folder, 'nowhere.json'), dangling);
    expect((await council(s.env, ['export', dangling])).stderr).toContain('is a symbolic link');
    expect(existsSync(join(s.folder, 'nowhere.json'))).toBe(false);

    const forced = await council(s.env, ['export', file, '--force']);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('joint-council-export');
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(statSync(victim).mode & 0o777).toBe(0o644);
  });

  it('leaves no partial behind when the file cannot be put in place', async () => {
    const s = await filled();
    // A folder at the target's name: the rename fails once the export is written.
    const file = join(s.folder, 'backup.json');
    mkdirSync(join(file, 'occupied'), { recursive: true });
    const failed = await council(s.env, ['export', file, '--force']);
    expect(failed.code).toBe(1);
    expect(readdirSync(s.folder).filter((name) => name.includes('partial'))).toEqual([]);
    expect(readdirSync(file)).toEqual(['occupied']);
  });

  it('refuses to import into a database holding data unless --replace', async () => {
    const s = await filled();
    const file = join(s.folder, 'backup.json');
    await council(s.env, ['export', file]);
    const refused = await council(s.env, ['import', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pass --replace');
    const replaced = await council(s.env, ['import', file, '--replace']);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toMatch(/replacing \d+ rows/);
  });

  it('loads only a file of its own owner, writable by it alone, reached by its own name', async () => {
    const source = await filled();
    const file = join(source.folder, 'export.json');
    await council(source.env, ['export', file]);
    const target = fresh();
    const attempt = async (path: string) => council(target.env, ['import', path]);

    const link = join(target.folder, 'link.json');
    symlinkSync(file, link);
    expect((await attempt(link)).stderr).toContain('is a symbolic link');

    const open = join(target.folder, 'open.json');
    writeFileSync(open, readFileSync(file));
    chmodSync(open, 0o666);
    const shared = await attempt(open);
    expect(shared.code).toBe(1);
    expect(shared.stderr).toContain('may be written by others than its owner (mode 666)');

    const folder = join(target.folder, 'drop');
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    const dropped = join(folder, 'export.json');
    writeFileSync(dropped, readFileSync(file), { mode: 0o600 });
    expect((await attempt(dropped)).stderr).toContain('which anyone may write to');

    // Nothing of them was loaded: the file itself, made private, imports into the same database.
    chmodSync(open, 0o600);
    const imported = await attempt(open);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  });

  it('rejects a file that is not JSON, or not an export, changing nothing', async () => {
    const s = await filled();
    const before = join(s.folder, 'before.json');
    await council(s.env, ['export', before]);
    const garbage = join(s.folder, 'garbage.json');
    writeFileSync(garbage, '{"format": ');
    const notJson = await council(s.env, ['import', garbage, '--replace']);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('garbage.json is not JSON');

    const wrong = join(s.folder, 'wrong.json');
    writeFileSync(
      wrong,
      JSON.stringify({
        format: 'joint-council-export',
        version: EXPORT_VERSION,
        exportedAt: 'x',
        tables: { meetingz: [] },
      }),
    );
    const notExport = await council(s.env, ['import', wrong, '--replace']);
    expect(notExport.code).toBe(1);
    expect(notExport.stderr).toContain('tables.meetingz: no such table');

    const missing = await council(s.env, ['import', join(s.folder, 'absent.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('there is no file');

    const after = join(s.folder, 'after.json');
    await council(s.env, ['export', after]);
    expect(withoutInstant(after)).toBe(withoutInstant(before));
  });

  it('draws a progress bar for a long import on a terminal, and prints only the summary elsewhere', async () => {
    const s = fresh();
    await withParties(s);
    await s.withDeps(async (deps) => {
      const at = '2001-01-01T00:00:00.000Z';
      const rows = Array.from({ length: 1200 }, (_, i) => ({
        id: `event-${String(i).padStart(4, '0')}`,
        date: '2001',
        title: `Event ${i}`,
        description: null,
        kind: 'milestone',
        sourceId: null,
        visibility: 'public' as const,
        party: null,
        createdAt: at,
        updatedAt: at,
      }));
      // Through the write path, as the seed loads them: each event with its audit entry, which
      // an import requires of every row.
      await change(deps, OPERATOR, async ({ trx, record }) => {
        for (let i = 0; i < rows.length; i += 200) {
          await trx
            .insertInto('timelineEvents')
            .values(rows.slice(i, i + 200))
            .execute();
        }
        for (const row of rows) {
          record({
            entity: 'timelineEvent',
            id: row.id,
            action: 'seed-create',
            after: { ...row, reconstructed: 0 },
          });
        }
      });
    });
    const file = join(s.folder, 'long.json');
    await council(s.env, ['export', file]);

    const terminal = cliIo(s.env);
    Object.assign(terminal.stdout, { isTTY: true });
    expect(await run(['import', file, '--replace'], terminal.io)).toBe(0);
    expect(terminal.stdout.text).toContain('Importing [');
    // 1200 events, their 1200 audit entries and the two parties.
    expect(terminal.stdout.text).toContain('2402/2402 rows');

    const piped = await council(s.env, ['import', file, '--replace']);
    expect(piped.code).toBe(0);
    expect(piped.stdout).not.toContain('Importing [');
    expect(piped.stdout).toContain('Imported 2402 rows');
  });
});

describe('council search', () => {
  it('searches as the operator by default, saying so, and finds both caucuses', async () => {
    const s = await filled();
    const result = await council(s.env, ['search', 'caucus', 'line']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Searching as the operator');
    expect(result.stdout).toMatch(/^note\tnote-nato\t/m);
    expect(result.stdout).toMatch(/^note\tnote-russia\t/m);
    expect(result.stdout).toContain('[caucus] [line]');
  });

  it('with --as shows only what that user may see', async () => {
    const s = await filled();
    const result = await council(s.env, ['search', 'caucus line', '--as', 'russia-sec']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Searching as russia-sec (russia)');
    expect(result.stdout).toMatch(/^note\tnote-russia\t/m);
    expect(result.stdout).not.toContain('note-nato');
  });

  it('fails clearly for an unknown user and says when nothing matches', async () => {
    const s = await filled();
    const unknown = await council(s.env, ['search', 'caucus', '--as', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no user named nobody');
    const nothing = await council(s.env, ['search', 'zanzibar']);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toContain('No results.');
  });
});
