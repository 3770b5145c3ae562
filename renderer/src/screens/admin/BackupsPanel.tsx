import { useCallback, useEffect, useState } from 'react';
import { holdsCountsText } from '../backup-counts';
import { Button } from 'react-aria-components';
import type { BackupEntry } from '../../../../shared/contract/backup';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { Notice } from '../../components/fields';
import { errorText, useTranslation } from '../../i18n';

interface Status {
  engine: 'sqlite' | 'pg';
  folder: string | null;
  backups: BackupEntry[];
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/**
 * Admin → Backups (issue 15): the verified copies with what they hold, "Back up now", and
 * "Restore…" with a confirmation that says what is lost. On the server option: whose backups they are.
 */
export function BackupsPanel(p: { onRestored?: () => void }) {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<BackupEntry | null>(null);

  const load = useCallback(async () => {
    const r = await call('backup.status', {});
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function backUpNow() {
    setBusy(true);
    setNotice(null);
    const r = await call('backup.now', {});
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setNotice(t('backup.made', { name: r.value.name }));
    await load();
  }

  async function restore(b: BackupEntry) {
    setBusy(true);
    const r = await call('backup.restore', { name: b.name, confirm: true });
    setBusy(false);
    setConfirming(null);
    if (!r.ok) return setError(r.error);
    setError(null);
    setNotice(t('backup.restored', { when: dateTime(b.at), safety: r.value.safetyCopy }));
    p.onRestored?.();
  }

  if (status?.engine === 'pg') {
    return (
      <section aria-labelledby="backups-heading">
        <h2 id="backups-heading">{t('backup.title')}</h2>
        <p>{t('backup.serverManaged')}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="backups-heading" className="backups">
      <h2 id="backups-heading">{t('backup.title')}</h2>
      <p>{t('backup.intro')}</p>
      {status?.folder ? <p>{t('backup.folder', { folder: status.folder })}</p> : null}
      <div className="actions">
        <Button className="primary" onPress={() => void backUpNow()} isDisabled={busy}>
          {busy ? t('backup.backingUp') : t('backup.backUpNow')}
        </Button>
      </div>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {confirming ? (
        <div role="alertdialog" aria-labelledby="restore-confirm-title" className="confirm">
          <h3 id="restore-confirm-title">{t('backup.confirmTitle', { when: dateTime(confirming.at) })}</h3>
          <p>{t('backup.confirmEffect', { when: dateTime(confirming.at) })}</p>
          <Button className="danger" onPress={() => void restore(confirming)} isDisabled={busy}>
            {t('backup.confirm')}
          </Button>
          <Button onPress={() => setConfirming(null)}>{t('backup.cancel')}</Button>
        </div>
      ) : null}
      {status && status.backups.length === 0 ? <p>{t('backup.none')}</p> : null}
      {status && status.backups.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('backup.when')}</th>
              <th scope="col">{t('backup.kind')}</th>
              <th scope="col">{t('backup.size')}</th>
              <th scope="col">{t('backup.holds')}</th>
              <th scope="col">{t('backup.checked')}</th>
              <th scope="col">{t('backup.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {status.backups.map((b) => (
              <tr key={b.name}>
                <td>{dateTime(b.at)}</td>
                <td>{t(`backup.kinds.${b.kind}`)}</td>
                <td>{megabytes(b.bytes)}</td>
                <td>{b.ok ? holdsCountsText({ residents: b.residents ?? 0, users: b.users ?? 0, auditRows: b.auditRows ?? 0 }) : ''}</td>
                <td>{b.ok ? t('backup.verifiedOk') : t('backup.verifiedBad')}</td>
                <td>
                  {b.ok ? (
                    <Button aria-label={t('backup.restoreThis', { when: dateTime(b.at) })} onPress={() => setConfirming(b)} isDisabled={busy}>
                      {t('backup.restore')}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
