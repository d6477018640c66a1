import type { AgendaItem, Meeting } from '../../../shared/meetings.schemas.ts';
import { CO_CHAIR_ROLES, type CoChairRole } from '../../../shared/vocabularies.ts';
import { fromJson } from '../../db/dialect.ts';
import { cited } from '../sources/source-ref.ts';
import { type AgreementFact, agendaStatusOf } from './agenda.policy.ts';
import type { AgendaItemViewRow, MeetingViewRow } from './meeting.repository.ts';

const roleOrder = (role: CoChairRole) => CO_CHAIR_ROLES.indexOf(role);

export function toMeeting(row: MeetingViewRow): Meeting {
  const coChairs = fromJson(row.coChairs)
    .sort((a, b) => roleOrder(a.role) - roleOrder(b.role))
    .map((c) => ({ ...c, ...cited(c) }));
  const agreements: AgreementFact[] = fromJson(row.agreements);
  const partyIds = fromJson(row.parties).map((p) => p.id);
  return {
    id: row.id,
    title: row.title,
    level: row.level,
    format: row.format,
    party: row.party,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.timeZone,
    date: row.date,
    venue: row.venue,
    status: row.status,
    visibility: row.visibility,
    summary: row.summary,
    seriesId: row.seriesId,
    ...cited(row),
    agenda: agendaStatusOf(row, agreements, partyIds),
    coChairs,
    attendance: fromJson(row.attendance).map((a) => ({ ...a, ...cited(a) })),
    publication: { requestedBy: fromJson(row.publicationRequests).map((r) => r.party) },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toAgendaItem(row: AgendaItemViewRow): AgendaItem {
  return {
    id: row.id,
    meetingId: row.meetingId,
    position: row.position,
    title: row.title,
    topicIds: fromJson(row.topics).map((t) => t.id),
    activityIds: fromJson(row.activities).map((a) => a.id),
    chairedBy: row.chairedBy,
    outcome: row.outcome,
    ...cited(row),
    reconstructed: row.reconstructed === 1,
    visibility: row.visibility,
    party: row.party,
  };
}
