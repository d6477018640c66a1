import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  Instant,
  PartialDate,
  QueryState,
  usePageTitle,
  VisibilityMark,
} from '../components/common.tsx';
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
