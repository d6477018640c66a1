import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Button, ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import {
  Cite,
  PartialDate,
  ProblemMessage,
  QueryState,
  usePageTitle,
  VisibilityMark,
} from '../components/common.tsx';
import { api, type Ok, ok } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import { hasRole, useMe } from '../lib/session.ts';

const BarChart = lazy(() =>
  import('../components/bar-chart.tsx').then((m) => ({ default: m.BarChart })),
);

const STATUSES = ['planned', 'under-way', 'done', 'dropped'] as const;
type Status = (typeof STATUSES)[number];
type Programme = Ok<'getWorkProgramme'>;
type Activity = Programme['activities'][number];

export function WorkProgrammesPage() {
  const t = useT();
  usePageTitle(t('nav.workProgrammes'));
  const programmes = useQuery({
    queryKey: ['work-programmes'],
    queryFn: () => ok(api.GET('/api/work-programmes', { params: { query: { limit: 50 } } })),
  });
  return (
    <div>
      <h1>{t('nav.workProgrammes')}</h1>
      <QueryState query={programmes} isEmpty={(d) => d.items.length === 0} empty={t('wp.none')}>
        {(d) => (
          <ul className="item-list">
            {d.items.map((p) => (
              <li key={p.id}>
                <Link to={`/work-programmes/${p.year}`}>{p.title}</Link>{' '}
                <span className={`status-pill wp-${p.status}`}>{t(`wpStatus.${p.status}`)}</span>{' '}
                <VisibilityMark visibility={p.visibility} party={p.party} />
                <Cite sourceId={p.sourceId} />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}

export function WorkProgrammePage() {
  const { year = '' } = useParams();
  const t = useT();
  const y = Number(year);
  const programme = useQuery({
    queryKey: ['work-programme', y],
    queryFn: () => ok(api.GET('/api/work-programmes/{year}', { params: { path: { year: y } } })),
  });
  const report = useQuery({
    queryKey: ['work-programme-report', y],
    queryFn: () =>
      ok(api.GET('/api/work-programmes/{year}/report', { params: { path: { year: y } } })),
  });
  usePageTitle(programme.data?.title ?? t('wp.title', { year: y }));
  const [view, setView] = useState<'board' | 'table'>('board');
  const me = useMe();
  const canEdit = hasRole(me.data, 'secretary');
  return (
    <QueryState query={programme}>
      {(p) => (
        <article>
          <header className="page-header">
            <h1>{p.title}</h1>
            <p className="meta">
              <span className={`status-pill wp-${p.status}`}>{t(`wpStatus.${p.status}`)}</span>
              {p.approvedOn && (
                <span>
                  {t('wp.approvedOn')} <PartialDate value={p.approvedOn} />
                </span>
              )}
              <VisibilityMark visibility={p.visibility} party={p.party} />
            </p>
            {p.description && <p>{p.description}</p>}
            <Cite sourceId={p.sourceId} />
          </header>
          <section className="card" aria-labelledby="report-title">
            <h2 id="report-title">{t('wp.report')}</h2>
            <QueryState query={report}>
              {(r) => (
                <>
                  <p>{t('wp.progressSummary', { done: r.byStatus.done, total: r.total })}</p>
                  <Suspense fallback={<p aria-busy="true">{t('state.loading')}</p>}>
                    <BarChart
                      label={t('wp.byStatus')}
                      categories={STATUSES.map((s) => t(`activityStatus.${s}`))}
                      values={STATUSES.map((s) => r.byStatus[s])}
                    />
                  </Suspense>
                  {r.overdue.length > 0 && (
                    <>
                      <h3>{t('wp.overdue')}</h3>
                      <ul>
                        {r.overdue.map((o) => (
                          <li key={o.id}>
                            {o.title} · <PartialDate value={o.plannedEnd} />
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </>
              )}
            </QueryState>
          </section>
          <ToggleButtonGroup
            aria-label={t('wp.view')}
            selectionMode="single"
            disallowEmptySelection
            selectedKeys={[view]}
            onSelectionChange={(keys) => setView([...keys][0] === 'table' ? 'table' : 'board')}
            className="toggle-group"
          >
            <ToggleButton id="board" className="toggle">
              {t('wp.board')}
            </ToggleButton>
            <ToggleButton id="table" className="toggle">
              {t('wp.table')}
            </ToggleButton>
          </ToggleButtonGroup>
          {p.activities.length === 0 ? (
            <p className="empty">{t('wp.noActivities')}</p>
          ) : view === 'board' ? (
            <div className="board">
              {STATUSES.map((s) => (
                <section key={s} className="board-column" aria-labelledby={`col-${s}`}>
                  <h2 id={`col-${s}`}>{t(`activityStatus.${s}`)}</h2>
                  <ul>
                    {p.activities
                      .filter((a) => a.status === s)
                      .map((a) => (
                        <li key={a.id} className="board-card">
                          <ActivityCard programme={p} activity={a} canEdit={canEdit} />
                        </li>
                      ))}
                  </ul>
                </section>
              ))}
            </div>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('wp.activity')}</th>
                    <th scope="col">{t('wp.area')}</th>
                    <th scope="col">{t('wp.lead')}</th>
                    <th scope="col">{t('wp.planned')}</th>
                    <th scope="col">{t('meeting.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.activities.map((a) => (
                    <tr key={a.id}>
                      <td>
                        {a.title} <VisibilityMark visibility={a.visibility} party={a.party} />
                      </td>
                      <td>{p.areas.find((x) => x.id === a.areaId)?.title ?? ''}</td>
                      <td>{t(`lead.${a.lead}`)}</td>
                      <td>
                        <PartialDate value={a.plannedStart} />
                        {a.plannedEnd && (
                          <>
                            –<PartialDate value={a.plannedEnd} />
                          </>
                        )}
                      </td>
                      <td>{t(`activityStatus.${a.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </article>
      )}
    </QueryState>
  );
}

function ActivityCard({
  programme,
  activity: a,
  canEdit,
}: {
  programme: Programme;
  activity: Activity;
  canEdit: boolean;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['work-programme', programme.year] });
    await queryClient.invalidateQueries({ queryKey: ['work-programme-report', programme.year] });
  };
  const setStatus = useMutation({
    mutationFn: (status: Status) =>
      ok(
        api.PATCH('/api/work-programmes/{year}/activities/{activityId}', {
          params: { path: { year: programme.year, activityId: a.id } },
          body: { status },
        }),
      ),
    onSettled: refresh,
  });
  const addProgress = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/work-programmes/{year}/activities/{activityId}/progress', {
          params: { path: { year: programme.year, activityId: a.id } },
          body: { on: new Date().toISOString().slice(0, 10), text: note },
        }),
      ),
    onSuccess: async () => {
      setNote('');
      await refresh();
    },
  });
  return (
    <div>
      <strong>{a.title}</strong> <VisibilityMark visibility={a.visibility} party={a.party} />
      <p className="meta">
        {t(`lead.${a.lead}`)}
        {a.level && ` · ${t(`level.${a.level}`)}`}
      </p>
      {a.progress.length > 0 && (
        <ul className="progress-notes">
          {a.progress.map((g) => (
            <li key={g.id}>
              <PartialDate value={g.on} />: {g.text}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <>
          <label className="inline-label">
            {t('meeting.status')}
            <select value={a.status} onChange={(e) => setStatus.mutate(e.target.value as Status)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`activityStatus.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <form
            className="form form-inline"
            onSubmit={(e) => {
              e.preventDefault();
              addProgress.mutate();
            }}
          >
            <label>
              {t('wp.progressNote')}
              <input required value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            <Button type="submit" className="button button-small">
              {t('wp.addProgress')}
            </Button>
          </form>
          <ProblemMessage error={setStatus.error ?? addProgress.error} />
        </>
      )}
    </div>
  );
}
