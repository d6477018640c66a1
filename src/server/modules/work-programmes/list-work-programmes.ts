import type { WorkProgrammeSummary } from '../../../shared/work-programmes.schemas.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { selectProgrammes, toSummary } from './work-programme.repository.ts';

/** The programmes the caller may see, by year, each with its derived status. */
export async function listWorkProgrammes(
  deps: Deps,
  actor: Actor,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: WorkProgrammeSummary[]; nextCursor: string | null }> {
  let q = selectProgrammes(deps.db, actor)
    .orderBy('wp.year')
    .limit(query.limit + 1);
  if (query.cursor) q = q.where(afterCursor(['wp.year'], query.cursor));
  const rows = await q.execute();
  return toPage(rows, query.limit, (r) => [r.year], toSummary);
}
