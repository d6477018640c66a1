import type { NotificationKind } from '../../../shared/notifications.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { notifyUsers } from '../notifications/notify.ts';
import { readersOf } from './texts.repository.ts';

/**
 * Tells the readers of a text (its audience, cleared for its marking and among those it is
 * releasable to) what happened to it, in the unit of work that made it happen: a caucus text's
 * notifications reach its own party's users only. `narrowTo` keeps some of them (the users of
 * a silence's participants), and the user who acted is not told what it did itself.
 */
export async function notifyReaders(
  uow: UnitOfWork,
  text: Row<'texts'>,
  kind: NotificationKind,
  message: string,
  narrowTo?: Parameters<typeof readersOf>[2],
): Promise<void> {
  const actingUser = uow.actor.kind === 'user' ? uow.actor.userId : null;
  const readers = (await readersOf(uow.trx, text, narrowTo)).filter((id) => id !== actingUser);
  await notifyUsers(uow, readers, { kind, entityType: 'text', entityId: text.id, message });
}
