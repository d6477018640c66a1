import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Cite,
  Instant,
  PartialDate,
  ProblemMessage,
  partyName,
  QueryState,
  usePageTitle,
  VisibilityMark,
} from '../components/common.tsx';
import { NotesPanel } from '../components/notes-panel.tsx';
import { RequireSignIn } from '../components/require-sign-in.tsx';
import { api, type Ok, ok } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import { hasRole, type Me, useMe } from '../lib/session.ts';

type Decision = Ok<'getDecision'>;

export function DecisionsPage() {
  const t = useT();
  usePageTitle(t('nav.decisions'));
  const me = useMe();
  const decisions = useQuery({
    queryKey: ['decisions', 'all'],
    queryFn: () => ok(api.GET('/api/decisions', { params: { query: { limit: 200 } } })),
  });
  return (
    <div>
      <h1>{t('nav.decisions')}</h1>
      {hasRole(me.data, 'secretary') && <ProposeDecision />}
      <QueryState
        query={decisions}
        isEmpty={(d) => d.items.length === 0}
        empty={t('decisions.none')}
      >
        {(d) => (
          <ul className="item-list">
            {d.items.map((x) => (
              <li key={x.id}>
                <Link to={`/decisions/${x.id}`}>{x.subject}</Link>{' '}
                <span className={`status-pill decision-${x.status}`}>
                  {t(`decisionStatus.${x.status}`)}
                </span>{' '}
                <VisibilityMark visibility={x.visibility} party={x.party} />
                {x.decidedOn && (
                  <span>
                    {' '}
                    · <PartialDate value={x.decidedOn} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}

function ProposeDecision() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const propose = useMutation({
    mutationFn: () => ok(api.POST('/api/decisions', { body: { subject, text } })),
    onSuccess: async (d) => {
      await queryClient.invalidateQueries({ queryKey: ['decisions'] });
      await navigate(`/decisions/${d.id}`);
    },
  });
  return (
    <details className="card form-card">
      <summary>{t('decisions.propose')}</summary>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          propose.mutate();
        }}
      >
        <label>
          {t('decision.subject')}
          <input
            name="subject"
            required
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
          />
        </label>
        <label>
          {t('decision.text')}
          <textarea name="text" required value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <ProblemMessage error={propose.error} />
        <Button type="submit" className="button" isDisabled={propose.isPending}>
          {t('decisions.proposeSubmit')}
        </Button>
      </form>
    </details>
  );
}

export function DecisionPage() {
  const { id = '' } = useParams();
  const t = useT();
  const decision = useQuery({
    queryKey: ['decision', id],
    queryFn: () => ok(api.GET('/api/decisions/{id}', { params: { path: { id } } })),
  });
  usePageTitle(decision.data?.subject ?? t('nav.decisions'));
  return (
    <RequireSignIn>
      {(me) => (
        <QueryState query={decision}>{(d) => <DecisionView decision={d} me={me} />}</QueryState>
      )}
    </RequireSignIn>
  );
}

function DecisionView({ decision: d, me }: { decision: Decision; me: Me }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['decision', d.id] });
  // Never optimistic: a concurrence is shown once the server has recorded it.
  const respond = useMutation({
    mutationFn: (kind: 'concur' | 'decline') => {
      const body = { version: d.version, ...(comment ? { comment } : {}) };
      const params = { path: { id: d.id } };
      return kind === 'concur'
        ? ok(api.POST('/api/decisions/{id}/concur', { params, body }))
        : ok(api.POST('/api/decisions/{id}/decline', { params, body }));
    },
    onSettled: refresh,
  });
  const mine = d.responses.find((r) => r.party === me.party.id);
  const canRespond = hasRole(me, 'chair') && d.status === 'proposed' && !mine;
  return (
    <article>
      <header className="page-header">
        <h1>{d.subject}</h1>
        <p className="meta">
          <span className={`status-pill decision-${d.status}`}>
            {t(`decisionStatus.${d.status}`)}
          </span>{' '}
          {t('decision.versionN', { version: d.version })}{' '}
          <VisibilityMark visibility={d.visibility} party={d.party} />
          {d.meetingId && (
            <span>
              {' '}
              · <Link to={`/meetings/${d.meetingId}`}>{t('decision.meeting')}</Link>
            </span>
          )}
        </p>
        <Cite sourceId={d.sourceId} />
      </header>
      <section className="card">
        <p className="prose">{d.text}</p>
      </section>
      <section className="card" aria-labelledby="responses-title">
        <h2 id="responses-title">{t('decision.responses')}</h2>
        <ul className="agreements">
          {['nato', 'russia'].map((party) => {
            const r = d.responses.find((x) => x.party === party);
            return (
              <li key={party} data-party={party}>
                {r
                  ? t(r.response === 'concur' ? 'decision.concurredOn' : 'decision.declinedOn', {
                      party: partyName(party),
                      version: r.version,
                    })
                  : t('decision.awaiting', { party: partyName(party) })}
                {r && (
                  <span className="meta">
                    {' '}
                    · <Instant value={r.at} />
                    {r.comment && <span> · {r.comment}</span>}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
        {canRespond && (
          <div className="form">
            <label>
              {t('decision.comment')}
              <input value={comment} onChange={(e) => setComment(e.target.value)} />
            </label>
            <div className="button-row">
              <Button
                className="button"
                onPress={() => respond.mutate('concur')}
                isDisabled={respond.isPending}
              >
                {t('decision.concur', { version: d.version })}
              </Button>
              <Button
                className="button button-danger"
                onPress={() => respond.mutate('decline')}
                isDisabled={respond.isPending}
              >
                {t('decision.decline', { version: d.version })}
              </Button>
            </div>
          </div>
        )}
        <ProblemMessage error={respond.error} />
      </section>
      <NotesPanel filter={{ decisionId: d.id }} me={me} jointAllowed={d.visibility !== 'caucus'} />
    </article>
  );
}
