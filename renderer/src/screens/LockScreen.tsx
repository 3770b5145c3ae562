import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import type { SessionUser } from '../../../shared/contract/auth';
import type { AppError } from '../../../shared/result';
import { call } from '../api/client';
import { TextInput } from '../components/fields';
import { PageForm } from '../components/PageForm';
import { useTranslation } from '../i18n';

/**
 * The idle lock. It covers the whole window: the signed-in screens are not mounted behind it, so
 * no resident's name is on screen or in the page. The same person's password brings their session
 * back, with what they were typing (app/drafts.ts); anyone else switches user, which signs the
 * first person out.
 */
export function LockScreen(p: { locked: { username: string; displayName: string }; onUnlocked(user: SessionUser): void; onSwitchUser(): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const name = p.locked.displayName;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await call('auth.unlock', { password });
    setBusy(false);
    setPassword('');
    if (r.ok) p.onUnlocked(r.value.user);
    else setError(r.error);
  }

  const labels = { password: t('privacy.lock.password') };
  return (
    <main id="main" className="centered-card lock-screen">
      <h1>{t('privacy.lock.title')}</h1>
      <p>{t('privacy.lock.who', { name })}</p>
      <PageForm onSubmit={submit} error={error} labels={labels}>
        <TextInput label={labels.password} name="password" type="password" value={password} onChange={setPassword} autoFocus autoComplete="current-password" required />
        <Button type="submit" className="primary" isDisabled={busy}>
          {busy ? t('privacy.lock.unlocking') : t('privacy.lock.unlock')}
        </Button>
      </PageForm>
      <p className="description">{t('privacy.lock.switchNote', { name })}</p>
      <Button onPress={p.onSwitchUser}>{t('privacy.lock.switchUser', { name })}</Button>
    </main>
  );
}
