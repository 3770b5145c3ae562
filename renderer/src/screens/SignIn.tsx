import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import type { SessionUser } from '../../../shared/contract/auth';
import type { AppError } from '../../../shared/result';
import { call } from '../api/client';
import { Notice, TextInput } from '../components/fields';
import { LanguagePicker } from '../components/LanguagePicker';
import { PolicyProblems } from '../app/policy';
import { PageForm } from '../components/PageForm';
import { useTranslation } from '../i18n';

export function SignIn(p: { facilityName: string | null; notice: string | null; onSignedIn(user: SessionUser): void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await call('auth.signIn', { username, password });
    setBusy(false);
    if (r.ok) p.onSignedIn(r.value.user);
    else {
      setPassword('');
      setError(r.error);
    }
  }

  const labels = { username: t('auth.username'), password: t('auth.password') };
  return (
    <main id="main" className="centered-card">
      <h1>{p.facilityName ? t('auth.signInTitle', { facility: p.facilityName }) : t('auth.signInTitleNoFacility')}</h1>
      <PolicyProblems />
      {p.notice && !error ? <Notice tone="info">{p.notice}</Notice> : null}
      <PageForm onSubmit={submit} error={error} labels={labels}>
        <TextInput label={labels.username} name="username" value={username} onChange={setUsername} autoFocus autoComplete="username" required />
        <TextInput label={labels.password} name="password" type="password" value={password} onChange={setPassword} autoComplete="current-password" required />
        <Button type="submit" className="primary" isDisabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.signIn')}
        </Button>
      </PageForm>
      <LanguagePicker />
    </main>
  );
}
