import { loadConfig } from '../server/config.ts';
import type { Deps } from '../server/deps.ts';
import { serveUntilStopped, startServer } from '../server/main.ts';
import { type CliIo, print } from './io.ts';

export interface ServeOptions {
  /** Runs between migrating and listening. */
  prepare?: (deps: Deps) => Promise<void>;
}

/** Serves until SIGINT, SIGTERM or `io.signal`; the logs go to the command's stdout. */
export async function serveCouncil(io: CliIo, options: ServeOptions = {}): Promise<void> {
  const config = loadConfig(io.env);
  const server = await startServer(config, {
    prepare: async (deps, migrations) => {
      for (const name of migrations) print(io, `Applied migration ${name}`);
      await options.prepare?.(deps);
    },
    logger: { level: config.logLevel, stream: io.stdout },
    warn: (message) => io.stderr.write(`warning: ${message}\n`),
  });
  print(io, `Joint Council is running at ${server.url}`);
  print(io, `API documentation: ${server.url}/docs`);
  const users = await server.deps.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(users.count) === 0) printFirstUserHint(io);
  print(io, 'Press Ctrl-C to stop.');
  const reason = await serveUntilStopped(server, io.signal);
  print(io, `Stopped (${reason}).`);
}

function printFirstUserHint(io: CliIo): void {
  print(io);
  print(io, 'No users yet. Create the first administrator (you will be asked for a passphrase):');
  print(io, '  npx council user add NAME --party nato --role admin');
  print(io, 'or pipe the passphrase in:');
  print(io, "  echo 'a long passphrase' | npx council user add NAME --party nato --role admin");
  print(io, 'or, through npm:');
  print(
    io,
    "  echo 'a long passphrase' | npm run council -- user add NAME --party nato --role admin",
  );
  print(io, 'Use --party russia for the other side; each party administers its own users.');
  print(
    io,
    'Give each party two admins: chair and admin granted through the API wait for a second one.',
  );
  print(io);
}
