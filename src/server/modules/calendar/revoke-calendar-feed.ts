import type { Deps } from '../../deps.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { change } from '../changes/unit-of-work.ts';

/**
 * Revokes one of the signed-in user's own feeds: its URL answers 404 from the next request on.
 * Another user's feed answers NotFound, exactly like one that does not exist. Errors:
 * Unauthenticated, NotFound.
 */
export async function revokeCalendarFeed(deps: Deps, actor: Actor, feedId: string): Promise<void> {
  if (actor.kind !== 'user') {
    throw new DomainError('Unauthenticated', 'sign in to revoke a calendar feed');
  }
  await change(deps, actor, async ({ trx, record }) => {
    const feed = await trx
      .selectFrom('calendarFeeds')
      .select(['id', 'label'])
      .where('id', '=', feedId)
      .where('userId', '=', actor.userId)
      .executeTakeFirst();
    if (!feed) throw notFound('calendar feed');
    await trx.deleteFrom('calendarFeeds').where('id', '=', feed.id).execute();
    record({
      entity: 'user',
      id: actor.userId,
      action: 'revoke-calendar-feed',
      scope: { visibility: 'caucus', party: actor.party },
      audit: { before: { feedId: feed.id, label: feed.label } },
    });
  });
}
