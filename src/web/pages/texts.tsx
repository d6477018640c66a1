import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import {
  Cite,
  ProblemMessage,
  QueryState,
  usePageTitle,
  VisibilityMark,
} from '../components/common.tsx';
import { api, ok } from '../lib/api.ts';
import { type MessageId, useT } from '../lib/i18n.tsx';
import { hasRole, useMe } from '../lib/session.ts';

export const TEXT_KINDS = [
  'joint-statement',
  'communique',
  'press-statement',
  'chair-statement',
  'summary-record',
  'work-programme',
  'exchange-of-letters',
  'decision-sheet',
] as const;

export function TextsPage() {
  const t = useT();
  usePageTitle(t('nav.texts'));
  const me = useMe();
  const texts = useQuery({
    queryKey: ['texts', 'all'],
    queryFn: () => ok(api.GET('/api/texts', { params: { query: { limit: 200 } } })),
  });
  return (
    <div>
      <h1>{t('nav.texts')}</h1>
      {hasRole(me.data, 'secretary') && <CreateText />}
      <QueryState query={texts} isEmpty={(d) => d.items.length === 0} empty={t('texts.none')}>
        {(d) => (
          <ul className="item-list">
            {d.items.map((x) => (
              <li key={x.id}>
                <Link to={`/texts/${x.id}`}>{x.title}</Link>{' '}
                <span className="tag">{t(`textKind.${x.kind}`)}</span>{' '}
                <span className={`status-pill text-${x.state}`}>{t(`textState.${x.state}`)}</span>{' '}
                <VisibilityMark visibility={x.visibility} party={x.party} />
                <Cite sourceId={x.sourceId} />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}

function CreateText() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<(typeof TEXT_KINDS)[number]>('joint-statement');
  const [visibility, setVisibility] = useState<'caucus' | 'joint'>('joint');
  const [body, setBody] = useState('');
  const create = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/texts', {
          body: {
            title,
            kind,
            visibility,
            paragraphs: body
              .split(/\n\s*\n/)
              .map((p) => p.trim())
              .filter(Boolean),
          },
        }),
      ),
    onSuccess: async (text) => {
      await queryClient.invalidateQueries({ queryKey: ['texts'] });
      await navigate(`/texts/${text.id}`);
    },
  });
  return (
    <details className="card form-card">
      <summary>{t('texts.create')}</summary>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label>
          {t('text.titleField')}
          <input name="title" required value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('text.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {TEXT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`textKind.${k}` as MessageId)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('meeting.visibility')}
          <select
            value={visibility}
            onChange={(e) => setVisibility(e.target.value as typeof visibility)}
          >
            <option value="joint">{t('texts.tableJoint')}</option>
            <option value="caucus">{t('texts.caucusDraft')}</option>
          </select>
        </label>
        <label>
          {t('text.paragraphs')}
          <textarea
            name="paragraphs"
            required
            rows={6}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <span className="hint">{t('text.paragraphsHint')}</span>
        </label>
        <ProblemMessage error={create.error} />
        <Button type="submit" className="button" isDisabled={create.isPending}>
          {t('texts.createSubmit')}
        </Button>
      </form>
    </details>
  );
}
