import type { Db } from './db/database.ts';

/** Everything a service needs from the outside world, built once in app.ts or by a test. */
export interface Deps {
  db: Db;
  clock: () => Date;
  ids: () => string;
}

export function nowIso(deps: Pick<Deps, 'clock'>): string {
  return deps.clock().toISOString();
}
