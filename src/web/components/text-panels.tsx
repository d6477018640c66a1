import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { api, type Ok, ok } from '../lib/api.ts';
import { usePreferences, useT } from '../lib/i18n.tsx';
import { hasRole, type Me } from '../lib/session.ts';
import { Instant, ProblemMessage, partyName, QueryState } from './common.tsx';
import { Countdown } from './countdown.tsx';

type Text = Ok<'getText'>;

/** The text as files: a PDF per language version and its Akoma Ntoso XML (same origin links). */
export function TextDownloads({ text }: { text: Text }) {
  const t = useT();
  const base = `/api/texts/${encodeURIComponent(text.id)}`;
  return (
    <section className="card" aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t('text.downloads')}</h2>
      <ul className="downloads">
        {text.languageVersions.map((l) => (
          <li key={l.language}>
            <a href={`${base}/pdf?lang=${l.language}`} download>
              {t('text.pdfIn', { language: l.language.toUpperCase() })}
            </a>
          </li>
        ))}
        <li>
          <a href={`${base}/akn`} download>
            {t('text.akn')}
          </a>
        </li>
      </ul>
    </section>
  );
}

/** Every zone the browser knows, with the reader's own first (and kept even if unlisted). */
function timeZones(own: string): string[] {
  const known =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [own, ...known.filter((z) => z !== own)];
}

/** `instant` as the clocks of `zone` show it, as a datetime-local value (YYYY-MM-DDTHH:mm). */
export function localDateTime(instant: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

function canStartSilence(text: Text, me: Me | null): boolean {
  if (!hasRole(me, 'chair') || !text.clean) return false;
  return text.visibility === 'caucus'
    ? text.state === 'draft'
    : text.state === 'tabled' || text.state === 'ad-ref';
}

/**
 * The silence procedure: a chair puts the text under silence until a deadline in a zone; while
 * it runs, the deadline in the reader's zone with a countdown, and a participant may break it
 * with a written reason; every break stays listed.
 */
export function SilencePanel({ text, me }: { text: Text; me: Me | null }) {
  const t = useT();
  const startable = canStartSilence(text, me);
  if (!text.silence && !startable && text.silenceBreaks.length === 0) return null;
  return (
    <section className="card" aria-labelledby="silence-title">
      <h2 id="silence-title">{t('silence.title')}</h2>
      {text.silence ? (
        <div data-slot="silence">
          <p className="silence">
            {t('text.silenceUntil')} <Instant value={text.silence.deadline} /> ·{' '}
            <Countdown deadline={text.silence.deadline} />
          </p>
          <p className="meta">
            {t('silence.setIn', {
              local: text.silence.localDeadline.replace('T', ' '),
              zone: text.silence.timeZone,
            })}
          </p>
          {me && (
            <BreakSilence
              text={text}
              canBracket={me.roles.includes('secretary') && text.visibility === 'joint'}
            />
          )}
        </div>
      ) : (
        startable && <StartSilence text={text} />
      )}
      {text.silenceBreaks.length > 0 && (
        <>
          <h3>{t('silence.breaks')}</h3>
          <ul className="item-list">
            {text.silenceBreaks.map((b) => (
              <li key={`${b.participant}-${b.at}`}>
                {t('silence.brokenBy', {
                  participant: partyName(b.participant),
                  version: b.version,
                })}{' '}
                · <Instant value={b.at} />
                <p>{b.reason}</p>
                {b.amendment && (
                  <p>
                    {t('silence.amendment')} <q>{b.amendment}</q>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function StartSilence({ text }: { text: Text }) {
  const t = useT();
  const { timeZone: own } = usePreferences();
  const queryClient = useQueryClient();
  const zones = useMemo(() => timeZones(own), [own]);
  const [zone, setZone] = useState(own);
  const [deadline, setDeadline] = useState(() =>
    localDateTime(new Date(Date.now() + 48 * 3_600_000), own),
  );
  const start = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/texts/{id}/silence', {
          params: { path: { id: text.id } },
          body: { version: text.version, deadline, timeZone: zone },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(['text', text.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['texts'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  return (
    <form className="form" onSubmit={submit}>
      <p>{t('silence.startHint')}</p>
      <label>
        {t('silence.deadline')}
        <input
          type="datetime-local"
          required
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
        />
      </label>
      <label>
        {t('silence.timeZone')}
        <select value={zone} onChange={(e) => setZone(e.target.value)}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={start.isPending}>
        {t('silence.start')}
      </button>
      <ProblemMessage error={start.error} />
    </form>
  );
}

/**
 * Breaking silence with a reason and perhaps an amendment; a secretary of a joint text may
 * name the paragraph it replaces, to bring it back as a bracket.
 */
function BreakSilence({ text, canBracket }: { text: Text; canBracket: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [amendment, setAmendment] = useState('');
  // The paragraph of the original an amendment would replace: it then comes back into the text
  // as a bracket beside the present wording (a text under silence is clean: one run of text).
  const [amends, setAmends] = useState('');
  const original = text.languageVersions.find((l) => l.original) ?? text.languageVersions[0];
  const paragraphs = original?.paragraphs ?? [];
  const passageOf = (paragraphId: string) => {
    const segments = paragraphs.find((p) => p.id === paragraphId)?.segments ?? [];
    const [only] = segments;
    if (segments.length !== 1 || only?.kind !== 'text') return undefined;
    return { paragraphId, segment: 0, start: 0, end: only.text.length };
  };
  const brk = useMutation({
    mutationFn: () => {
      const passage = canBracket && amendment.trim() && amends ? passageOf(amends) : undefined;
      return ok(
        api.POST('/api/texts/{id}/silence/break', {
          params: { path: { id: text.id } },
          body: {
            reason,
            ...(amendment.trim() ? { amendment } : {}),
            ...(passage ? { passage } : {}),
          },
        }),
      );
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(['text', text.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['texts'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    brk.mutate();
  };
  return (
    <form className="form" onSubmit={submit}>
      <label>
        {t('silence.reason')}
        <textarea required value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <label>
        {t('silence.amendmentField')}
        <textarea value={amendment} onChange={(e) => setAmendment(e.target.value)} />
      </label>
      {canBracket && (
        <label>
          {t('silence.amends')}
          <select value={amends} onChange={(e) => setAmends(e.target.value)}>
            <option value="">{t('silence.forTheRecord')}</option>
            {paragraphs.map((p, index) => (
              <option key={p.id} value={p.id} disabled={passageOf(p.id) === undefined}>
                {t('silence.paragraphN', { n: index + 1 })}: {p.text.slice(0, 60)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" disabled={brk.isPending || !reason.trim()}>
        {t('silence.break')}
      </button>
      <ProblemMessage error={brk.error} />
    </form>
  );
}

/**
 * The adoption record: its number, when, the SHA-256 each party signs, and whose signatures it
 * carries. "Signed by both" only when the API says so (each party with a key of its own); a
 * reference signature (a text reconstructed from public sources) is labelled as such.
 */
export function AdoptionPanel({
  text,
  me,
}: {
  text: Pick<Text, 'id' | 'number' | 'adoptedAt'>;
  me: Me | null;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const record = useQuery({
    queryKey: ['adoption-record', text.id],
    queryFn: () =>
      ok(api.GET('/api/texts/{id}/adoption-record', { params: { path: { id: text.id } } })),
  });
  const party = me?.party.id ?? null;
  const chair = hasRole(me, 'chair');
  const keys = useQuery({
    queryKey: ['party-keys', party],
    enabled: chair && party !== null,
    queryFn: () =>
      ok(api.GET('/api/parties/{party}/keys', { params: { path: { party: party ?? '' } } })),
  });
  const serverHeld = keys.data?.items.some((k) => k.kind === 'server-held' && !k.retiredAt);
  const sign = useMutation({
    // The chair signs the record on screen: the server refuses if it is not the one on record.
    mutationFn: (sha256: string) =>
      ok(
        api.POST('/api/texts/{id}/signatures', {
          params: { path: { id: text.id } },
          body: { serverHeld: true, sha256 },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(['adoption-record', text.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['text', text.id] });
    },
  });
  return (
    <section className="card" aria-labelledby="adoption-title">
      <h2 id="adoption-title">{t('adoption.title')}</h2>
      <QueryState query={record}>
        {(r) => (
          <div data-slot="adoption-record">
            <dl className="facts">
              {text.number && (
                <>
                  <dt>{t('adoption.number')}</dt>
                  <dd>{text.number}</dd>
                </>
              )}
              <dt>{t('text.adoptedAt')}</dt>
              <dd>
                <Instant value={text.adoptedAt ?? r.at} />
              </dd>
              <dt>{t('adoption.sha256')}</dt>
              <dd>
                <code className="hash">{r.sha256}</code>
              </dd>
            </dl>
            <p>
              {r.signedByBoth ? (
                <span className="badge badge-ok" data-slot="signed-by-both">
                  {t('adoption.signedByBoth')}
                </span>
              ) : (
                <span className="badge badge-warn">
                  {r.signedBy.length === 0
                    ? t('adoption.unsigned')
                    : t('adoption.signedByOnly', { parties: r.signedBy.map(partyName).join(', ') })}
                </span>
              )}
            </p>
            {r.signatures.length > 0 ? (
              <ul className="item-list">
                {r.signatures.map((s) => (
                  <li key={`${s.keyId}-${s.at}`}>
                    <strong>{partyName(s.party)}</strong> · {t(`keyKind.${s.keyKind}`)} ·{' '}
                    <code>{s.keyId}</code> · <Instant value={s.at} /> ·{' '}
                    {s.valid ? (
                      <span className="tag">{t('adoption.valid')}</span>
                    ) : (
                      <span className="tag tag-warn">{t('adoption.invalid')}</span>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">{t('adoption.noSignatures')}</p>
            )}
            {chair && serverHeld && party && !r.signedBy.includes(party) && (
              <button type="button" onClick={() => sign.mutate(r.sha256)} disabled={sign.isPending}>
                {t('adoption.signServerHeld')}
              </button>
            )}
            <ProblemMessage error={sign.error} />
          </div>
        )}
      </QueryState>
    </section>
  );
}
