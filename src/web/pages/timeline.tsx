import { useQuery } from '@tanstack/react-query';
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

export function TimelinePage() {
  const t = useT();
  usePageTitle(t('nav.timeline'));
  const council = useQuery({ queryKey: ['council'], queryFn: () => ok(api.GET('/api/council')) });
  const events = useQuery({
    queryKey: ['timeline'],
    queryFn: () => ok(api.GET('/api/timeline', { params: { query: { limit: 200 } } })),
  });
  return (
    <div>
      <h1>{t('nav.timeline')}</h1>
      <section className="card" aria-labelledby="periods-title">
        <h2 id="periods-title">{t('timeline.periods')}</h2>
        <QueryState query={council}>
          {(c) => <PeriodsBar foundedOn={c.foundedOn} periods={c.periods} today={new Date()} />}
        </QueryState>
      </section>
      <QueryState query={events} isEmpty={(d) => d.items.length === 0} empty={t('timeline.none')}>
        {(d) => (
          <ol className="timeline">
            {d.items.map((e) => (
              <li key={e.id} className={`timeline-event kind-${e.kind}`}>
                <PartialDate value={e.date} />
                <h2 className="timeline-title">{e.title}</h2>
                {e.description && <p>{e.description}</p>}
                {e.reconstructed && <span className="tag">{t('timeline.reconstructed')}</span>}
                {e.visibility !== 'public' && (
                  <VisibilityMark visibility={e.visibility} party={e.party} />
                )}
                <Cite sourceId={e.sourceId} />
              </li>
            ))}
          </ol>
        )}
      </QueryState>
    </div>
  );
}
