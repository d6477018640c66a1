import type { Row } from '../../db/schema.ts';
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
