import { type Expression, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { UserActor } from '../access/actor.ts';
import { readableTexts } from '../texts/texts.repository.ts';

/**
 * A user's own notifications that it may still read what they are about: a text's marking or
 * releasability can narrow after the notification was written, and the notification then
 * shows no more than the text does (nothing).
 */
export function ownReadable(user: UserActor, alias = 'notifications'): Expression<SqlBool> {
  const n = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<SqlBool>`(${n('userId')} = ${user.userId} and ${n('entityType')} = 'text'
    and exists (select 1 from "texts" where "texts"."id" = ${n('entityId')}
      and ${readableTexts(user, 'texts')}))`;
}

/** How many of the user's own notifications are unread. */
export async function unreadCount(db: Executor, user: UserActor): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(ownReadable(user))
    .where('notifications.readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
