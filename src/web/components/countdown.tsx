import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { useT } from '../lib/i18n.tsx';

const SECOND = 1000;
const UNITS = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
] as const;

/** The whole units left until `until` from `now` (days, hours, minutes, seconds). */
export function remaining(until: number, now: number): { unit: string; value: number }[] {
  let left = Math.max(0, Math.floor((until - now) / SECOND));
  const parts: { unit: string; value: number }[] = [];
  for (const [unit, size] of UNITS) {
    const value = Math.floor(left / size);
    left -= value * size;
    if (value > 0 || parts.length > 0 || unit === 'second') parts.push({ unit, value });
  }
  return parts;
}

/**
 * The time left until a deadline, ticking every second in the reader's language ("2 days 3 hr
 * 4 min 5 sec"), then "the deadline has passed". A timer role: screen readers do not announce
 * every tick, the deadline itself is shown beside it.
 */
export function Countdown({ deadline }: { deadline: string }) {
  const t = useT();
  const intl = useIntl();
  const until = Date.parse(deadline);
  const [now, setNow] = useState(() => Date.now());
  const over = now >= until;
  useEffect(() => {
    if (over) return;
    const timer = setInterval(() => setNow(Date.now()), SECOND);
    return () => clearInterval(timer);
  }, [over]);
  if (Number.isNaN(until)) return null;
  if (over) {
    return (
      <span role="timer" className="countdown countdown-over">
        {t('countdown.over')}
      </span>
    );
  }
  const time = remaining(until, now)
    .map(({ unit, value }) =>
      intl.formatNumber(value, { style: 'unit', unit, unitDisplay: 'short' }),
    )
    .join(' ');
  return (
    <span role="timer" className="countdown">
      {t('countdown.left', { time })}
    </span>
  );
}
