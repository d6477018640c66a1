import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import {
  Instant,
  ProblemMessage,
  partyName,
  usePageTitle,
  VisibilityMark,
} from '../components/common.tsx';
import { RequireSignIn } from '../components/require-sign-in.tsx';
import { api, ok } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';

const ENTITY_TYPES = [
  'meeting',
  'agendaItem',
  'decision',
  'text',
  'note',
  'workProgramme',
  'activity',
  'office',
  'operation',
  'timelineEvent',
  'user',
] as const;
type EntityType = (typeof ENTITY_TYPES)[number];

export function AuditPage() {
  const t = useT();
  usePageTitle(t('nav.audit'));
  return <RequireSignIn>{() => <Audit />}</RequireSignIn>;
}

function Audit() {
  const t = useT();
  const [entityType, setEntityType] = useState<EntityType | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const audit = useInfiniteQuery({
    queryKey: ['audit', entityType, from, to],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      ok(
        api.GET('/api/audit', {
          params: {
            query: {
              limit: 50,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(entityType ? { entityType } : {}),
              ...(from ? { from } : {}),
              ...(to ? { to } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div>
      <h1>{t('nav.audit')}</h1>
      <div className="toolbar">
        <label className="inline-label">
          {t('audit.entityType')}
          <select
            value={entityType}
            onChange={(e) => setEntityType(e.target.value as EntityType | '')}
          >
            <option value="">{t('audit.all')}</option>
            {ENTITY_TYPES.map((e) => (
              <option key={e} value={e}>
                {t(`entity.${e}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-label">
          {t('audit.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="inline-label">
          {t('audit.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      {audit.isPending ? (
        <p aria-busy="true">{t('state.loading')}</p>
      ) : audit.isError ? (
        <ProblemMessage error={audit.error} />
      ) : items.length === 0 ? (
        <p className="empty">{t('audit.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.number')}</th>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('meeting.visibility')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <code>{e.id}</code>
                  </td>
                  <td>
                    <Instant value={e.at} />
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.actorParty
                      ? `${partyName(e.actorParty)}${e.actorId ? ` · ${e.actorId}` : ''}`
                      : t('audit.operator')}
                  </td>
                  <td>
                    <VisibilityMark visibility={e.visibility} party={e.party} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit.hasNextPage && (
        <Button
          className="button"
          onPress={() => void audit.fetchNextPage()}
          isDisabled={audit.isFetchingNextPage}
        >
          {t('audit.more')}
        </Button>
      )}
    </div>
  );
}
