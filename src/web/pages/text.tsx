import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { type BracketAction, BracketText, type Paragraph } from '../components/bracket-text.tsx';
import {
  Cite,
  Instant,
  ProblemMessage,
  partyName,
  QueryState,
  usePageTitle,
  VisibilityMark,
} from '../components/common.tsx';
import { DiffView } from '../components/diff-view.tsx';
import { AdoptionPanel, SilencePanel, TextDownloads } from '../components/text-panels.tsx';
import { api, type Ok, ok } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import { hasRole, type Me, useMe } from '../lib/session.ts';

type Text = Ok<'getText'>;

export function TextPage() {
  const { id = '' } = useParams();
  const t = useT();
  const text = useQuery({
    queryKey: ['text', id],
    queryFn: () => ok(api.GET('/api/texts/{id}', { params: { path: { id } } })),
  });
  usePageTitle(text.data?.title ?? t('nav.texts'));
  const me = useMe();
  return <QueryState query={text}>{(x) => <TextView text={x} me={me.data ?? null} />}</QueryState>;
}

function TextView({ text: x, me }: { text: Text; me: Me | null }) {
  const t = useT();
  const queryClient = useQueryClient();
  const original = x.languageVersions.find((l) => l.original) ?? x.languageVersions[0];
  const [language, setLanguage] = useState(original?.language ?? 'en');
  const shown = x.languageVersions.find((l) => l.language === language) ?? original;
  const negotiable = ['draft', 'tabled'].includes(x.state);
  const canNegotiate = !!me && hasRole(me, 'secretary') && negotiable;
  const act = useMutation({
    mutationFn: (action: BracketAction) => {
      const path = { id: x.id };
      switch (action.kind) {
        case 'accept':
          return ok(
            api.POST('/api/texts/{id}/alternatives/{alternativeId}/accept', {
              params: { path: { ...path, alternativeId: action.alternativeId } },
              body: { version: x.version },
            }),
          );
        case 'withdraw':
          return ok(
            api.POST('/api/texts/{id}/alternatives/{alternativeId}/withdraw', {
              params: { path: { ...path, alternativeId: action.alternativeId } },
              body: { version: x.version },
            }),
          );
        case 'propose':
          return ok(
            api.POST('/api/texts/{id}/alternatives', {
              params: { path },
              body: {
                version: x.version,
                paragraphId: action.paragraphId,
                bracketId: action.bracketId,
                text: action.text,
              },
            }),
          );
        case 'bracket':
          return ok(
            api.POST('/api/texts/{id}/alternatives', {
              params: { path },
              body: {
                version: x.version,
                paragraphId: action.paragraphId,
                segment: action.segment,
                start: action.start,
                end: action.end,
                text: action.text,
              },
            }),
          );
      }
    },
    onSuccess: (updated) => queryClient.setQueryData(['text', x.id], updated),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['text-versions', x.id] }),
  });
  return (
    <article className="text-page">
      <header className="page-header">
        <h1>{x.title}</h1>
        <p className="meta">
          <span className="tag">{t(`textKind.${x.kind}`)}</span>
          <span className={`status-pill text-${x.state}`}>{t(`textState.${x.state}`)}</span>
          <span>{t('text.versionN', { version: x.version })}</span>
          <span className="tag">{x.classification.name}</span>
          <VisibilityMark visibility={x.visibility} party={x.party} />
          {x.clean ? (
            <span className="tag">{t('text.clean')}</span>
          ) : (
            <span className="tag tag-warn">{t('text.bracketed')}</span>
          )}
        </p>
        {x.ref && (
          <p>
            <Link
              to={x.ref.kind === 'meeting' ? `/meetings/${x.ref.id}` : `/decisions/${x.ref.id}`}
            >
              {t(x.ref.kind === 'meeting' ? 'text.ofMeeting' : 'text.ofDecision')}
            </Link>
          </p>
        )}
        <Cite sourceId={x.sourceId} />
      </header>

      <section className="card" aria-labelledby="agreements-title">
        <h2 id="agreements-title">{t('text.agreements')}</h2>
        <ul className="agreements">
          {x.adReferendum.map((a) => (
            <li key={`adref-${a.party}`}>
              {t('text.adRefBy', { party: partyName(a.party), version: a.version })} ·{' '}
              <Instant value={a.at} />
            </li>
          ))}
          {x.concurrences.map((a) => (
            <li key={`concur-${a.party}`}>
              {t('text.concurredBy', { party: partyName(a.party), version: a.version })} ·{' '}
              <Instant value={a.at} />
            </li>
          ))}
          {x.adReferendum.length + x.concurrences.length === 0 && <li>{t('text.noAgreements')}</li>}
        </ul>
      </section>

      <SilencePanel text={x} me={me} />
      {x.adoptedAt && <AdoptionPanel text={x} me={me} />}

      <Tabs className="tabs">
        <TabList aria-label={t('text.views')} className="tab-list">
          <Tab id="rolling" className="tab">
            {t('text.rolling')}
          </Tab>
          <Tab id="languages" className="tab">
            {t('text.languages')}
          </Tab>
          <Tab id="versions" className="tab">
            {t('text.versions')}
          </Tab>
        </TabList>
        <TabPanel id="rolling" className="card">
          {x.languageVersions.length > 1 && (
            <label className="inline-label">
              {t('text.language')}
              <select value={language} onChange={(e) => setLanguage(e.target.value)}>
                {x.languageVersions.map((l) => (
                  <option key={l.language} value={l.language}>
                    {l.language.toUpperCase()}
                    {l.original ? ` (${t('text.original')})` : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          {shown && (
            <div lang={shown.language}>
              <BracketText
                paragraphs={shown.paragraphs as Paragraph[]}
                party={me?.party.id ?? null}
                canNegotiate={canNegotiate && shown.language === original?.language}
                busy={act.isPending}
                onAction={(a) => act.mutate(a)}
              />
            </div>
          )}
          <ProblemMessage error={act.error} />
        </TabPanel>
        <TabPanel id="languages" className="card">
          <LanguagesSideBySide text={x} />
        </TabPanel>
        <TabPanel id="versions" className="card">
          <Versions text={x} />
        </TabPanel>
      </Tabs>
      {x.statements.length > 0 && (
        <section className="card" aria-labelledby="statements-title">
          <h2 id="statements-title">{t('text.statements')}</h2>
          <ul>
            {x.statements.map((s) => (
              <li key={s.id}>
                <strong>{partyName(s.party)}</strong> ({t(`statementKind.${s.kind}`)}): {s.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      <TextDownloads text={x} />
    </article>
  );
}

/** Every language version in its own column, paragraphs aligned by their stable id. */
function LanguagesSideBySide({ text }: { text: Text }) {
  const t = useT();
  const versions = text.languageVersions;
  const ids = versions[0]?.paragraphs.map((p) => p.id) ?? [];
  if (versions.length < 2) return <p className="empty">{t('text.oneLanguage')}</p>;
  return (
    <div className="table-scroll">
      <table className="table languages">
        <thead>
          <tr>
            {versions.map((v) => (
              <th key={v.language} scope="col" lang={v.language}>
                {v.language.toUpperCase()} {v.original && `(${t('text.original')})`}{' '}
                {v.authentic && <span className="tag">{t('text.authentic')}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ids.map((id, row) => (
            <tr key={id}>
              {versions.map((v) => {
                const p = v.paragraphs.find((q) => q.id === id) ?? v.paragraphs[row];
                return (
                  <td key={v.language} lang={v.language}>
                    {p?.text || <span className="empty">{t('text.untranslated')}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Versions({ text }: { text: Text }) {
  const t = useT();
  const versions = useQuery({
    queryKey: ['text-versions', text.id],
    queryFn: () => ok(api.GET('/api/texts/{id}/versions', { params: { path: { id: text.id } } })),
  });
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const a = from ?? Math.max(1, text.version - 1);
  const b = to ?? text.version;
  const diff = useQuery({
    queryKey: ['text-diff', text.id, a, b],
    enabled: a !== b,
    queryFn: () =>
      ok(
        api.GET('/api/texts/{id}/diff', {
          params: { path: { id: text.id }, query: { from: a, to: b } },
        }),
      ),
  });
  return (
    <QueryState query={versions} isEmpty={(d) => d.items.length === 0} empty={t('text.noVersions')}>
      {(d) => (
        <div>
          <ol className="versions">
            {d.items.map((v) => (
              <li key={v.version}>
                <strong>{t('text.versionN', { version: v.version })}</strong> ·{' '}
                <Instant value={v.at} />
                {v.party && <span> · {partyName(v.party)}</span>} · {v.summary}
              </li>
            ))}
          </ol>
          <div className="form form-inline">
            <label>
              {t('diff.from')}
              <select value={a} onChange={(e) => setFrom(Number(e.target.value))}>
                {d.items.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('diff.to')}
              <select value={b} onChange={(e) => setTo(Number(e.target.value))}>
                {d.items.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {a === b ? (
            <p className="empty">{t('diff.same')}</p>
          ) : (
            <QueryState query={diff}>
              {(r) => <DiffView from={r.from} to={r.to} paragraphs={r.paragraphs} />}
            </QueryState>
          )}
        </div>
      )}
    </QueryState>
  );
}
