import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useIntl } from 'react-intl';
import {
  Cite,
  PartialDate,
  QueryState,
  usePageTitle,
  VisibilityMark,
} from '../components/common.tsx';
import { api, ok } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';

const BarChart = lazy(() =>
  import('../components/bar-chart.tsx').then((m) => ({ default: m.BarChart })),
);

export function CooperationPage() {
  const t = useT();
  const intl = useIntl();
  usePageTitle(t('nav.cooperation'));
  const offices = useQuery({
    queryKey: ['offices'],
    queryFn: () => ok(api.GET('/api/offices', { params: { query: { limit: 100 } } })),
  });
  const operations = useQuery({
    queryKey: ['operations'],
    queryFn: () => ok(api.GET('/api/operations', { params: { query: { limit: 100 } } })),
  });
  return (
    <div>
      <h1>{t('nav.cooperation')}</h1>
      <section className="card" aria-labelledby="offices-title">
        <h2 id="offices-title">{t('coop.offices')}</h2>
        <QueryState
          query={offices}
          isEmpty={(d) => d.items.length === 0}
          empty={t('coop.noOffices')}
        >
          {(d) => (
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('coop.office')}</th>
                    <th scope="col">{t('coop.location')}</th>
                    <th scope="col">{t('meeting.status')}</th>
                    <th scope="col">{t('coop.dates')}</th>
                    <th scope="col">{t('source.label')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((o) => (
                    <tr key={o.id}>
                      <td>
                        {o.name} <VisibilityMark visibility={o.visibility} party={o.party} />
                      </td>
                      <td>{o.location}</td>
                      <td>{t(`officeStatus.${o.status}`)}</td>
                      <td>
                        {o.openedOn && (
                          <span>
                            {t('coop.opened')} <PartialDate value={o.openedOn} />{' '}
                          </span>
                        )}
                        {o.closedOn && (
                          <span>
                            {t('coop.closed')} <PartialDate value={o.closedOn} />
                          </span>
                        )}
                      </td>
                      <td>
                        <Cite sourceId={o.sourceId} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </section>
      <section aria-labelledby="operations-title">
        <h2 id="operations-title">{t('coop.operations')}</h2>
        <QueryState
          query={operations}
          isEmpty={(d) => d.items.length === 0}
          empty={t('coop.noOperations')}
        >
          {(d) => (
            <div className="grid">
              {d.items.map((op) => (
                <article key={op.id} className="card" aria-labelledby={`op-${op.id}`}>
                  <h3 id={`op-${op.id}`}>
                    {op.name} <span className="meta">{op.fullName}</span>
                  </h3>
                  <VisibilityMark visibility={op.visibility} party={op.party} />
                  {op.location && <p>{op.location}</p>}
                  {op.mandate && <p>{op.mandate}</p>}
                  {op.strength ? (
                    <>
                      <p>
                        {t('coop.asOf')} <PartialDate value={op.strength.asOf} />
                        {op.strength.total &&
                          ` · ${t('coop.troops', { count: op.strength.total.troops })}`}
                      </p>
                      <Suspense fallback={<p aria-busy="true">{t('state.loading')}</p>}>
                        <BarChart
                          label={t('coop.shares', { name: op.name })}
                          categories={op.strength.contributors.map(
                            (c) => c.contributorName ?? c.contributor,
                          )}
                          values={op.strength.contributors.map((c) => (c.share ?? 0) * 100)}
                          format={(v) =>
                            intl.formatNumber(v / 100, {
                              style: 'percent',
                              maximumFractionDigits: 1,
                            })
                          }
                        />
                      </Suspense>
                    </>
                  ) : (
                    <p className="empty">{t('coop.noStrength')}</p>
                  )}
                  <Cite sourceId={op.sourceId} />
                </article>
              ))}
            </div>
          )}
        </QueryState>
      </section>
    </div>
  );
}
