import { afterEach, describe, expect, it } from 'vitest';
import { cliIo, council, type Scratch, scratch, withParties } from '../../../tests/support/cli.ts';
import { run } from '../program.ts';

const scratches: Scratch[] = [];
function fresh(): Scratch {
  const s = scratch();
  scratches.push(s);
  return s;
}
afterEach(() => {
  for (const s of scratches.splice(0)) s.remove();
});

/** Starts `argv` in-process, waits until it listens, and hands back its URL and a stop. */
async function serving(s: Scratch, argv: string[]) {
  const stopper = new AbortController();
  const { io, stdout, stderr } = cliIo(s.env, { signal: stopper.signal });
  const exit = run(argv, io);
  const ready = await Promise.race([
    stdout.waitFor(/running at (http:\/\/\S+)/),
    exit.then((code) => {
      throw new Error(`exited with ${code}: ${stderr.text}`);
    }),
  ]);
  return {
    url: ready[1] as string,
    stdout,
    stop: async () => {
      stopper.abort();
      return exit;
    },
  };
}

describe('council serve', () => {
  it('migrates a new database, serves the API and its docs, and stops cleanly', async () => {
    const s = fresh();
    const server = await serving(s, ['serve']);
    expect(server.stdout.text).toContain('Applied migration 2026-11-27T2300-create-council-core');
    expect(server.stdout.text).toContain(`API documentation: ${server.url}/docs`);
    const docs = await fetch(`${server.url}/docs`);
    expect(docs.status).toBe(200);
    const openapi = await fetch(`${server.url}/openapi.json`);
    expect(((await openapi.json()) as { info: { title: string } }).info.title).toBe(
      'Joint Council API',
    );
    expect(await server.stop()).toBe(0);
    expect(server.stdout.text).toContain('Stopped (abort).');
    await expect(fetch(`${server.url}/docs`)).rejects.toThrow();
  });

  it('tells how to create the first user while there is none', async () => {
    const s = fresh();
    await withParties(s);
    const server = await serving(s, ['serve']);
    expect(await server.stop()).toBe(0);
    expect(server.stdout.text).toContain(
      "echo 'a long passphrase' | npx council user add NAME --party nato --role admin",
    );
    expect(server.stdout.text).toContain(
      'npm run council -- user add NAME --party nato --role admin',
    );
  });

  it('says nothing about a first user once one exists', async () => {
    const s = fresh();
    await withParties(s);
    await council(
      s.env,
      ['user', 'add', 'robertson', '--party', 'nato', '--role', 'admin'],
      'the founding act of 1997\n',
    );
    const server = await serving(s, ['serve']);
    expect(await server.stop()).toBe(0);
    expect(server.stdout.text).not.toContain('No users yet');
  });

  it('fails with exit code 1 and the reason when the port is taken', async () => {
    const s = fresh();
    const first = await serving(s, ['serve']);
    const port = new URL(first.url).port;
    const { io, stderr } = cliIo({ ...s.env, PORT: port });
    expect(await run(['serve'], io)).toBe(1);
    expect(stderr.text).toContain('EADDRINUSE');
    expect(await first.stop()).toBe(0);
  });
});

describe('council start', () => {
  it('leaves a database that already holds data unseeded, and serves it', async () => {
    const s = fresh();
    await withParties(s);
    const server = await serving(s, ['start']);
    expect(await server.stop()).toBe(0);
    expect(server.stdout.text).not.toContain('loading the PJC reference record');
    await s.withDeps(async (deps) => {
      expect(await deps.db.selectFrom('meetings').select('id').execute()).toEqual([]);
    });
  });

  it('loads the PJC record into an empty database before serving', async () => {
    const s = fresh();
    const server = await serving(s, ['start']);
    expect(await server.stop()).toBe(0);
    expect(server.stdout.text).toMatch(/Loaded the PJC record: \d+ records created/);
    await s.withDeps(async (deps) => {
      const parties = await deps.db.selectFrom('parties').select('id').orderBy('id').execute();
      expect(parties.map((p) => p.id)).toEqual(['nato', 'russia']);
    });
  });
});
