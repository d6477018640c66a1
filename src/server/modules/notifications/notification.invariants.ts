import { NOTIFICATION_KINDS } from '../../../shared/notifications.schemas.ts';
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
  {
    name: 'pendingNotifications.notice',
    check: async (db) => {
      const rows = await db
        .selectFrom('pendingNotifications')
        .leftJoin('users', 'users.id', 'pendingNotifications.actorUserId')
        .select([
          'pendingNotifications.id',
          'pendingNotifications.kind',
          'pendingNotifications.narrowTo',
          'pendingNotifications.deliveredThrough',
          'pendingNotifications.actorUserId',
          'users.id as actor',
        ])
        .orderBy('pendingNotifications.id')
        .execute();
      const found: Violation[] = [];
      for (const r of rows) {
        if (!(NOTIFICATION_KINDS as readonly string[]).includes(r.kind)) {
          found.push(violation('pendingNotifications', r.id, `kind ${r.kind} is no notification`));
        }
        if (r.actorUserId !== null && r.actor === null) {
          found.push(
            violation(
              'pendingNotifications',
              r.id,
              `names user ${r.actorUserId}, who does not exist`,
            ),
          );
        }
        if (r.deliveredThrough !== null && !isProgress(r.deliveredThrough)) {
          found.push(
            violation(
              'pendingNotifications',
              r.id,
              'deliveredThrough must be a JSON object of party ids, each the last reader told (a user id) or "~done"',
            ),
          );
        }
        if (r.narrowTo !== null && !isParticipantList(r.narrowTo)) {
          found.push(
            violation(
              'pendingNotifications',
              r.id,
              'narrowTo must be a JSON array of participants ({"participantKind":"party"|"delegation","participant":id})',
            ),
          );
        }
      }
      return found;
    },
  },
];

/** Whether `json` is how far a notice went: `{ "<party>": "<user id>" | "~done" | null }`. */
function isProgress(json: string): boolean {
  const value = parsed(json);
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => v === null || typeof v === 'string')
  );
}

function parsed(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** Whether `json` is what notifyReaders writes for a silence's participants. */
function isParticipantList(json: string): boolean {
  const value = parsed(json);
  return (
    Array.isArray(value) &&
    value.every(
      (p) =>
        typeof p === 'object' &&
        p !== null &&
        (p.participantKind === 'party' || p.participantKind === 'delegation') &&
        typeof p.participant === 'string',
    )
  );
}
