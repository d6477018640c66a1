import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  Instant,
  PartialDate,
  ProblemMessage,
  QueryState,
  usePageTitle,
  VisibilityMark,
} from '../components/common.tsx';
import { CouncilDescription } from '../components/council-description.tsx';
import { Countdown } from '../components/countdown.tsx';
import { RequireSignIn } from '../components/require-sign-in.tsx';
import { api, ok } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import type { Me } from '../lib/session.ts';

export function DashboardPage() {
  const t = useT();
  usePageTitle(t('nav.dashboard'));
  return <RequireSignIn>{(me) => <Dashboard me={me} />}</RequireSignIn>;
}

const LEVELS = [
  'summit',
  'foreign-ministers',
  'defence-ministers',
  'ambassadors',
  'chiefs-of-defence',
  'military-representatives',
  'experts',
] as const;

function Dashboard({ me }: { me: Me }) {
  const t = useT();
  const today = new Date().toISOString().slice(0, 10);
  const upcoming = useQuery({
    queryKey: ['meetings', 'upcoming', today],
    queryFn: () =>
      ok(
        api.GET('/api/meetings', {
          params: { query: { from: today, status: 'planned', limit: 200 } },
        }),
      ),
  });
  const proposed = useQuery({
    queryKey: ['decisions', 'proposed'],
    queryFn: () =>
      ok(api.GET('/api/decisions', { params: { query: { status: 'proposed', limit: 100 } } })),
  });
  const programmes = useQuery({
    queryKey: ['work-programmes'],
    queryFn: () => ok(api.GET('/api/work-programmes', { params: { query: { limit: 50 } } })),
  });
  const latestYear = programmes.data?.items.reduce((y, p) => Math.max(y, p.year), 0) || null;
  const report = useQuery({
    queryKey: ['work-programme-report', latestYear],
    enabled: latestYear !== null,
    queryFn: () =>
      ok(
        api.GET('/api/work-programmes/{year}/report', {
          params: { path: { year: latestYear ?? 0 } },
        }),
      ),
  });
  const party = me.party.id;
  return (
    <div>
      <h1>{t('nav.dashboard')}</h1>
      <div className="grid">
        <section className="card" aria-labelledby="next-title">
          <h2 id="next-title">{t('dashboard.nextMeetings')}</h2>
          <QueryState
            query={upcoming}
            isEmpty={(d) => d.items.length === 0}
            empty={t('meetings.noneUpcoming')}
          >
            {(d) => (
              <ul className="item-list">
                {LEVELS.flatMap((level) => {
                  const next = d.items.find((m) => m.level === level);
                  return next
                    ? [
                        <li key={level}>
                          <span className="tag">{t(`level.${level}`)}</span>{' '}
                          <Link to={`/meetings/${next.id}`}>{next.title}</Link> ·{' '}
                          {next.startsAt ? (
                            <Instant value={next.startsAt} />
                          ) : (
                            <PartialDate value={next.date} />
                          )}{' '}
                          <VisibilityMark visibility={next.visibility} party={next.party} />
                        </li>,
                      ]
                    : [];
                })}
              </ul>
            )}
          </QueryState>
        </section>

        <UnderSilence />

        <Notifications />

        <section className="card" aria-labelledby="agendas-title">
          <h2 id="agendas-title">{t('dashboard.agendasAwaiting')}</h2>
          <QueryState
            query={upcoming}
            isEmpty={(d) => !d.items.some((m) => awaitsAgenda(m, party))}
            empty={t('dashboard.nothingAwaiting')}
          >
            {(d) => (
              <ul className="item-list">
                {d.items
                  .filter((m) => awaitsAgenda(m, party))
                  .map((m) => (
                    <li key={m.id}>
                      <Link to={`/meetings/${m.id}`}>{m.title}</Link> ·{' '}
                      {t('agenda.version', { version: m.agenda.version })}
                    </li>
                  ))}
              </ul>
            )}
          </QueryState>
        </section>

        <section className="card" aria-labelledby="decisions-title">
          <h2 id="decisions-title">{t('dashboard.decisionsAwaiting')}</h2>
          <QueryState
            query={proposed}
            isEmpty={(d) => !d.items.some((x) => !x.responses.some((r) => r.party === party))}
            empty={t('dashboard.nothingAwaiting')}
          >
            {(d) => (
              <ul className="item-list">
                {d.items
                  .filter((x) => !x.responses.some((r) => r.party === party))
                  .map((x) => (
                    <li key={x.id}>
                      <Link to={`/decisions/${x.id}`}>{x.subject}</Link> ·{' '}
                      {t('decision.versionN', { version: x.version })}
                    </li>
                  ))}
              </ul>
            )}
          </QueryState>
        </section>

        <section className="card" aria-labelledby="wp-title">
          <h2 id="wp-title">{t('dashboard.progress')}</h2>
          {latestYear === null ? (
            <QueryState query={programmes} isEmpty={() => true} empty={t('wp.none')}>
              {() => null}
            </QueryState>
          ) : (
            <QueryState query={report}>
              {(r) => (
                <div>
                  <p>
                    <Link to={`/work-programmes/${r.year}`}>{t('wp.title', { year: r.year })}</Link>
                  </p>
                  <p>
                    {t('wp.progressSummary', {
                      done: r.byStatus.done,
                      total: r.total,
                    })}
                  </p>
                  <progress
                    max={Math.max(1, r.total)}
                    value={r.byStatus.done}
                    aria-label={t('dashboard.progress')}
                  />
                </div>
              )}
            </QueryState>
          )}
        </section>

        <CouncilDescription me={me} />
      </div>
    </div>
  );
}

function awaitsAgenda(
  m: { format: string; agenda: { status: string; agreedBy: string[] } },
  party: string,
): boolean {
  return m.format === 'joint' && m.agenda.status === 'draft' && !m.agenda.agreedBy.includes(party);
}

/** Texts under silence, each with its deadline counting down (the list has no deadline: each text is read). */
function UnderSilence() {
  const t = useT();
  const texts = useQuery({
    queryKey: ['texts', 'under-silence'],
    queryFn: () =>
      ok(api.GET('/api/texts', { params: { query: { state: 'under-silence', limit: 50 } } })),
  });
  return (
    <section className="card" aria-labelledby="silence-title">
      <h2 id="silence-title">{t('dashboard.underSilence')}</h2>
      <QueryState
        query={texts}
        isEmpty={(d) => d.items.length === 0}
        empty={t('dashboard.noSilence')}
      >
        {(d) => (
          <ul className="item-list">
            {d.items.map((x) => (
              <SilencedText key={x.id} id={x.id} title={x.title} />
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

function SilencedText({ id, title }: { id: string; title: string }) {
  const text = useQuery({
    queryKey: ['text', id],
    queryFn: () => ok(api.GET('/api/texts/{id}', { params: { path: { id } } })),
  });
  const deadline = text.data?.silence?.deadline;
  return (
    <li>
      <Link to={`/texts/${id}`}>{title}</Link>
      {deadline && (
        <>
          {' '}
          · <Instant value={deadline} /> · <Countdown deadline={deadline} />
        </>
      )}
    </li>
  );
}

/** The caller's unread notifications (their own: the count is theirs alone), marked read one by one or all. */
function Notifications() {
  const t = useT();
  const queryClient = useQueryClient();
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () =>
      ok(api.GET('/api/notifications', { params: { query: { unread: 'true', limit: 50 } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({
    mutationFn: (id: string) =>
      ok(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => ok(api.POST('/api/notifications/read-all')),
    onSettled: refresh,
  });
  return (
    <section className="card" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t('dashboard.notifications')}</h2>
      <QueryState query={unread}>
        {(d) =>
          d.unread === 0 ? (
            <p className="empty">{t('dashboard.noUnread')}</p>
          ) : (
            <div>
              <p data-slot="unread">
                <strong>{t('dashboard.unread', { count: d.unread })}</strong>{' '}
                <button type="button" onClick={() => markAll.mutate()} disabled={markAll.isPending}>
                  {t('notification.markAllRead')}
                </button>
              </p>
              <ul className="item-list">
                {d.items.map((n) => (
                  <li key={n.id}>
                    <span className="tag">{t(`notificationKind.${n.kind}`)}</span>{' '}
                    {n.entity.kind === 'text' ? (
                      <Link to={`/texts/${n.entity.id}`}>{n.message}</Link>
                    ) : (
                      n.message
                    )}{' '}
                    · <Instant value={n.at} />{' '}
                    <button
                      type="button"
                      onClick={() => markRead.mutate(n.id)}
                      disabled={markRead.isPending}
                    >
                      {t('notification.markRead')}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )
        }
      </QueryState>
      <ProblemMessage error={markRead.error ?? markAll.error} />
    </section>
  );
}
