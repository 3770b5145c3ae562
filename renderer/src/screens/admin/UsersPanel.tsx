import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { User } from '../../../../shared/contract/users';
import { roles, type Role } from '../../../../shared/domain/roles';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { useCan } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CheckInput, Notice, SelectInput, TextInput } from '../../components/fields';
import { FormDialog } from '../../components/FormDialog';
import { Pager } from '../../components/Pager';
import { errorText, useTranslation } from '../../i18n';

const PAGE = 25;

type Editing = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset'; user: User } | null;

export function UsersPanel() {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const canManage = useCan('users.manage');
  const [query, setQuery] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: User[]; total: number }>({ rows: [], total: 0 });
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await call('users.list', { offset, limit: PAGE, query, includeInactive });
    if (r.ok) {
      setPage(r.value);
      setLoadError(null);
    } else setLoadError(r.error);
  }, [offset, query, includeInactive]);

  useEffect(() => {
    void load();
  }, [load]);

  const roleOptions = roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">{t('admin.users')}</h2>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {loadError ? <Notice tone="error">{errorText(loadError)}</Notice> : null}
      <div className="toolbar">
        <TextInput label={t('admin.searchUsers')} name="query" type="search" value={query} onChange={(v) => (setQuery(v), setOffset(0))} />
        <CheckInput label={t('admin.showInactive')} name="includeInactive" checked={includeInactive} onChange={(v) => (setIncludeInactive(v), setOffset(0))} />
        {canManage ? (
          <Button className="primary" onPress={() => setEditing({ kind: 'create' })}>
            {t('admin.addUser')}
          </Button>
        ) : null}
      </div>
      <table className="data">
        <caption className="visually-hidden">{t('admin.users')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.displayName')}</th>
            <th scope="col">{t('auth.username')}</th>
            <th scope="col">{t('admin.role')}</th>
            <th scope="col">{t('admin.status')}</th>
            <th scope="col">{t('admin.lastSignIn')}</th>
            {canManage ? <th scope="col">{t('admin.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {page.rows.length === 0 ? (
            <tr>
              <td colSpan={6}>{t('admin.noUsers')}</td>
            </tr>
          ) : null}
          {page.rows.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.displayName}</th>
              <td>{u.username}</td>
              <td>{t(`roles.${u.role}`)}</td>
              <td>{u.active ? t('admin.statusActive') : t('admin.statusInactive')}</td>
              <td>{u.lastSignInAt ? dateTime(u.lastSignInAt) : t('admin.never')}</td>
              {canManage ? (
                <td className="row-actions">
                  <Button onPress={() => setEditing({ kind: 'edit', user: u })} aria-label={t('admin.editUser', { name: u.displayName })}>
                    {t('admin.edit')}
                  </Button>
                  <Button onPress={() => setEditing({ kind: 'reset', user: u })} aria-label={t('admin.resetPasswordFor', { name: u.displayName })}>
                    {t('admin.resetPassword')}
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={offset} limit={PAGE} total={page.total} onChange={setOffset} />
      {editing?.kind === 'create' ? (
        <CreateUser
          roleOptions={roleOptions}
          onClose={() => setEditing(null)}
          onDone={(u) => (setEditing(null), setNotice(t('admin.created', { name: u.displayName })), void load())}
        />
      ) : null}
      {editing?.kind === 'edit' ? (
        <EditUser user={editing.user} roleOptions={roleOptions} onClose={() => setEditing(null)} onDone={() => (setEditing(null), setNotice(t('admin.saved')), void load())} />
      ) : null}
      {editing?.kind === 'reset' ? (
        <ResetPassword
          user={editing.user}
          onClose={() => setEditing(null)}
          onDone={() => (setNotice(t('admin.passwordWasReset', { name: editing.user.displayName })), setEditing(null))}
        />
      ) : null}
    </section>
  );
}

type RoleOptions = { value: Role; label: string }[];

function CreateUser(p: { roleOptions: RoleOptions; onClose(): void; onDone(u: User): void }) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('nurse');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const labels = { displayName: t('admin.displayName'), username: t('auth.username'), role: t('admin.role'), password: t('admin.temporaryPassword') };
  return (
    <FormDialog
      title={t('admin.addUser')}
      submitLabel={t('admin.addUser')}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        const r = await call('users.create', { displayName, username, role, password });
        if (r.ok) p.onDone(r.value);
        else setError(r.error);
      }}
    >
      <TextInput label={labels.displayName} name="displayName" value={displayName} onChange={setDisplayName} autoFocus required />
      <TextInput label={labels.username} name="username" value={username} onChange={setUsername} required />
      <SelectInput label={labels.role} name="role" value={role} onChange={setRole} options={p.roleOptions} />
      <TextInput label={labels.password} name="password" type="password" value={password} onChange={setPassword} description={t('admin.temporaryHint')} autoComplete="new-password" required />
    </FormDialog>
  );
}

function EditUser(p: { user: User; roleOptions: RoleOptions; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(p.user.displayName);
  const [role, setRole] = useState<Role>(p.user.role);
  const [active, setActive] = useState(p.user.active);
  const [error, setError] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const labels = { displayName: t('admin.displayName'), role: t('admin.role'), active: t('admin.active') };
  const save = async () => {
    const r = await call('users.update', { id: p.user.id, expectedVersion: p.user.version, displayName, role, active });
    setConfirming(false);
    if (r.ok) p.onDone();
    else setError(r.error);
    return null;
  };
  return (
    <FormDialog
      title={t('admin.editUser', { name: p.user.displayName })}
      submitLabel={t('admin.save')}
      error={error}
      labels={labels}
      dirty={displayName !== p.user.displayName || role !== p.user.role || active !== p.user.active}
      onClose={p.onClose}
      onSubmit={async () => {
        // Taking someone's access away is confirmed in a step that names them.
        if (p.user.active && !active) setConfirming(true);
        else await save();
      }}
    >
      {confirming ? (
        <ConfirmDialog
          title={t('admin.confirmDeactivate.title', { name: p.user.displayName })}
          confirmLabel={t('admin.confirmDeactivate.confirm', { name: p.user.displayName })}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={save}
        >
          <p className="confirm-who">
            <strong>{p.user.displayName}</strong> · {p.user.username} · {t(`roles.${p.user.role}`)}
          </p>
          <p>{t('admin.confirmDeactivate.effect', { name: p.user.displayName })}</p>
        </ConfirmDialog>
      ) : null}
      <TextInput label={labels.displayName} name="displayName" value={displayName} onChange={setDisplayName} autoFocus required />
      <SelectInput label={labels.role} name="role" value={role} onChange={setRole} options={p.roleOptions} error={error?.fields?.some((f) => f.path === 'role') ? t('field.cannot_change_self') : undefined} />
      <CheckInput label={labels.active} name="active" checked={active} onChange={setActive} />
    </FormDialog>
  );
}

function ResetPassword(p: { user: User; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [newPassword, setNewPassword] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const labels = { newPassword: t('admin.temporaryPassword') };
  return (
    <FormDialog
      title={t('admin.resetPasswordFor', { name: p.user.displayName })}
      submitLabel={t('admin.resetPassword')}
      error={error}
      labels={labels}
      onClose={p.onClose}
      onSubmit={async () => {
        const r = await call('users.resetPassword', { id: p.user.id, newPassword });
        if (r.ok) p.onDone();
        else setError(r.error);
      }}
    >
      <TextInput label={labels.newPassword} name="newPassword" type="password" value={newPassword} onChange={setNewPassword} description={t('admin.temporaryHint')} autoFocus autoComplete="new-password" required />
    </FormDialog>
  );
}
