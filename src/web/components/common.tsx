import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiProblem } from '../lib/api.ts';
import { formatPartialDate } from '../lib/format.ts';
import { type MessageId, useT } from '../lib/i18n.tsx';
import { useSources } from '../lib/queries.ts';

/** Sets the document's title for this page: every page has its own, for tabs and indexes. */
export function usePageTitle(title: string | undefined) {
  const t = useT();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.name')}` : t('app.name');
  }, [title, t]);
}

const KNOWN_CODES = new Set([
  'NotFound',
  'ValidationFailed',
  'Unauthenticated',
  'InvalidCredentials',
  'Forbidden',
  'NotYourParty',
  'CsrfTokenMissing',
  'Conflict',
  'AlreadyExists',
  'WeakPassword',
  'AgendaLocked',
  'DecisionClosed',
  'AlreadyResponded',
  'VisibilityTooWide',
  'StaleVersion',
  'AlreadyAgreed',
  'VersionRequired',
  'PasswordChangeRequired',
  'TooManyAttempts',
  'JointMeetingOnly',
  'MeetingNotHeld',
  'NeedsBothParties',
  'InvalidSearch',
]);

/** An API problem as the reader sees it: its title in the reader's language, the API's detail. */
export function ProblemMessage({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : null;
  const title =
    problem?.code && KNOWN_CODES.has(problem.code)
      ? t(`problem.${problem.code}` as MessageId)
      : t('problem.unknown');
  return (
    <div role="alert" className="problem">
      <strong>{title}</strong>
      {problem?.message && <span className="problem-detail"> {problem.message}</span>}
      {problem && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Loading, error and empty states of a query, so no page is ever blank. */
export function QueryState<T>({
  query,
  empty,
  isEmpty,
  children,
}: {
  query: UseQueryResult<T>;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const t = useT();
  if (query.isPending) {
    return (
      <p className="loading" aria-busy="true">
        {t('state.loading')}
      </p>
    );
  }
  if (query.isError) return <ProblemMessage error={query.error} />;
  if (isEmpty?.(query.data)) return <p className="empty">{empty ?? t('state.empty')}</p>;
  return <>{children(query.data)}</>;
}

/**
 * Whose eyes an item is for. A caucus item carries a mark no reader can miss, on screen and in
 * print (styles.css prints it too): "NATO caucus only".
 */
export function VisibilityMark({
  visibility,
  party,
}: {
  visibility: 'public' | 'joint' | 'caucus';
  party: string | null;
}) {
  const t = useT();
  if (visibility === 'caucus') {
    return (
      <span className={`mark mark-caucus mark-${party ?? 'unknown'}`} data-caucus={party ?? ''}>
        {t('mark.caucus', { party: partyName(party) })}
      </span>
    );
  }
  return (
    <span className={`mark mark-${visibility}`}>
      {visibility === 'joint' ? t('mark.joint') : t('mark.public')}
    </span>
  );
}

export function partyName(party: string | null | undefined): string {
  if (party === 'nato') return 'NATO';
  if (party === 'russia') return 'Russia';
  return party ?? '';
}

/** "Source: ..." with the source's disclaimer where it has one. */
export function Cite({ sourceId }: { sourceId: string | null | undefined }) {
  const t = useT();
  const intl = useIntl();
  const sources = useSources();
  if (!sourceId) return null;
  const source = sources.data?.get(sourceId);
  return (
    <div className="cite">
      <span>{t('source.label')} </span>
      <Link to={`/sources#source-${sourceId}`}>{source?.title ?? sourceId}</Link>
      {source?.publisher && <span>, {source.publisher}</span>}
      {source?.publishedOn && <span>, {formatPartialDate(intl, source.publishedOn)}</span>}
      {source?.disclaimer && (
        <details className="disclaimer">
          <summary>{t('source.disclaimer')}</summary>
          <p>{source.disclaimer}</p>
        </details>
      )}
    </div>
  );
}

export function PartialDate({ value }: { value: string | null | undefined }) {
  const intl = useIntl();
  if (!value) return null;
  return <time dateTime={value}>{formatPartialDate(intl, value)}</time>;
}

export function Instant({ value }: { value: string | null | undefined }) {
  const intl = useIntl();
  if (!value) return null;
  return (
    <time dateTime={value}>
      {intl.formatDate(value, {
        dateStyle: 'long',
        timeStyle: 'short',
      } as Intl.DateTimeFormatOptions)}
    </time>
  );
}
