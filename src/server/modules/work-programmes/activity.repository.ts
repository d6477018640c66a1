import type { Expression, SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import { unionAllOf } from '../../db/union-all.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { audienceConditions, canSee } from '../access/visibility.policy.ts';

/**
 * The last position among a programme's areas of the audiences given (audienceConditions or
 * sharedAudienceConditions), 0 for none: the greatest of each audience's own, each sought on
 * its own part of the areas' indexes, so no other audience's areas are walked past.
 */
export async function lastPosition(
  db: Executor,
  programmeId: string,
  audiences: readonly Expression<SqlBool>[],
): Promise<number> {
  const lasts = await Promise.all(
    audiences.map((audience) =>
      db
        .selectFrom('workProgrammeAreas')
        .select((eb) => eb.fn.max('position').as('position'))
        .where('programmeId', '=', programmeId)
        .where(audience)
        .executeTakeFirst(),
    ),
  );
  return Math.max(0, ...lasts.map((l) => Number(l?.position ?? 0)));
}

/**
 * The progress notes of these activities the caller may see, by date: each audience read on
 * its own part of the notes' indexes (activityId, visibility, ...) and (activityId, party,
 * ...), so the other party's caucus notes on a joint activity are never walked past, and cost
 * the caller no time (migration 2026-12-04T1200).
 */
export async function progressOf(
  db: Executor,
  actor: Actor,
  activityIds: readonly string[],
): Promise<Row<'activityProgress'>[]> {
  if (activityIds.length === 0) return [];
  return unionAllOf(
    audienceConditions(actor, 'activityProgress').map((audience) =>
      db
        .selectFrom('activityProgress')
        .selectAll()
        .where('activityId', 'in', activityIds)
        .where(audience),
    ),
  )
    .orderBy('on')
    .orderBy('id')
    .execute();
}

/** An activity of a programme, if the caller may see it; NotFound otherwise. */
export async function findActivity(
  db: Executor,
  actor: Actor,
  programmeId: string,
  activityId: string,
): Promise<Row<'activities'>> {
  const row = await db
    .selectFrom('activities')
    .selectAll()
    .where('id', '=', activityId)
    .where('programmeId', '=', programmeId)
    .executeTakeFirst();
  if (!row || !canSee(actor, row)) throw notFound('activity');
  return row;
}

/**
 * The area an activity is filed under: it must belong to the same programme and be visible
 * to the caller. A missing and a hidden area get the same answer.
 */
export async function findAreaFor(
  db: Executor,
  actor: Actor,
  programmeId: string,
  areaId: string,
): Promise<Row<'workProgrammeAreas'>> {
  const row = await db
    .selectFrom('workProgrammeAreas')
    .selectAll()
    .where('id', '=', areaId)
    .where('programmeId', '=', programmeId)
    .executeTakeFirst();
  if (!row || !canSee(actor, row)) throw invalid('areaId', 'no such area in this programme');
  return row;
}

export async function findTopicFor(
  db: Executor,
  actor: Actor,
  topicId: string,
): Promise<Row<'topics'>> {
  const row = await db
    .selectFrom('topics')
    .selectAll()
    .where('id', '=', topicId)
    .executeTakeFirst();
  if (!row || !canSee(actor, row)) throw invalid('topicId', 'no such topic');
  return row;
}
