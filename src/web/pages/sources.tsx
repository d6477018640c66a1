import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { PartialDate, QueryState, usePageTitle } from '../components/common.tsx';
import { useT } from '../lib/i18n.tsx';
import { useSources } from '../lib/queries.ts';

export function SourcesPage() {
  const t = useT();
  usePageTitle(t('nav.sources'));
  const sources = useSources();
  const { hash } = useLocation();
  // A citation links to its source's entry: once the list is drawn, go to it.
  useEffect(() => {
    if (sources.data && hash) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [sources.data, hash]);
  return (
    <div>
      <h1>{t('nav.sources')}</h1>
      <p>{t('sources.intro')}</p>
      <QueryState query={sources} isEmpty={(d) => d.size === 0} empty={t('state.empty')}>
        {(d) => (
          <ul className="item-list">
            {[...d.values()].map((s) => (
              <li key={s.id} id={`source-${s.id}`} className="source">
                <h2 className="source-title">{s.title}</h2>
                <p className="meta">
                  {s.publisher}
                  {s.publishedOn && (
                    <>
                      {' · '}
                      <PartialDate value={s.publishedOn} />
                    </>
                  )}
                  {s.reference && ` · ${s.reference}`}
                </p>
                {s.publisherAddress && <p className="address">{s.publisherAddress}</p>}
                {s.publisherWebsite && <p>{s.publisherWebsite}</p>}
                {s.disclaimer && (
                  <div className="disclaimer">
                    <strong>{t('source.disclaimer')}</strong>
                    <p>{s.disclaimer}</p>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}
