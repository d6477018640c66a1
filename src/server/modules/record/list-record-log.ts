import type { RecordLogQuery } from '../../../shared/record.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { audiencesOf } from '../access/audience.ts';
import type { LogEntry } from './record-entry.ts';

/**
 * One audience's chain of the record log, oldest first, a page at a time: what a party's own
 * node replicates and replays with `replayLog` (keys are registered in the public chain). A
 * chain the caller is not in (the other party's caucus) is NotFound, like one that does not
 * exist; the cursor is the last entry's number in that chain, so a page counts nothing else.
 */
export async function listRecordLog(
  db: Executor,
  actor: Actor,
  query: RecordLogQuery,
): Promise<{ items: LogEntry[]; nextCursor: string | null }> {
  const audiences = audiencesOf(actor);
  if (audiences !== null && !(audiences as string[]).includes(query.audience)) {
    throw notFound('record log');
  }
  const rows = await db
    .selectFrom('recordLog')
    .select([
      'audience',
      'seq',
      'at',
      'kind',
      'entityType',
      'entityId',
      'payload',
      'prevHash',
      'hash',
      'signerKeyId',
      'signature',
    ])
    .where('audience', '=', query.audience)
    .where('seq', '>', Number(query.cursor ?? 0))
    .orderBy('seq')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? String(last.seq) : null,
  };
}
