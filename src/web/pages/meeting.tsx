import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { AgendaList } from '../components/agenda-list.tsx';
import {
  Cite,
  Instant,
  PartialDate,
  ProblemMessage,
  partyName,
  QueryState,
  usePageTitle,
  VisibilityMark,
} from '../components/common.tsx';
import { NotesPanel } from '../components/notes-panel.tsx';
import { api, type Ok, ok } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import { useParties, useTopics } from '../lib/queries.ts';
import { hasRole, type Me, useMe } from '../lib/session.ts';

type Meeting = Ok<'getMeeting'>;

export function MeetingPage() {
  const { id = '' } = useParams();
  const t = useT();
  const meeting = useQuery({
    queryKey: ['meeting', id],
    queryFn: () => ok(api.GET('/api/meetings/{id}', { params: { path: { id } } })),
  });
  usePageTitle(meeting.data?.title ?? t('meeting.page'));
  const me = useMe();
  return (
    <QueryState query={meeting}>
      {(m) => <MeetingView meeting={m} me={me.data ?? null} />}
    </QueryState>
  );
}

function MeetingView({ meeting: m, me }: { meeting: Meeting; me: Me | null }) {
  const t = useT();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['meeting', m.id] });
  const isSecretary = hasRole(me, 'secretary');
  // A public meeting shows the record both parties published: no one party edits it.
  const published = m.visibility === 'public';
  const canEditAgenda =
    isSecretary &&
    !published &&
    m.status === 'planned' &&
    (m.format === 'joint' || m.party === me?.party.id);
  const reorder = useMutation({
    mutationFn: (itemIds: string[]) =>
      ok(
        api.POST('/api/meetings/{id}/agenda-items/order', {
          params: { path: { id: m.id } },
          body: { itemIds },
        }),
      ),
    onSettled: refresh,
  });
  // Agreeing is never optimistic: the button says what the server recorded, once it has.
  const agree = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/meetings/{id}/agenda/agree', {
          params: { path: { id: m.id } },
          body: { agendaVersion: m.agenda.version },
        }),
      ),
    onSettled: refresh,
  });
  const myParty = me?.party.id;
  const canAgree =
    isSecretary &&
    m.format === 'joint' &&
    m.status === 'planned' &&
    !!myParty &&
    !m.agenda.agreedBy.includes(myParty);
  return (
    <article className="meeting">
      <header className="page-header">
        <h1>{m.title}</h1>
        <p className="meta">
          {m.startsAt ? <Instant value={m.startsAt} /> : <PartialDate value={m.date} />}
          {m.venue && <span> · {m.venue}</span>}
          {m.level && <span className="tag">{t(`level.${m.level}`)}</span>}
          <span className="tag">{t(`meetingStatus.${m.status}`)}</span>
          <span className="tag">{t(`format.${m.format}`)}</span>
          <VisibilityMark visibility={m.visibility} party={m.party} />
        </p>
        {m.startsAt && m.timeZone !== 'UTC' && (
          <p className="meta">{t('meeting.setIn', { zone: m.timeZone })}</p>
        )}
        <Cite sourceId={m.sourceId} />
        {published && isSecretary && <p className="meta">{t('meeting.publishedRecord')}</p>}
      </header>

      <section className="card" aria-labelledby="agenda-title">
        <h2 id="agenda-title">{t('agenda.title')}</h2>
        <div className="agenda-state" aria-live="polite">
          <p>
            <span className={`status-pill agenda-${m.agenda.status}`}>
              {t(`agendaStatus.${m.agenda.status}`)}
            </span>{' '}
            {t('agenda.version', { version: m.agenda.version })}
          </p>
          {m.format === 'joint' && m.agenda.status !== 'not-recorded' && (
            <ul className="agreements">
              {['nato', 'russia'].map((party) => (
                <li key={party}>
                  {m.agenda.agreedBy.includes(party)
                    ? t('agenda.agreedByParty', {
                        party: partyName(party),
                        version: m.agenda.version,
                      })
                    : t('agenda.notAgreedByParty', { party: partyName(party) })}
                </li>
              ))}
            </ul>
          )}
          {canAgree && (
            <Button className="button" onPress={() => agree.mutate()} isDisabled={agree.isPending}>
              {t('agenda.agree', { version: m.agenda.version, party: partyName(myParty) })}
            </Button>
          )}
          <ProblemMessage error={agree.error} />
        </div>
        <AgendaList
          items={m.agendaItems}
          canEdit={canEditAgenda}
          busy={reorder.isPending}
          onReorder={(ids) => reorder.mutate(ids)}
        />
        <ProblemMessage error={reorder.error} />
        {canEditAgenda && <AddAgendaItem meeting={m} onAdded={refresh} />}
      </section>

      <div className="grid">
        <CoChairs meeting={m} />
        <Attendance meeting={m} canEdit={isSecretary && !published && m.format === 'joint'} />
      </div>

      {(m.summary || (isSecretary && !published && m.status === 'held')) && (
        <section className="card" aria-labelledby="summary-title">
          <h2 id="summary-title">{t('meeting.summary')}</h2>
          {m.summary && <p className="prose">{m.summary}</p>}
          {isSecretary && !published && m.status === 'held' && (
            <SummaryEditor meeting={m} onSaved={refresh} />
          )}
        </section>
      )}

      <Linked meetingId={m.id} />
      {me && (
        <NotesPanel filter={{ meetingId: m.id }} me={me} jointAllowed={m.format === 'joint'} />
      )}
    </article>
  );
}

function SummaryEditor({
  meeting,
  onSaved,
}: {
  meeting: Meeting;
  onSaved: () => Promise<unknown>;
}) {
  const t = useT();
  const [summary, setSummary] = useState(meeting.summary ?? '');
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.PATCH('/api/meetings/{id}', {
          params: { path: { id: meeting.id } },
          body: { summary: summary || null },
        }),
      ),
    onSuccess: onSaved,
  });
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label>
        {t('meeting.editSummary')}
        <textarea rows={5} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </label>
      <ProblemMessage error={save.error} />
      <Button type="submit" className="button" isDisabled={save.isPending}>
        {t('meeting.saveSummary')}
      </Button>
    </form>
  );
}

function AddAgendaItem({
  meeting,
  onAdded,
}: {
  meeting: Meeting;
  onAdded: () => Promise<unknown>;
}) {
  const t = useT();
  const [title, setTitle] = useState('');
  const [chairedBy, setChairedBy] = useState<'' | 'secretary-general' | 'rotating' | 'russia'>('');
  const [topicId, setTopicId] = useState('');
  const topics = useTopics();
  const add = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/meetings/{id}/agenda-items', {
          params: { path: { id: meeting.id } },
          body: {
            title,
            ...(chairedBy ? { chairedBy } : {}),
            ...(topicId ? { topicIds: [topicId] } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      setTitle('');
      await onAdded();
    },
  });
  return (
    <form
      className="form form-inline"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <label>
        {t('agenda.newItem')}
        <input
          name="agendaTitle"
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      {meeting.format === 'joint' && (
        <label>
          {t('agenda.chairedBy')}
          <select
            value={chairedBy}
            onChange={(e) => setChairedBy(e.target.value as typeof chairedBy)}
          >
            <option value="">{t('agenda.noChair')}</option>
            <option value="secretary-general">{t('coChair.secretary-general')}</option>
            <option value="rotating">{t('coChair.rotating')}</option>
            <option value="russia">{t('coChair.russia')}</option>
          </select>
        </label>
      )}
      <label>
        {t('calendar.topic')}
        <select value={topicId} onChange={(e) => setTopicId(e.target.value)}>
          <option value="">{t('agenda.noTopic')}</option>
          {(topics.data?.items ?? []).map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" className="button" isDisabled={add.isPending}>
        {t('agenda.add')}
      </Button>
      <ProblemMessage error={add.error} />
    </form>
  );
}

function useDelegationNames() {
  const parties = useParties();
  const names = new Map<string, string>();
  for (const p of parties.data?.items ?? []) for (const d of p.delegations) names.set(d.id, d.name);
  return names;
}

function usePeopleNames() {
  const people = useQuery({
    queryKey: ['people'],
    queryFn: () => ok(api.GET('/api/people', { params: { query: { limit: 200 } } })),
    staleTime: 5 * 60_000,
  });
  const names = new Map<string, string>();
  for (const p of people.data?.items ?? []) names.set(p.id, p.name);
  return names;
}

function CoChairs({ meeting }: { meeting: Meeting }) {
  const t = useT();
  const people = usePeopleNames();
  const delegations = useDelegationNames();
  return (
    <section className="card" aria-labelledby="cochairs-title">
      <h2 id="cochairs-title">{t('meeting.coChairs')}</h2>
      {meeting.coChairs.length === 0 ? (
        <p className="empty">{t('meeting.noCoChairs')}</p>
      ) : (
        <ul>
          {meeting.coChairs.map((c) => (
            <li key={c.role}>
              <strong>{t(`coChair.${c.role}`)}</strong>:{' '}
              {(c.personId && people.get(c.personId)) ||
                (c.delegationId && delegations.get(c.delegationId)) ||
                t('meeting.unnamed')}
              <Cite sourceId={c.sourceId} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Attendee = { delegationId: string; personId?: string; representative?: string };

function Attendance({ meeting, canEdit }: { meeting: Meeting; canEdit: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const parties = useParties();
  const delegations = useDelegationNames();
  const people = usePeopleNames();
  const [delegationId, setDelegationId] = useState('');
  const [representative, setRepresentative] = useState('');
  const current: Attendee[] = meeting.attendance.map((a) => ({
    delegationId: a.delegationId,
    ...(a.personId ? { personId: a.personId } : {}),
    ...(a.representative ? { representative: a.representative } : {}),
  }));
  // The whole list is sent each time (PUT): what is on screen is what the server answers.
  const save = useMutation({
    mutationFn: (attendance: Attendee[]) =>
      ok(
        api.PUT('/api/meetings/{id}/attendance', {
          params: { path: { id: meeting.id } },
          body: attendance,
        }),
      ),
    onSuccess: async () => {
      setDelegationId('');
      setRepresentative('');
      await queryClient.invalidateQueries({ queryKey: ['meeting', meeting.id] });
    },
  });
  const present = new Set(current.map((a) => a.delegationId));
  return (
    <section className="card" aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('meeting.attendance')}</h2>
      {meeting.attendance.length === 0 ? (
        <p className="empty">{t('meeting.noAttendance')}</p>
      ) : (
        <ul>
          {meeting.attendance.map((a) => (
            <li key={a.delegationId}>
              <strong>{delegations.get(a.delegationId) ?? a.delegationId}</strong>
              {(a.personId || a.representative) && (
                <span>: {(a.personId && people.get(a.personId)) || a.representative}</span>
              )}
              {canEdit && (
                <Button
                  className="button button-small button-quiet"
                  isDisabled={save.isPending}
                  aria-label={t('attendance.removeOf', {
                    delegation: delegations.get(a.delegationId) ?? a.delegationId,
                  })}
                  onPress={() =>
                    save.mutate(current.filter((x) => x.delegationId !== a.delegationId))
                  }
                >
                  {t('attendance.remove')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          className="form form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (!delegationId) return;
            save.mutate([
              ...current,
              { delegationId, ...(representative ? { representative } : {}) },
            ]);
          }}
        >
          <label>
            {t('attendance.delegation')}
            <select required value={delegationId} onChange={(e) => setDelegationId(e.target.value)}>
              <option value="">{t('attendance.choose')}</option>
              {(parties.data?.items ?? []).flatMap((p) =>
                p.delegations
                  .filter((d) => !present.has(d.id))
                  .map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  )),
              )}
            </select>
          </label>
          <label>
            {t('attendance.representative')}
            <input value={representative} onChange={(e) => setRepresentative(e.target.value)} />
          </label>
          <Button type="submit" className="button button-small" isDisabled={save.isPending}>
            {t('attendance.add')}
          </Button>
        </form>
      )}
      <ProblemMessage error={save.error} />
    </section>
  );
}

function Linked({ meetingId }: { meetingId: string }) {
  const t = useT();
  const decisions = useQuery({
    queryKey: ['decisions', 'meeting', meetingId],
    queryFn: () => ok(api.GET('/api/decisions', { params: { query: { meetingId, limit: 50 } } })),
  });
  const texts = useQuery({
    queryKey: ['texts', 'meeting', meetingId],
    queryFn: () =>
      ok(
        api.GET('/api/texts', {
          params: { query: { refKind: 'meeting', refId: meetingId, limit: 50 } },
        }),
      ),
  });
  return (
    <div className="grid">
      <section className="card" aria-labelledby="linked-decisions">
        <h2 id="linked-decisions">{t('nav.decisions')}</h2>
        <QueryState
          query={decisions}
          isEmpty={(d) => d.items.length === 0}
          empty={t('decisions.none')}
        >
          {(d) => (
            <ul>
              {d.items.map((x) => (
                <li key={x.id}>
                  <Link to={`/decisions/${x.id}`}>{x.subject}</Link> ·{' '}
                  {t(`decisionStatus.${x.status}`)}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </section>
      <section className="card" aria-labelledby="linked-texts">
        <h2 id="linked-texts">{t('nav.texts')}</h2>
        <QueryState query={texts} isEmpty={(d) => d.items.length === 0} empty={t('texts.none')}>
          {(d) => (
            <ul>
              {d.items.map((x) => (
                <li key={x.id}>
                  <Link to={`/texts/${x.id}`}>{x.title}</Link> · {t(`textState.${x.state}`)}{' '}
                  <VisibilityMark visibility={x.visibility} party={x.party} />
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </section>
    </div>
  );
}
