import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import type { AppError } from '../../../shared/result';
import { call } from '../api/client';
import { TextInput } from '../components/fields';
import { PageForm } from '../components/PageForm';
import { fieldErrors, useTranslation } from '../i18n';
import { useMinPasswordLength } from '../app/policy';

export function ChangePassword(p: { intro?: boolean; onDone(): void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const minLength = useMinPasswordLength();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<AppError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (newPassword !== confirm) {
      setError({ code: 'validation', message: 'error.validation', fields: [{ path: 'confirm', code: 'mismatch' }] });
      return;
    }
    const r = await call('auth.changePassword', { currentPassword, newPassword });
    if (r.ok) p.onDone();
    else setError(r.error);
  }

  const labels = { currentPassword: t('auth.currentPassword'), newPassword: t('auth.newPassword'), confirm: t('auth.confirmPassword') };
  const errors = fieldErrors(error);
  if (error?.fields?.some((f) => f.code === 'mismatch')) errors.confirm = t('auth.mismatch');
  return (
    <main id="main" className="centered-card">
      <h1>{t('auth.changePasswordTitle')}</h1>
      {p.intro ? <p>{t('auth.changePasswordIntro')}</p> : null}
      <PageForm onSubmit={submit} error={error} labels={labels}>
        <TextInput label={labels.currentPassword} name="currentPassword" type="password" value={currentPassword} onChange={setCurrent} autoFocus autoComplete="current-password" required />
        <TextInput label={labels.newPassword} name="newPassword" type="password" value={newPassword} onChange={setNew} description={t('auth.passwordHint', { min: minLength })} autoComplete="new-password" required />
        <TextInput label={labels.confirm} name="confirm" type="password" value={confirm} onChange={setConfirm} autoComplete="new-password" required error={errors.confirm} />
        <div className="actions">
          <Button type="submit" className="primary">
            {t('auth.changePassword')}
          </Button>
          {p.onCancel ? <Button onPress={p.onCancel}>{t('admin.cancel')}</Button> : null}
        </div>
      </PageForm>
    </main>
  );
}
