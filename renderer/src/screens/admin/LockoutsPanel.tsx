import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { OutputOf } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { Notice } from '../../components/fields';
import { errorText, useTranslation } from '../../i18n';

/**
 * Accounts and stations locked by failed passwords, with an unlock each: five failures typed as a
 * lookalike of the administrator's name need not keep the real administrator out for 15 minutes.
 */
export function LockoutsPanel() {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const [locked, setLocked] = useState<OutputOf<'users.lockouts'> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await call('users.lockouts', {});
    if (r.ok) setLocked(r.value);
    else setError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function unlock(input: { userId: number } | { station: string }) {
    const r = await call('users.unlock', input);
    if (!r.ok) return setError(r.error);
    setNotice(t('privacy.lockouts.unlocked'));
    await load();
  }

  if (!locked) return null;
  const empty = locked.accounts.length === 0 && locked.stations.length === 0;
  return (
    <section aria-labelledby="lockouts-heading" className="lockouts">
      <h3 id="lockouts-heading">{t('privacy.lockouts.title')}</h3>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {empty ? (
        <p className="empty">{t('privacy.lockouts.none')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('privacy.lockouts.account')}</th>
              <th scope="col">{t('privacy.lockouts.failures')}</th>
              <th scope="col">{t('privacy.lockouts.until')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {locked.accounts.map((a) => (
              <tr key={`u${a.userId}`}>
                <th scope="row">
                  {a.displayName} ({a.username})
                </th>
                <td>{a.failures}</td>
                <td>{dateTime(a.lockedUntil)}</td>
                <td>
                  <Button aria-label={t('privacy.lockouts.unlockAccount', { name: a.displayName })} onPress={() => void unlock({ userId: a.userId })}>
                    {t('privacy.lockouts.unlock')}
                  </Button>
                </td>
              </tr>
            ))}
            {locked.stations.map((s) => (
              <tr key={`s${s.station}`}>
                <th scope="row">
                  {t('privacy.lockouts.station')}: {s.station}
                </th>
                <td>{s.failures}</td>
                <td>{dateTime(s.lockedUntil)}</td>
                <td>
                  <Button aria-label={t('privacy.lockouts.unlockStation', { station: s.station })} onPress={() => void unlock({ station: s.station })}>
                    {t('privacy.lockouts.unlock')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
