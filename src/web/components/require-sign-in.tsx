import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../lib/i18n.tsx';
import { type Me, useMe } from '../lib/session.ts';

/** A page for signed-in users: anonymous visitors are told to sign in, never shown a blank. */
export function RequireSignIn({ children }: { children: (me: Me) => ReactNode }) {
  const t = useT();
  const me = useMe();
  if (me.isPending) return <p aria-busy="true">{t('state.loading')}</p>;
  if (!me.data) {
    return (
      <section>
        <h1>{t('signIn.required')}</h1>
        <p>
          <Link to="/sign-in">{t('nav.signIn')}</Link>
        </p>
      </section>
    );
  }
  return <>{children(me.data)}</>;
}
