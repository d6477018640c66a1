import { randomBytes } from 'node:crypto';
import type {
  CreateCalendarFeedInput,
  CreatedCalendarFeed,
} from '../../../shared/calendar-feeds.schemas.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { hashSecret } from '../auth/session-secrets.ts';
import { change } from '../changes/unit-of-work.ts';
import { isLiveFeed } from './calendar-feed.repository.ts';

/** A user's devices and calendars, with room to spare; more is a leak waiting to happen. */
export const MAX_FEEDS_PER_USER = 20;

/**
 * Makes a private feed for the signed-in user and answers its URL, this once: only the
 * SHA-256 of its 256-bit secret is stored. The feed shows what the user may see, whoever reads
 * it, until the user revokes it or is disabled. Feeds a disabled user had before are cleared
 * here. The audit entry, the user's party's caucus like every entry about a user, names the
 * feed and never its secret. Errors: Unauthenticated, Conflict (MAX_FEEDS_PER_USER live feeds).
 */
export async function createCalendarFeed(
  deps: Deps,
  actor: Actor,
  input: CreateCalendarFeedInput,
  urlOf: (secret: string) => string,
): Promise<CreatedCalendarFeed> {
  if (actor.kind !== 'user') {
    throw new DomainError('Unauthenticated', 'sign in to make a calendar feed');
  }
  const secret = randomBytes(32).toString('base64url');
  return change(deps, actor, async ({ trx, at, record }) => {
    const dead = await trx
      .selectFrom('calendarFeeds')
      .innerJoin('users', 'users.id', 'calendarFeeds.userId')
      .select('calendarFeeds.id')
      .where('calendarFeeds.userId', '=', actor.userId)
      .where((eb) => eb.not(isLiveFeed(eb)))
      .execute();
    if (dead.length > 0) {
      await trx
        .deleteFrom('calendarFeeds')
        .where(
          'id',
          'in',
          dead.map((f) => f.id),
        )
        .execute();
    }
    const { count } = await trx
      .selectFrom('calendarFeeds')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('userId', '=', actor.userId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_FEEDS_PER_USER) {
      throw new DomainError(
        'Conflict',
        `a user keeps at most ${MAX_FEEDS_PER_USER} calendar feeds: revoke one first`,
      );
    }
    const feed = {
      id: deps.ids(),
      label: input.label ?? null,
      createdAt: at,
      lastUsedAt: null,
    };
    await trx
      .insertInto('calendarFeeds')
      .values({ ...feed, tokenHash: hashSecret(secret), userId: actor.userId })
      .execute();
    record({
      entity: 'user',
      id: actor.userId,
      action: 'create-calendar-feed',
      scope: { visibility: 'caucus', party: actor.party },
      audit: { after: { feedId: feed.id, label: feed.label } },
    });
    return { ...feed, url: urlOf(secret) };
  });
}
