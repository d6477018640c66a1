import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import { DomainError } from '../../domain/errors.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';

export interface VoidedAgreement {
  party: string;
  agendaVersion: number;
}

/**
 * What the parties agree to when they agree a joint meeting's agenda changed: the agenda, or
 * the meeting's terms (title, time, venue, co-chairs). The version moves on, and every
 * agreement on record is void, visibly: removed, recorded in the audit trail as
 * `meeting.void-agreements` naming whose agreement to which version, and answered to the
 * caller (`voidedAgreements`). Nothing both parties agreed stays "agreed" after one changed it.
 * Answers the meeting's new version and the agreements voided.
 */
export async function reviseAgreedTerms(
  uow: UnitOfWork,
  meeting: Row<'meetings'>,
  what: string,
): Promise<{ agendaVersion: number; voidedAgreements: VoidedAgreement[] }> {
  const { trx, at, record } = uow;
  const agendaVersion = meeting.agendaVersion + 1;
  await trx
    .updateTable('meetings')
    .set({ agendaVersion, updatedAt: at })
    .where('id', '=', meeting.id)
    .execute();
  const agreements = await trx
    .selectFrom('agendaAgreements')
    .select(['party', 'agendaVersion'])
    .where('meetingId', '=', meeting.id)
    .where('party', 'is not', null)
    .$narrowType<{ party: string }>()
    .orderBy('party')
    .execute();
  if (agreements.length > 0) {
    await trx.deleteFrom('agendaAgreements').where('meetingId', '=', meeting.id).execute();
    record({
      entity: 'meeting',
      id: meeting.id,
      action: 'void-agreements',
      scope: meeting,
      audit: { before: { agreements }, after: { because: what, agendaVersion } },
    });
  }
  return { agendaVersion, voidedAgreements: agreements };
}

/**
 * The terms of a meeting both parties agreed, once it is no longer planned (held, cancelled),
 * are history: changing them would void the agreements for good, since the agenda of a meeting
 * that is not planned can never be agreed again (the review erased a held meeting's agreed
 * agenda by renaming it). AlreadyAgreed when `status` (the meeting's, before or after the
 * change) is not planned and an agreement is on record; a planned meeting's terms change and
 * void its agreements visibly (reviseAgreedTerms), to be agreed again.
 */
export async function assertAgreedTermsOpen(
  trx: Executor,
  meeting: Row<'meetings'>,
  statusAfter: Row<'meetings'>['status'],
  field: string,
): Promise<void> {
  if (meeting.status === 'planned' && statusAfter === 'planned') return;
  const agreed = await trx
    .selectFrom('agendaAgreements')
    .select('party')
    .where('meetingId', '=', meeting.id)
    .executeTakeFirst();
  if (agreed === undefined) return;
  const status = meeting.status === 'planned' ? statusAfter : meeting.status;
  throw new DomainError(
    'AlreadyAgreed',
    `both parties agreed the terms of this ${status} meeting: they are on record as agreed`,
    [{ field, message: `the terms of a ${status} meeting whose agenda was agreed cannot change` }],
  );
}
