import type { CalendarFeed } from '../../../shared/calendar-feeds.schemas.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { selectLiveFeeds } from './calendar-feed.repository.ts';

/** The signed-in user's live feeds, newest first, never their secrets. Errors: Unauthenticated. */
export async function listCalendarFeeds(deps: Deps, actor: Actor): Promise<CalendarFeed[]> {
  if (actor.kind !== 'user') {
    throw new DomainError('Unauthenticated', 'sign in to see your calendar feeds');
  }
  return selectLiveFeeds(deps.db, actor.userId).execute();
}
