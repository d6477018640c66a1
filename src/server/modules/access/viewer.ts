import { setViewer, type Viewer } from '../../db/postgres.ts';
import type { Actor } from './actor.ts';

/** Whom PostgreSQL's row-level security serves for an actor: the same rule as visibleTo. */
export function viewerOf(actor: Actor): Viewer {
  if (actor.kind === 'user') return `party:${actor.party}`;
  return actor.kind;
}

/**
 * Serves the rest of this request as `actor` in PostgreSQL's row-level security, when the
 * request acts for someone other than its caller: a calendar feed's secret opens its user's
 * view, whoever fetches it.
 */
export function serveRequestAs(actor: Actor): void {
  setViewer(viewerOf(actor));
}
