import type { Readable } from 'node:stream';
import { runAsSystem } from '../../db/postgres.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import { serveRequestAs } from '../access/viewer.ts';
import { change } from '../changes/unit-of-work.ts';
import { calendarWindowOf } from '../meetings/calendar-window.ts';
import { meetingsCalendar } from '../meetings/meetings-calendar.ts';
import { resolveCalendarFeed } from './calendar-feed.repository.ts';

/**
 * The calendar a feed secret opens: its user's view (the one visibility rule, as for any read
 * of that user's), over the default window, whoever sends the request. Notes when it was read,
 * for the user's list of feeds; that is bookkeeping, not a change of the record, and has no
 * audit entry (a calendar app reads every hour or so). NotFound for an unknown secret, a
 * revoked feed and a feed whose user was disabled, all alike.
 */
export async function readCalendarFeed(deps: Deps, secret: string): Promise<Readable> {
  // Past row-level security: whether the feed's user was disabled is in its party's trail.
  const feed = await runAsSystem(() => resolveCalendarFeed(deps.db, secret));
  if (feed === null) throw notFound('calendar feed');
  serveRequestAs(feed.actor);
  await change(
    deps,
    feed.actor,
    async ({ trx, at }) => {
      await trx
        .updateTable('calendarFeeds')
        .set({ lastUsedAt: at })
        .where('id', '=', feed.feedId)
        .execute();
    },
    { bookkeeping: true },
  );
  const window = calendarWindowOf({}, deps.clock());
  return meetingsCalendar(deps.db, feed.actor, window, {});
}
