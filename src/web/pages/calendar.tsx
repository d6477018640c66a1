import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import {
  Instant,
  PartialDate,
  ProblemMessage,
  QueryState,
  usePageTitle,
  VisibilityMark,
} from '../components/common.tsx';
import { api, type Ok, ok } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import { useTopics } from '../lib/queries.ts';
import { useMe } from '../lib/session.ts';
import { LEVELS, type Level } from './meetings.tsx';

type Meeting = Ok<'listMeetings'>['items'][number];

/** The days of a month's grid, Monday first, padded with nulls before the 1st. */
export function monthGrid(year: number, month: number): (number | null)[] {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (first + 6) % 7;
  return [
    ...Array.from({ length: pad }, () => null),
    ...Array.from({ length: days }, (_, i) => i + 1),
  ];
}

export function CalendarPage() {
  const t = useT();
  const intl = useIntl();
  usePageTitle(t('nav.calendar'));
  const now = new Date();
  const [year, setYear] = useState(now.getFullYear());
  const [month, setMonth] = useState(now.getMonth() + 1);
  const [view, setView] = useState<'month' | 'list'>('month');
  const [level, setLevel] = useState<Level | ''>('');
  const [topicId, setTopicId] = useState('');
  const topics = useTopics();
  const me = useMe();
  const ym = `${year}-${String(month).padStart(2, '0')}`;
  const meetings = useQuery({
    queryKey: ['meetings', 'calendar', ym, level, topicId],
    queryFn: () =>
      ok(
        api.GET('/api/meetings', {
          params: {
            query: {
              from: ym,
              to: ym,
              limit: 200,
              ...(level ? { level } : {}),
              ...(topicId ? { topicId } : {}),
            },
          },
        }),
      ),
  });
  const cadence = useQuery({
    queryKey: ['cadence', year],
    queryFn: () => ok(api.GET('/api/council/cadence', { params: { query: { year } } })),
  });
  const step = (delta: number) => {
    const d = new Date(Date.UTC(year, month - 1 + delta, 1));
    setYear(d.getUTCFullYear());
    setMonth(d.getUTCMonth() + 1);
  };
  const monthName = intl.formatDate(new Date(Date.UTC(year, month - 1, 15)), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const behind = (cadence.data?.levels ?? []).filter((l) => (l.shortfall ?? 0) > 0);
  return (
    <div>
      <h1>{t('nav.calendar')}</h1>
      {behind.length > 0 && (
        <div className="warning" role="status">
          <strong>{t('calendar.frequencyWarning', { year })}</strong>
          <ul>
            {behind.map((l) => (
              <li key={l.level}>
                {t('calendar.behind', {
                  level: t(`level.${l.level}`),
                  required: l.required.count ?? 0,
                  held: l.held + l.planned,
                })}{' '}
                <span className="meta">({l.required.basis})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="toolbar">
        <Button
          className="button button-small"
          onPress={() => step(-1)}
          aria-label={t('calendar.previous')}
        >
          ←
        </Button>
        <h2 className="month-name" aria-live="polite">
          {monthName}
        </h2>
        <Button
          className="button button-small"
          onPress={() => step(1)}
          aria-label={t('calendar.next')}
        >
          →
        </Button>
        <ToggleButtonGroup
          aria-label={t('calendar.view')}
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[view]}
          onSelectionChange={(keys) => setView([...keys][0] === 'list' ? 'list' : 'month')}
          className="toggle-group"
        >
          <ToggleButton id="month" className="toggle">
            {t('calendar.month')}
          </ToggleButton>
          <ToggleButton id="list" className="toggle">
            {t('calendar.list')}
          </ToggleButton>
        </ToggleButtonGroup>
        <label className="inline-label">
          {t('meeting.level')}
          <select value={level} onChange={(e) => setLevel(e.target.value as Level | '')}>
            <option value="">{t('calendar.allLevels')}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`level.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-label">
          {t('calendar.topic')}
          <select value={topicId} onChange={(e) => setTopicId(e.target.value)}>
            <option value="">{t('calendar.allTopics')}</option>
            {(topics.data?.items ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={meetings}>
        {(d) =>
          view === 'month' ? (
            <MonthView year={year} month={month} meetings={d.items} />
          ) : d.items.length === 0 ? (
            <p className="empty">{t('calendar.noneThisMonth')}</p>
          ) : (
            <ul className="item-list">
              {d.items.map((m) => (
                <li key={m.id}>
                  {m.startsAt ? <Instant value={m.startsAt} /> : <PartialDate value={m.date} />} ·{' '}
                  <Link to={`/meetings/${m.id}`}>{m.title}</Link>{' '}
                  {m.level && <span className="tag">{t(`level.${m.level}`)}</span>}{' '}
                  <VisibilityMark visibility={m.visibility} party={m.party} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {me.data && <Subscription />}
    </div>
  );
}

function MonthView({
  year,
  month,
  meetings,
}: {
  year: number;
  month: number;
  meetings: Meeting[];
}) {
  const t = useT();
  const intl = useIntl();
  const days = monthGrid(year, month);
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    intl.formatDate(new Date(Date.UTC(2024, 0, 1 + i)), { weekday: 'short', timeZone: 'UTC' }),
  );
  const onDay = (day: number) => {
    const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return meetings.filter((m) => m.date === iso);
  };
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  return (
    <table className="month">
      <caption className="visually-hidden">{t('calendar.month')}</caption>
      <thead>
        <tr>
          {weekdays.map((w) => (
            <th key={w} scope="col">
              {w}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week.join('-')}>
            {Array.from({ length: 7 }, (_, i) => week[i] ?? null).map((day, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the grid's cells are positional
              <td key={i} className={day ? 'day' : 'day day-empty'}>
                {day && (
                  <>
                    <span className="day-number">{day}</span>
                    <ul>
                      {onDay(day).map((m) => (
                        <li key={m.id} className={m.visibility === 'caucus' ? 'day-caucus' : ''}>
                          <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                          {m.visibility === 'caucus' && (
                            <VisibilityMark visibility="caucus" party={m.party} />
                          )}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Subscription() {
  const t = useT();
  const queryClient = useQueryClient();
  const feeds = useQuery({
    queryKey: ['calendar-feeds'],
    queryFn: () => ok(api.GET('/api/me/calendar-feeds')),
  });
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/me/calendar-feeds', { body: { label: t('calendar.feedLabel') } })),
    onSuccess: async (feed) => {
      setCreated(feed.url);
      await queryClient.invalidateQueries({ queryKey: ['calendar-feeds'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      ok(api.DELETE('/api/me/calendar-feeds/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['calendar-feeds'] }),
  });
  return (
    <section className="card" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('calendar.subscription')}</h2>
      <p>{t('calendar.subscriptionExplain')}</p>
      {created && (
        <p className="feed-url">
          <code>{created}</code>
        </p>
      )}
      <QueryState query={feeds} isEmpty={(d) => d.items.length === 0} empty={t('calendar.noFeeds')}>
        {(d) => (
          <ul>
            {d.items.map((f) => (
              <li key={f.id}>
                {f.label ?? f.id} · <Instant value={f.createdAt} />{' '}
                <Button
                  className="button button-small button-quiet"
                  onPress={() => revoke.mutate(f.id)}
                >
                  {t('calendar.revoke')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <Button className="button" onPress={() => create.mutate()} isDisabled={create.isPending}>
        {t('calendar.createFeed')}
      </Button>
      <ProblemMessage error={create.error ?? revoke.error} />
    </section>
  );
}
