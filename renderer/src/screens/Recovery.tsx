import { useEffect, useState, type FormEvent } from 'react';
import { holdsCountsText } from './backup-counts';
import { Button } from 'react-aria-components';
import type { RecoveryBackup, RecoveryOutput } from '../../../shared/contract/startup-recovery';
import type { AppError } from '../../../shared/result';
import { callRecovery } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Notice, TextInput } from '../components/fields';
import { LanguagePicker } from '../components/LanguagePicker';
import { PageForm } from '../components/PageForm';
import { errorText, useTranslation } from '../i18n';

type Status = RecoveryOutput<'recovery.status'>;

/**
 * A backup's instant on this computer's clock, with its zone named: the facility's own time zone
 * lives in the database that cannot be opened.
 */
function when(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));
}

/**
 * The start-up recovery screen (issues 15 and 16): the only screen while the database cannot be
 * opened. Damaged: the verified backups with their dates and what they hold, each restored only
 * after a confirmation naming its date; with none, what to do, and nothing changes. Key: the
 * recovery key re-wraps the database key for this computer. Once the database opens, the window
 * reloads into the app (sign-in); "Quit" changes nothing.
 */
export function Recovery() {
  const { t, i18n } = useTranslation();
  const at = (iso: string) => when(iso, i18n.language);
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState<RecoveryBackup | null>(null);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [quitting, setQuitting] = useState(false);

  useEffect(() => {
    void callRecovery('recovery.status', {}).then((r) => (r.ok ? setStatus(r.value) : setError(r.error)));
  }, []);

  // Open at last: the app starts again from the top, against the real database.
  const reopen = () => window.location.reload();

  async function restore(b: RecoveryBackup): Promise<AppError | null> {
    const r = await callRecovery('recovery.restore', { name: b.name, confirm: true });
    if (!r.ok) return r.error;
    reopen();
    return null;
  }

  async function unlock(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await callRecovery('recovery.unlock', { recoveryKey });
    setBusy(false);
    if (r.ok) return reopen();
    setError(r.error);
  }

  async function quit() {
    setQuitting(true);
    await callRecovery('recovery.quit', {});
  }

  const quitButton = (
    <Button onPress={() => void quit()} isDisabled={busy || quitting}>
      {t('recovery.quit')}
    </Button>
  );

  if (quitting) {
    return (
      <main id="main" className="centered-card wide recovery">
        <Notice tone="info">{t('recovery.quitting')}</Notice>
      </main>
    );
  }

  if (status?.mode === 'key') {
    const labels = { recoveryKey: t('recovery.recoveryKey') };
    return (
      <main id="main" className="centered-card wide recovery">
        <h1>{t('recovery.keyTitle')}</h1>
        <p>{t('recovery.keyIntro')}</p>
        <p>{t('recovery.keyHelp')}</p>
        <p className="recovery-file">{t('recovery.file', { file: status.file })}</p>
        <PageForm onSubmit={(e) => void unlock(e)} error={error?.fields?.length ? error : null} labels={labels}>
          <TextInput label={labels.recoveryKey} name="recoveryKey" value={recoveryKey} onChange={setRecoveryKey} description={t('recovery.recoveryKeyHint')} autoFocus required />
          {error && !error.fields?.length ? <Notice tone="error">{errorText(error)}</Notice> : null}
          <div className="actions">
            <Button type="submit" className="primary" isDisabled={busy || recoveryKey.trim() === ''}>
              {busy ? t('recovery.unlocking') : t('recovery.unlock')}
            </Button>
            {quitButton}
          </div>
        </PageForm>
        <LanguagePicker />
      </main>
    );
  }

  return (
    <main id="main" className="centered-card wide recovery">
      <h1>{t('recovery.damagedTitle')}</h1>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {status ? (
        <>
          <p>{t('recovery.damagedIntro')}</p>
          <p className="recovery-file">{t('recovery.file', { file: status.file })}</p>
          {status.backups.length === 0 ? (
            <section aria-labelledby="recovery-none">
              <h2 id="recovery-none">{t('recovery.noBackupsTitle')}</h2>
              <p>{t('recovery.noBackups')}</p>
            </section>
          ) : (
            <section aria-labelledby="recovery-backups">
              <h2 id="recovery-backups">{t('recovery.backupsTitle')}</h2>
              <p>{t('recovery.backupsHelp')}</p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('recovery.when')}</th>
                    <th scope="col">{t('recovery.holds')}</th>
                    <th scope="col">{t('recovery.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {status.backups.map((b) => (
                    <tr key={b.name}>
                      <td>{at(b.at)}</td>
                      <td>{holdsCountsText(b)}</td>
                      <td>
                        <Button aria-label={t('recovery.restoreThis', { when: at(b.at) })} onPress={() => setConfirming(b)}>
                          {t('recovery.restore')}
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <div className="actions">{quitButton}</div>
        </>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('recovery.confirmTitle', { when: at(confirming.at) })}
          confirmLabel={t('recovery.confirm', { when: at(confirming.at) })}
          cancelLabel={t('recovery.cancel')}
          danger
          onConfirm={() => restore(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>{t('recovery.confirmEffect', { when: at(confirming.at) })}</p>
          <p>{holdsCountsText(confirming)}</p>
        </ConfirmDialog>
      ) : null}
      <LanguagePicker />
    </main>
  );
}
