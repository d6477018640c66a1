import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  Cite,
  PartialDate,
  QueryState,
  usePageTitle,
  VisibilityMark,
} from '../components/common.tsx';
import { PeriodsBar } from '../components/periods-bar.tsx';
import { api, ok } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';

/** The council's public face: what anyone may read, with the source of every fact. */
export function PublicHome() {
  const t = useT();
  usePageTitle(undefined);
  const today = new Date();
  const council = useQuery({ queryKey: ['council'], queryFn: () => ok(api.GET('/api/council')) });
  const status = useQuery({
    queryKey: ['council-status'],
    queryFn: () => ok(api.GET('/api/council/status')),
  });
  const texts = useQuery({
    queryKey: ['texts', 'published'],
    queryFn: () =>
      ok(api.GET('/api/texts', { params: { query: { state: 'published', limit: 20 } } })),
  });
  const meetings = useQuery({
    queryKey: ['meetings', 'home'],
    queryFn: () => ok(api.GET('/api/meetings', { params: { query: { limit: 200 } } })),
  });
  return (
    <div className="home">
      <QueryState query={council}>
        {(c) => (
          <section aria-labelledby="council-title" className="hero">
            <h1 id="council-title">{c.name}</h1>
            <p className="lede">
              {c.shortName} · {c.foundingInstrument} · <PartialDate value={c.foundedOn} />
            </p>
            {c.description && <p>{c.description}</p>}
            <Cite sourceId={c.sourceId} />
          </section>
        )}
      </QueryState>

      <section aria-labelledby="status-title" className="card">
        <h2 id="status-title">{t('home.statusToday')}</h2>
        <QueryState query={status}>
          {(s) => (
            <div>
              <p className={`status-pill status-${s.status ?? 'unknown'}`}>
                {s.status ? t(`status.${s.status}`) : t('status.unknown')}
              </p>
              {s.scope && <p>{s.scope}</p>}
              {s.reason && <p>{s.reason}</p>}
              {s.period && (
                <>
                  <p>
                    {t('home.since')} <PartialDate value={s.period.startsOn} />
                  </p>
                  <Cite sourceId={s.period.sourceId} />
                </>
              )}
            </div>
          )}
        </QueryState>
        <QueryState query={council}>
          {(c) => <PeriodsBar foundedOn={c.foundedOn} periods={c.periods} today={today} />}
        </QueryState>
      </section>

      <QueryState query={council}>
        {(c) => (
          <section aria-labelledby="statements-title" className="card">
            <h2 id="statements-title">{t('home.statements')}</h2>
            {c.statements.map((s) => (
              <blockquote key={s.id}>
                <p>{s.text}</p>
                {s.note && <p className="note">{s.note}</p>}
                <Cite sourceId={s.sourceId} />
              </blockquote>
            ))}
            {c.recordCoverage.length > 0 && (
              <>
                <h3>{t('home.coverage')}</h3>
                <ul>
                  {c.recordCoverage.map((r) => (
                    <li key={r.id}>
                      <PartialDate value={r.startsOn} />–<PartialDate value={r.endsOn} />:{' '}
                      {r.reason}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
      </QueryState>

      <section aria-labelledby="texts-title" className="card">
        <h2 id="texts-title">{t('home.publishedTexts')}</h2>
        <QueryState query={texts} isEmpty={(d) => d.items.length === 0} empty={t('home.noTexts')}>
          {(d) => (
            <ul className="item-list">
              {d.items.map((x) => (
                <li key={x.id}>
                  <Link to={`/texts/${x.id}`}>{x.title}</Link>{' '}
                  <span>{t(`textKind.${x.kind}`)}</span>
                  <Cite sourceId={x.sourceId} />
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </section>

      <section aria-labelledby="meetings-title" className="card">
        <h2 id="meetings-title">{t('home.meetings')}</h2>
        <QueryState
          query={meetings}
          isEmpty={(d) => d.items.length === 0}
          empty={t('meetings.none')}
        >
          {(d) => (
            <ul className="item-list">
              {d.items.map((m) => (
                <li key={m.id}>
                  <PartialDate value={m.date} /> · <Link to={`/meetings/${m.id}`}>{m.title}</Link>{' '}
                  {m.level && <span className="tag">{t(`level.${m.level}`)}</span>}{' '}
                  {m.visibility !== 'public' && (
                    <VisibilityMark visibility={m.visibility} party={m.party} />
                  )}
                  <Cite sourceId={m.sourceId} />
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </section>

      <nav aria-label={t('home.more')} className="card">
        <h2>{t('home.more')}</h2>
        <ul className="link-grid">
          <li>
            <Link to="/timeline">{t('nav.timeline')}</Link>
          </li>
          <li>
            <Link to="/cooperation">{t('nav.cooperation')}</Link>
          </li>
          <li>
            <Link to="/work-programmes">{t('nav.workProgrammes')}</Link>
          </li>
          <li>
            <Link to="/sources">{t('nav.sources')}</Link>
          </li>
        </ul>
      </nav>
    </div>
  );
}
