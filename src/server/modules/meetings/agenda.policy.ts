import type { AgendaStatus } from '../../../shared/meetings.schemas.ts';
import type { MeetingFormat, MeetingStatus } from '../../../shared/vocabularies.ts';

export interface AgreementFact {
  party: string | null;
  agendaVersion: number;
}

/**
 * The Founding Act has the agenda of regular sessions "established jointly": a joint
 * meeting's agenda is `agreed` exactly when a secretary of EVERY party has agreed its
 * current version; an agreement to an earlier version no longer counts. A meeting that is no
 * longer planned can never be agreed (the agenda is locked), so one without an agreement on
 * record says so (`not-recorded`, e.g. the historical meetings of the PJC record) rather than
 * staying `draft` for ever. A caucus meeting's agenda is its party's own business, so no
 * joint agreement applies (`not-required`).
 */
export function agendaStatusOf(
  meeting: {
    format: MeetingFormat;
    agendaVersion: number;
    status: MeetingStatus;
  },
  agreements: readonly AgreementFact[],
  partyIds: readonly string[],
): AgendaStatus {
  const version = meeting.agendaVersion;
  if (meeting.format === 'caucus') return { status: 'not-required', version, agreedBy: [] };
  const current = new Set(
    agreements
      .filter((a) => a.agendaVersion === version && a.party !== null)
      .map((a) => a.party as string),
  );
  const agreedBy = partyIds.filter((p) => current.has(p)).sort();
  // With no parties on record nothing can have been agreed by all of them.
  const agreed = partyIds.length > 0 && agreedBy.length === partyIds.length;
  if (agreed) return { status: 'agreed', version, agreedBy };
  return { status: meeting.status === 'planned' ? 'draft' : 'not-recorded', version, agreedBy };
}
