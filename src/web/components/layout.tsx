import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { api, csrf, ok } from '../lib/api.ts';
import { LOCALES, type Locale, usePreferences, useT } from '../lib/i18n.tsx';
import { useMe } from '../lib/session.ts';

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', ru: 'Русский' };

/**
 * The reader's language, remembered in this browser. A native select: it is what every
 * keyboard, screen reader and phone knows, and it keeps the overlay code of a custom listbox
 * out of the first page's script.
 */
export function LanguageSelect() {
  const t = useT();
  const { locale, setLocale } = usePreferences();
  return (
    <label className="language-select">
      {t('nav.language')}
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

function Caller() {
  const t = useT();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: () => ok(api.DELETE('/api/session')),
    onSettled: () => {
      csrf.set(null);
      queryClient.clear();
      void navigate('/');
    },
  });
  if (me.isPending) return null;
  if (!me.data) {
    return (
      <NavLink to="/sign-in" className="sign-in-link">
        {t('nav.signIn')}
      </NavLink>
    );
  }
  const user = me.data;
  return (
    <div className="caller" data-party={user.party.id}>
      <span className={`caller-party party-${user.party.id}`}>{user.party.name}</span>
      <span className="caller-name">{user.displayName ?? user.username}</span>
      <span className="caller-roles">
        {user.roles.map((r) => t(`role.${r}`)).join(', ') || t('role.none')}
      </span>
      <Button className="button button-quiet" onPress={() => signOut.mutate()}>
        {t('nav.signOut')}
      </Button>
    </div>
  );
}

export function Layout() {
  const t = useT();
  const me = useMe();
  const signedIn = !!me.data;
  return (
    <>
      <a href="#main" className="skip-link">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="brand-row">
          <NavLink to="/" className="brand">
            {t('app.name')}
          </NavLink>
          <Caller />
          <LanguageSelect />
        </div>
        <nav aria-label={t('nav.label')}>
          <ul className="nav">
            {signedIn && <NavItem to="/dashboard" label={t('nav.dashboard')} />}
            <NavItem to="/calendar" label={t('nav.calendar')} />
            <NavItem to="/meetings" label={t('nav.meetings')} />
            {signedIn && <NavItem to="/decisions" label={t('nav.decisions')} />}
            <NavItem to="/texts" label={t('nav.texts')} />
            <NavItem to="/work-programmes" label={t('nav.workProgrammes')} />
            <NavItem to="/cooperation" label={t('nav.cooperation')} />
            <NavItem to="/timeline" label={t('nav.timeline')} />
            <NavItem to="/sources" label={t('nav.sources')} />
            <NavItem to="/search" label={t('nav.search')} />
            {signedIn && <NavItem to="/audit" label={t('nav.audit')} />}
            {me.data?.roles.includes('admin') && <NavItem to="/admin" label={t('nav.admin')} />}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('footer.text')}</p>
        <a href="/docs">{t('footer.api')}</a>
      </footer>
    </>
  );
}

function NavItem({ to, label }: { to: string; label: string }) {
  return (
    <li>
      <NavLink to={to} end={to === '/'}>
        {label}
      </NavLink>
    </li>
  );
}
