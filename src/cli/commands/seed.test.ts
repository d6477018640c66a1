import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { council, type Scratch, scratch } from '../../../tests/support/cli.ts';

const scratches: Scratch[] = [];
function fresh(): Scratch {
  const s = scratch();
  scratches.push(s);
  return s;
}
afterEach(() => {
  for (const s of scratches.splice(0)) s.remove();
});

describe('council seed pjc', () => {
  it('loads the record once, and a second run changes nothing', async () => {
    const s = fresh();
    const first = await council(s.env, ['seed', 'pjc']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const created = Number(
      first.stdout.match(/PJC record: (\d+) created, 0 updated, 0 unchanged/)?.[1],
    );
    expect(created).toBeGreaterThan(0);

    const second = await council(s.env, ['seed', 'pjc']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`PJC record: 0 created, 0 updated, ${created} unchanged.`);
  });

  it('fails clearly when --folder holds no record', async () => {
    const s = fresh();
    const result = await council(s.env, ['seed', 'pjc', '--folder', join(s.folder, 'nowhere')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*nowhere/m);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
