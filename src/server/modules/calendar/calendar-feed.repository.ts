import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { UserActor } from '../access/actor.ts';
import { hashSecret } from '../auth/session-secrets.ts';
import { toActor } from '../auth/user-actor.ts';

/**
 * Whether a feed still opens: its user is enabled, and has not been disabled since the feed was
 * made. Disabling a user revokes its feeds for good: enabling it again does not bring back URLs
 * that may have leaked meanwhile (the audit trail, append only, says when a user was disabled).
 */
export function isLiveFeed(eb: ExpressionBuilder<Database, 'calendarFeeds' | 'users'>) {
  return eb.and([
    eb('users.disabledAt', 'is', null),
    eb.not(
      eb.exists(
        eb
          .selectFrom('auditEvents')
          .select('auditEvents.id')
          .where('auditEvents.entityType', '=', 'user')
          .whereRef('auditEvents.entityId', '=', 'calendarFeeds.userId')
          .where('auditEvents.action', '=', 'user.disable')
          .whereRef('auditEvents.at', '>=', 'calendarFeeds.createdAt'),
      ),
    ),
  ]);
}

export interface ResolvedFeed {
  feedId: string;
  /** The feed's user, whose view the feed shows. */
  actor: UserActor;
}

/**
 * The live feed a secret opens, with its user, in one indexed query; null for a secret no
 * feed has, a revoked feed and a feed whose user was disabled. Only the secret's hash is
 * looked up, as for sessions. A feed secret opens this and nothing else: sessions and tokens
 * live in another table, so it is no bearer token, and a bearer token is no feed.
 */
export async function resolveCalendarFeed(
  db: Executor,
  secret: string,
): Promise<ResolvedFeed | null> {
  const row = await db
    .selectFrom('calendarFeeds')
    .innerJoin('users', 'users.id', 'calendarFeeds.userId')
    .select([
      'calendarFeeds.id as feedId',
      'users.id',
      'users.username',
      'users.party',
      'users.roles',
    ])
    .where('calendarFeeds.tokenHash', '=', hashSecret(secret))
    .where(isLiveFeed)
    .executeTakeFirst();
  return row ? { feedId: row.feedId, actor: toActor(row) } : null;
}

/** The user's live feeds, newest first. */
export function selectLiveFeeds(db: Executor, userId: string) {
  return db
    .selectFrom('calendarFeeds')
    .innerJoin('users', 'users.id', 'calendarFeeds.userId')
    .select([
      'calendarFeeds.id',
      'calendarFeeds.label',
      'calendarFeeds.createdAt',
      'calendarFeeds.lastUsedAt',
    ])
    .where('calendarFeeds.userId', '=', userId)
    .where(isLiveFeed)
    .orderBy('calendarFeeds.createdAt', 'desc')
    .orderBy('calendarFeeds.id', 'desc');
}
