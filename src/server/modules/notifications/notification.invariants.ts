import { type Invariant, type Violation, violation } from '../integrity/invariant.ts';

/**
 * A notification tells its user of something that user may see (notifyReaders picks the
 * readers): it is about a text that exists, and a caucus text's notifications belong to users
 * of that text's party only.
 */
export const NOTIFICATION_INVARIANTS: readonly Invariant[] = [
  {
    name: 'notifications.audience',
    check: async (db) => {
      const rows = await db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.userId')
        .leftJoin('texts', (join) =>
          join
            .onRef('texts.id', '=', 'notifications.entityId')
            .on('notifications.entityType', '=', 'text'),
        )
        .select([
          'notifications.id',
          'notifications.entityType',
          'notifications.entityId',
          'users.party as userParty',
          'texts.id as textId',
          'texts.visibility',
          'texts.party',
        ])
        .orderBy('notifications.id')
        .execute();
      const found: Violation[] = [];
      for (const r of rows) {
        if (r.textId === null) {
          found.push(
            violation(
              'notifications',
              r.id,
              `is about ${r.entityType} ${r.entityId}, which does not exist`,
            ),
          );
        } else if (r.visibility === 'caucus' && r.party !== r.userParty) {
          found.push(
            violation(
              'notifications',
              r.id,
              `tells a ${r.userParty} user of ${r.party}'s caucus text`,
            ),
          );
        }
      }
      return found;
    },
  },
];
