import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { ProblemMessage, usePageTitle } from '../components/common.tsx';
import { api, csrf, ok } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import { useParties } from '../lib/queries.ts';
import { useMe } from '../lib/session.ts';

export function SignInPage() {
  const t = useT();
  usePageTitle(t('signIn.title'));
  const parties = useParties();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [party, setParty] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/session', {
          body: { party: party || parties.data?.items[0]?.id || '', username, password },
        }),
      ),
    onSuccess: async (session) => {
      csrf.set(session.csrfToken);
      queryClient.clear();
      queryClient.setQueryData(['me'], session.user);
      if (!session.user.mustChangePassword) await navigate('/dashboard');
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  if (me.data?.mustChangePassword) return <ChangePassword />;
  return (
    <section className="narrow">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={onSubmit} className="form">
        <label>
          {t('signIn.party')}
          <select value={party} onChange={(e) => setParty(e.target.value)} name="party">
            {(parties.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('signIn.username')}
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {t('signIn.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ProblemMessage error={signIn.error} />
        <Button type="submit" className="button" isDisabled={signIn.isPending}>
          {t('signIn.submit')}
        </Button>
      </form>
    </section>
  );
}

function ChangePassword() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [newPassword, setNewPassword] = useState('');
  const change = useMutation({
    mutationFn: () => ok(api.POST('/api/me/password', { body: { newPassword } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      await navigate('/dashboard');
    },
  });
  return (
    <section className="narrow">
      <h1>{t('password.title')}</h1>
      <p>{t('password.explain')}</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate();
        }}
      >
        <label>
          {t('password.new')}
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
          />
        </label>
        <ProblemMessage error={change.error} />
        <Button type="submit" className="button">
          {t('password.submit')}
        </Button>
      </form>
    </section>
  );
}
