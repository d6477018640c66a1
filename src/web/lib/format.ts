import type { IntlShape } from 'react-intl';

/**
 * A partial ISO date (`2000`, `2000-05`, `2000-05-28`) in the reader's language, at the
 * precision the record has: a date known to the month is never shown with an invented day.
 * A day is a calendar day, not an instant: it is formatted in UTC so no zone moves it.
 */
export function formatPartialDate(intl: IntlShape, value: string | null | undefined): string {
  if (!value) return '';
  const [y, m, d] = value.split('-').map(Number);
  if (y === undefined || Number.isNaN(y)) return value;
  if (m === undefined) return String(y);
  const date = new Date(Date.UTC(y, m - 1, d ?? 1));
  if (d === undefined)
    return intl.formatDate(date, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  return intl.formatDate(date, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

/** An instant, in the reader's zone (the IntlProvider's), with the zone named. */
export function formatInstant(intl: IntlShape, value: string | null | undefined): string {
  if (!value) return '';
  return intl.formatDate(value, {
    dateStyle: 'medium',
    timeStyle: 'short',
  } as Intl.DateTimeFormatOptions);
}

/** The page of the web application for an API address a search hit or a link names. */
export function pageOfApiUrl(url: string): string | null {
  const path = url.replace(/^https?:\/\/[^/]+/, '');
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/^\/api\/meetings\/([^/?]+)/, (m) => `/meetings/${m[1]}`],
    [/^\/api\/decisions\/([^/?]+)/, (m) => `/decisions/${m[1]}`],
    [/^\/api\/texts\/([^/?]+)/, (m) => `/texts/${m[1]}`],
    [/^\/api\/work-programmes\/(\d+)/, (m) => `/work-programmes/${m[1]}`],
    [/^\/api\/(offices|operations)/, () => '/cooperation'],
    [/^\/api\/timeline/, () => '/timeline'],
    [/^\/api\/notes/, () => '/dashboard'],
  ];
  for (const [pattern, page] of rules) {
    const m = path.match(pattern);
    if (m) return page(m);
  }
  return null;
}

/** A snippet's matches, marked by the API in [square brackets], as parts to highlight. */
export function snippetParts(snippet: string): { text: string; hit: boolean }[] {
  const parts: { text: string; hit: boolean }[] = [];
  const re = /\[([^\]]*)\]/g;
  let last = 0;
  for (const m of snippet.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ text: snippet.slice(last, at), hit: false });
    parts.push({ text: m[1] ?? '', hit: true });
    last = at + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), hit: false });
  return parts;
}
