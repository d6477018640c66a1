import { useIntl } from 'react-intl';
import type { Ok } from '../lib/api.ts';
import { formatPartialDate } from '../lib/format.ts';
import { useT } from '../lib/i18n.tsx';

type Period = Ok<'getCouncil'>['periods'][number];

function toTime(partial: string): number {
  const [y, m, d] = partial.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/**
 * The council's life as one bar from its founding to today, with its suspended and restricted
 * periods drawn where they fall; the same periods follow as a list for screen readers and print.
 */
export function PeriodsBar({
  foundedOn,
  periods,
  today,
}: {
  foundedOn: string;
  periods: Period[];
  today: Date;
}) {
  const t = useT();
  const intl = useIntl();
  const start = toTime(foundedOn);
  const end = today.getTime();
  const span = Math.max(1, end - start);
  const years: number[] = [];
  const first = new Date(start).getUTCFullYear();
  const last = today.getUTCFullYear();
  const step = last - first > 20 ? 5 : 2;
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) years.push(y);
  const pct = (time: number) => `${Math.min(100, Math.max(0, ((time - start) / span) * 100))}%`;
  return (
    <figure className="periods">
      <div className="periods-bar" aria-hidden="true">
        {periods.map((p) => {
          const from = toTime(p.startsOn);
          const to = p.endsOn ? toTime(p.endsOn) : end;
          return (
            <span
              key={p.id}
              className={`period period-${p.status}`}
              style={{ left: pct(from), width: `calc(${pct(to)} - ${pct(from)})` }}
              title={`${t(`status.${p.status}`)}: ${formatPartialDate(intl, p.startsOn)}`}
            />
          );
        })}
        {years.map((y) => (
          <span key={y} className="period-year" style={{ left: pct(Date.UTC(y, 0, 1)) }}>
            {y}
          </span>
        ))}
      </div>
      <figcaption>
        <span className="legend legend-active">{t('status.active')}</span>
        <span className="legend legend-restricted">{t('status.restricted')}</span>
        <span className="legend legend-suspended">{t('status.suspended')}</span>
        <span className="legend legend-unknown">{t('status.unknown')}</span>
      </figcaption>
      <ul className="periods-list">
        {periods.map((p) => (
          <li key={p.id}>
            <strong>{t(`status.${p.status}`)}</strong>{' '}
            {t('period.range', {
              from: formatPartialDate(intl, p.startsOn),
              to: p.endsOn ? formatPartialDate(intl, p.endsOn) : t('period.now'),
            })}
            {p.scope && <span> ({p.scope})</span>}
            {p.description && <span>: {p.description}</span>}
          </li>
        ))}
      </ul>
    </figure>
  );
}
