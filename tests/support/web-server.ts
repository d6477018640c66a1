import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/server/app.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import type { Deps } from '../../src/server/deps.ts';
import { DEFAULT_WEB_ROOT } from '../../src/server/http/web-app.ts';
import { OPERATOR } from '../../src/server/modules/access/actor.ts';
import { createUser } from '../../src/server/modules/auth/create-user.ts';
import { seedPjc } from '../../src/server/modules/seed/seed-pjc.ts';
import { prepareDatabase } from '../../src/server/prepare-database.ts';
import { ensureWebBuild } from '../../src/server/web-build.ts';
import type { Role } from '../../src/shared/vocabularies.ts';

export const WEB_PASSWORD = 'correct horse battery staple';

export interface WebServer {
  url: string;
  deps: Deps;
  /** Moves the server's clock (it starts at the real time). */
  advance: (ms: number) => void;
  addUser: (party: string, username: string, roles: Role[]) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The real server (the built web application and the API on one origin) listening on a free
 * loopback port, on a temporary database seeded with the PJC record; for browser journeys.
 */
export async function startWebServer(): Promise<WebServer> {
  // The journeys test the sources as they are: build them first when the build is missing or
  // older than them, as `npm start` does.
  await ensureWebBuild(DEFAULT_WEB_ROOT);
  const folder = mkdtempSync(join(tmpdir(), 'council-web-'));
  const db = openDatabase(join(folder, 'council.db'));
  await prepareDatabase(db);
  let offset = 0;
  let counter = 0;
  const deps: Deps = {
    db,
    clock: () => new Date(Date.now() + offset),
    ids: () => `web-${(++counter).toString().padStart(6, '0')}`,
  };
  await seedPjc(deps);
  const app = await buildApp({
    deps,
    secret: 'web-journey-secret-web-journey-secret-01',
    loginAttemptsPerMinute: 1000,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    advance: (ms) => {
      offset += ms;
    },
    addUser: async (party, username, roles) => {
      await createUser(deps, OPERATOR, { username, password: WEB_PASSWORD, roles, party });
    },
    close: async () => {
      await app.close();
      await db.destroy();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
