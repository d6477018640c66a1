import type { Db } from '../../db/database.ts';
import type { Audience } from '../access/audience.ts';
import type { Position } from './events.policy.ts';

/** The number of the last event of each audience (0 where it has none yet). */
export async function headsOf(db: Db, audiences: readonly Audience[]): Promise<Position> {
  const rows = await db
    .selectFrom('changeEvents')
    .select(['audience', (eb) => eb.fn.max('seq').as('seq')])
    .where('audience', 'in', [...audiences])
    .groupBy('audience')
    .execute();
  const heads = new Map<Audience, number>(audiences.map((audience) => [audience, 0]));
  for (const row of rows) heads.set(row.audience as Audience, Number(row.seq));
  return heads;
}

/**
 * The change events after `position` in the given audiences, in commit order, with the stored
 * row the change recorded (to name the parent to re-read). Each audience is bounded on its
 * own index by its own number, so an audience the caller is not in is never read at all.
 */
export function eventsAfter(db: Db, position: Position, limit: number) {
  return db
    .selectFrom('changeEvents')
    .innerJoin('auditEvents', 'auditEvents.id', 'changeEvents.auditEventId')
    .select([
      'changeEvents.id',
      'changeEvents.audience',
      'changeEvents.seq',
      'changeEvents.at',
      'changeEvents.entityType',
      'changeEvents.entityId',
      'changeEvents.action',
      'auditEvents.before',
      'auditEvents.after',
    ])
    .where((eb) =>
      eb.or(
        [...position].map(([audience, seq]) =>
          eb.and([eb('changeEvents.audience', '=', audience), eb('changeEvents.seq', '>', seq)]),
        ),
      ),
    )
    .orderBy('changeEvents.id')
    .limit(limit)
    .execute();
}
