import type { Notification, NotificationKind } from '../../../shared/notifications.schemas.ts';
import type { Row } from '../../db/schema.ts';

export function toNotification(row: Row<'notifications'>): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    entity: { kind: row.entityType, id: row.entityId },
    message: row.message,
    at: row.at,
    readAt: row.readAt,
  };
}
