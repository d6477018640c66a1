import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { QueryState, usePageTitle } from '../components/common.tsx';
import { api, ok } from '../lib/api.ts';
import { pageOfApiUrl, snippetParts } from '../lib/format.ts';
import { type MessageId, useT } from '../lib/i18n.tsx';

export function SearchPage() {
  const t = useT();
  usePageTitle(t('nav.search'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const results = useQuery({
    queryKey: ['search', q],
    enabled: q.trim().length > 0,
    queryFn: () => ok(api.GET('/api/search', { params: { query: { q, limit: 50 } } })),
  });
  return (
    <div>
      <h1>{t('nav.search')}</h1>
      <search>
        <form
          className="form form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            setParams(draft ? { q: draft } : {});
          }}
        >
          <label>
            {t('search.label')}
            <input
              type="search"
              name="q"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </label>
          <Button type="submit" className="button">
            {t('search.submit')}
          </Button>
        </form>
      </search>
      {q && (
        <QueryState
          query={results}
          isEmpty={(d) => d.items.length === 0}
          empty={t('search.none', { q })}
        >
          {(d) => (
            <ol className="item-list search-results">
              {d.items.map((hit) => {
                const page = pageOfApiUrl(hit.url);
                return (
                  <li key={`${hit.entityType}:${hit.entityId}`}>
                    <span className="tag">{t(`entity.${hit.entityType}` as MessageId)}</span>{' '}
                    {page ? <Link to={page}>{hit.title}</Link> : <span>{hit.title}</span>}
                    <p className="snippet">
                      {snippetParts(hit.snippet).map((part, i) =>
                        part.hit ? (
                          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional
                          <mark key={i}>{part.text}</mark>
                        ) : (
                          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional
                          <span key={i}>{part.text}</span>
                        ),
                      )}
                    </p>
                  </li>
                );
              })}
            </ol>
          )}
        </QueryState>
      )}
    </div>
  );
}
