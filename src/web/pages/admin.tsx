import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Checkbox, CheckboxGroup, Label } from 'react-aria-components';
import { Instant, ProblemMessage, QueryState, usePageTitle } from '../components/common.tsx';
import { RequireSignIn } from '../components/require-sign-in.tsx';
import { api, ok } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import type { Me } from '../lib/session.ts';

const ROLES = ['member', 'secretary', 'chair', 'admin'] as const;
type Role = (typeof ROLES)[number];

export function AdminPage() {
  const t = useT();
  usePageTitle(t('nav.admin'));
  return (
    <RequireSignIn>
      {(me) =>
        me.roles.includes('admin') ? (
          <Admin me={me} />
        ) : (
          <p className="problem">{t('problem.Forbidden')}</p>
        )
      }
    </RequireSignIn>
  );
}

function Admin({ me }: { me: Me }) {
  const t = useT();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => ok(api.GET('/api/users')) });
  const grants = useQuery({
    queryKey: ['role-grants'],
    queryFn: () => ok(api.GET('/api/role-grants')),
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['users'] });
    await queryClient.invalidateQueries({ queryKey: ['role-grants'] });
  };
  const decide = useMutation({
    mutationFn: ({ id, confirm }: { id: string; confirm: boolean }) =>
      confirm
        ? ok(api.POST('/api/role-grants/{id}/confirm', { params: { path: { id } } }))
        : ok(api.POST('/api/role-grants/{id}/reject', { params: { path: { id } } })),
    onSettled: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, roles, disabled }: { id: string; roles?: Role[]; disabled?: boolean }) =>
      ok(
        api.PATCH('/api/users/{id}', {
          params: { path: { id } },
          body: { ...(roles ? { roles } : {}), ...(disabled !== undefined ? { disabled } : {}) },
        }),
      ),
    onSettled: refresh,
  });
  return (
    <div>
      <h1>{t('admin.title', { party: me.party.name })}</h1>
      <section className="card" aria-labelledby="grants-title">
        <h2 id="grants-title">{t('admin.pending')}</h2>
        <p>{t('admin.twoPerson')}</p>
        <QueryState
          query={grants}
          isEmpty={(d) => !d.items.some((g) => g.status === 'pending')}
          empty={t('admin.noPending')}
        >
          {(d) => (
            <ul>
              {d.items
                .filter((g) => g.status === 'pending')
                .map((g) => (
                  <li key={g.id}>
                    {g.kind === 'role'
                      ? t('admin.grantRole', {
                          user: g.user.username,
                          role: g.role ? t(`role.${g.role}`) : '',
                        })
                      : t('admin.grantReset', { user: g.user.username })}{' '}
                    · {t('admin.requestedBy', { user: g.requestedBy.username })} ·{' '}
                    <Instant value={g.requestedAt} />{' '}
                    {g.requestedBy.id !== me.id && g.user.id !== me.id && (
                      <Button
                        className="button button-small"
                        onPress={() => decide.mutate({ id: g.id, confirm: true })}
                      >
                        {t('admin.confirm')}
                      </Button>
                    )}{' '}
                    <Button
                      className="button button-small button-quiet"
                      onPress={() => decide.mutate({ id: g.id, confirm: false })}
                    >
                      {t('admin.reject')}
                    </Button>
                  </li>
                ))}
            </ul>
          )}
        </QueryState>
        <ProblemMessage error={decide.error} />
      </section>
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title">{t('admin.users')}</h2>
        <QueryState query={users} isEmpty={(d) => d.items.length === 0} empty={t('state.empty')}>
          {(d) => (
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('signIn.username')}</th>
                    <th scope="col">{t('admin.roles')}</th>
                    <th scope="col">{t('admin.pendingRoles')}</th>
                    <th scope="col">{t('admin.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((u) => (
                    <tr key={u.id}>
                      <td>
                        {u.displayName ?? u.username} <code>{u.username}</code>
                      </td>
                      <td>
                        {u.id === me.id ? (
                          u.roles.map((r) => t(`role.${r}`)).join(', ')
                        ) : (
                          <CheckboxGroup
                            aria-label={t('admin.rolesOf', { user: u.username })}
                            value={[...u.roles, ...u.pendingRoles]}
                            onChange={(v) => update.mutate({ id: u.id, roles: v as Role[] })}
                            className="checkbox-row"
                          >
                            {ROLES.map((r) => (
                              <Checkbox key={r} value={r} className="checkbox">
                                <span className="checkbox-box" aria-hidden="true" />
                                {t(`role.${r}`)}
                              </Checkbox>
                            ))}
                          </CheckboxGroup>
                        )}
                      </td>
                      <td>{u.pendingRoles.map((r) => t(`role.${r}`)).join(', ')}</td>
                      <td>
                        {u.disabledAt ? t('admin.disabled') : t('admin.active')}{' '}
                        {u.id !== me.id && (
                          <Button
                            className="button button-small button-quiet"
                            onPress={() => update.mutate({ id: u.id, disabled: !u.disabledAt })}
                          >
                            {u.disabledAt ? t('admin.enable') : t('admin.disable')}
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
        <ProblemMessage error={update.error} />
      </section>
      <CreateUser onCreated={refresh} />
      <JointCeiling party={me.party.id} />
    </div>
  );
}

/**
 * The highest marking the admin's party accepts on texts both parties share: declared for the
 * other party to read (PUT /api/parties/{id}/joint-marking-ceiling).
 */
function JointCeiling({ party }: { party: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: ['party', party],
    queryFn: () => ok(api.GET('/api/parties/{id}', { params: { path: { id: party } } })),
  });
  const scheme = useQuery({
    queryKey: ['classifications'],
    queryFn: () => ok(api.GET('/api/classifications')),
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (classification: string) =>
      ok(
        api.PUT('/api/parties/{id}/joint-marking-ceiling', {
          params: { path: { id: party } },
          body: { classification },
        }),
      ),
    onSuccess: async () => {
      setChosen(null);
      await queryClient.invalidateQueries({ queryKey: ['party', party] });
    },
  });
  const value = chosen ?? current.data?.jointMarkingCeiling ?? '';
  return (
    <section className="card" aria-labelledby="ceiling-title">
      <h2 id="ceiling-title">{t('admin.ceiling')}</h2>
      <p>{t('admin.ceilingExplained')}</p>
      <QueryState query={scheme}>
        {(d) => (
          <form
            className="form form-inline"
            onSubmit={(e) => {
              e.preventDefault();
              if (value) save.mutate(value);
            }}
          >
            <label>
              {t('admin.ceilingMarking')}
              <select value={value} onChange={(e) => setChosen(e.target.value)}>
                {d.items.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" className="button" isDisabled={save.isPending}>
              {t('admin.ceilingSave')}
            </Button>
            <ProblemMessage error={save.error} />
          </form>
        )}
      </QueryState>
    </section>
  );
}

function CreateUser({ onCreated }: { onCreated: () => Promise<void> }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['member']);
  const create = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/users', {
          body: { username, password, roles, ...(displayName ? { displayName } : {}) },
        }),
      ),
    onSuccess: async () => {
      setUsername('');
      setPassword('');
      setDisplayName('');
      await onCreated();
    },
  });
  return (
    <section className="card" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('admin.createUser')}</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label>
          {t('signIn.username')}
          <input required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('admin.displayName')}
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label>
          {t('admin.firstPassword')}
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <CheckboxGroup
          value={roles}
          onChange={(v) => setRoles(v as Role[])}
          className="checkbox-row"
        >
          <Label>{t('admin.roles')}</Label>
          {ROLES.map((r) => (
            <Checkbox key={r} value={r} className="checkbox">
              <span className="checkbox-box" aria-hidden="true" />
              {t(`role.${r}`)}
            </Checkbox>
          ))}
        </CheckboxGroup>
        <ProblemMessage error={create.error} />
        <Button type="submit" className="button" isDisabled={create.isPending}>
          {t('admin.create')}
        </Button>
      </form>
    </section>
  );
}
