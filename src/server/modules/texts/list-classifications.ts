import type { Classification } from '../../../shared/texts.schemas.ts';
import type { Executor } from '../../db/database.ts';

/**
 * The council's marking scheme, lowest first: what a text may be marked, a user cleared and a
 * party's ceiling for shared texts declared. The scheme itself is public; who holds what is not.
 */
export async function listClassifications(db: Executor): Promise<{ items: Classification[] }> {
  const rows = await db
    .selectFrom('classifications')
    .select(['id', 'name', 'rank'])
    .orderBy('rank')
    .orderBy('id')
    .execute();
  return { items: rows };
}
