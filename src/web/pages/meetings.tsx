import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import {
  Instant,
  PartialDate,
  ProblemMessage,
  QueryState,
  usePageTitle,
  VisibilityMark,
} from '../components/common.tsx';
import { api, ok } from '../lib/api.ts';
import { usePreferences, useT } from '../lib/i18n.tsx';
import { hasRole, useMe } from '../lib/session.ts';

export const LEVELS = [
  'summit',
  'foreign-ministers',
  'defence-ministers',
  'ambassadors',
  'chiefs-of-defence',
  'military-representatives',
  'experts',
] as const;
export type Level = (typeof LEVELS)[number];

export function MeetingsPage() {
  const t = useT();
  usePageTitle(t('nav.meetings'));
  const me = useMe();
  const meetings = useQuery({
    queryKey: ['meetings', 'all'],
    queryFn: () => ok(api.GET('/api/meetings', { params: { query: { limit: 200 } } })),
  });
  return (
    <div>
      <h1>{t('nav.meetings')}</h1>
      {hasRole(me.data, 'secretary') && <ScheduleMeeting />}
      <QueryState query={meetings} isEmpty={(d) => d.items.length === 0} empty={t('meetings.none')}>
        {(d) => (
          <table className="table">
            <caption className="visually-hidden">{t('nav.meetings')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meeting.date')}</th>
                <th scope="col">{t('meeting.title')}</th>
                <th scope="col">{t('meeting.level')}</th>
                <th scope="col">{t('meeting.status')}</th>
                <th scope="col">{t('meeting.visibility')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.startsAt ? <Instant value={m.startsAt} /> : <PartialDate value={m.date} />}
                  </td>
                  <td>
                    <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                  </td>
                  <td>{m.level ? t(`level.${m.level}`) : ''}</td>
                  <td>{t(`meetingStatus.${m.status}`)}</td>
                  <td>
                    <VisibilityMark visibility={m.visibility} party={m.party} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </div>
  );
}

/** A secretary schedules a meeting; it opens on its own page, where the agenda is built. */
export function ScheduleMeeting() {
  const t = useT();
  const { timeZone } = usePreferences();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [level, setLevel] = useState<Level>('ambassadors');
  const [format, setFormat] = useState<'joint' | 'caucus'>('joint');
  const [startsAt, setStartsAt] = useState('');
  const [venue, setVenue] = useState('');
  const schedule = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/meetings', {
          body: {
            title,
            level,
            format,
            startsAt: new Date(startsAt).toISOString(),
            timeZone,
            ...(venue ? { venue } : {}),
          },
        }),
      ),
    onSuccess: async (meeting) => {
      await queryClient.invalidateQueries({ queryKey: ['meetings'] });
      await navigate(`/meetings/${meeting.id}`);
    },
  });
  return (
    <details className="card form-card">
      <summary>{t('meetings.schedule')}</summary>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          schedule.mutate();
        }}
      >
        <label>
          {t('meeting.title')}
          <input name="title" required value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('meeting.level')}
          <select name="level" value={level} onChange={(e) => setLevel(e.target.value as Level)}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`level.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('meeting.format')}
          <select
            name="format"
            value={format}
            onChange={(e) => setFormat(e.target.value as 'joint' | 'caucus')}
          >
            <option value="joint">{t('format.joint')}</option>
            <option value="caucus">{t('format.caucus')}</option>
          </select>
        </label>
        <label>
          {t('meeting.startsAt')}
          <input
            name="startsAt"
            type="datetime-local"
            required
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
          />
        </label>
        <label>
          {t('meeting.venue')}
          <input name="venue" value={venue} onChange={(e) => setVenue(e.target.value)} />
        </label>
        <ProblemMessage error={schedule.error} />
        <Button type="submit" className="button" isDisabled={schedule.isPending}>
          {t('meetings.scheduleSubmit')}
        </Button>
      </form>
    </details>
  );
}
