import { useEffect, useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import type { OutputOf } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { call } from '../api/client';
import { Notice, TextInput } from '../components/fields';
import { PageForm } from '../components/PageForm';
import { useTranslation } from '../i18n';

/**
 * On an empty facility server, when this PC still holds a CareDesk database of its own: move every
 * record onto the server (checked table by table there) instead of starting a new facility. The
 * password asked for is that database's own administrator's; the server's password never comes here.
 */
export function MoveFromStation(p: { onMoved(): void }) {
  const { t } = useTranslation();
  const [local, setLocal] = useState<OutputOf<'setup.localDatabase'> | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<OutputOf<'setup.moveFromLocal'> | null>(null);
  useEffect(() => {
    void call('setup.localDatabase', {}).then((r) => (r.ok ? setLocal(r.value) : undefined));
  }, []);
  if (!local?.available) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await call('setup.moveFromLocal', { username, password });
    setBusy(false);
    setPassword('');
    if (r.ok) setDone(r.value);
    else setError(r.error);
  }

  if (done) {
    return (
      <section aria-labelledby="move-heading" className="move-from-station">
        <h2 id="move-heading">{t('setup.moveTitle')}</h2>
        <Notice tone="success">{t('setup.moveDone', { rows: done.rows, tables: done.tables.length })}</Notice>
        <table className="data">
          <caption>{t('setup.moveTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('setup.moveTableName')}</th>
              <th scope="col">{t('setup.moveRows')}</th>
              <th scope="col">{t('setup.moveChecksum')}</th>
            </tr>
          </thead>
          <tbody>
            {done.tables.map((row) => (
              <tr key={row.name}>
                <th scope="row">{row.name}</th>
                <td>{row.rows}</td>
                <td>
                  <code>{row.checksum.slice(0, 16)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Button className="primary" onPress={p.onMoved} autoFocus>
          {t('auth.signIn')}
        </Button>
      </section>
    );
  }

  const labels = { username: t('setup.moveUsername'), password: t('setup.movePassword') };
  return (
    <section aria-labelledby="move-heading" className="move-from-station">
      <h2 id="move-heading">{t('setup.moveTitle')}</h2>
      <p>{t('setup.moveIntro', { facility: local.facilityName ?? '—', residents: local.residents, staff: local.staff })}</p>
      <PageForm onSubmit={submit} error={error} labels={labels}>
        <TextInput label={labels.username} name="username" value={username} onChange={setUsername} autoComplete="username" required />
        <TextInput label={labels.password} name="password" type="password" value={password} onChange={setPassword} autoComplete="current-password" required />
        <Button type="submit" className="primary" isDisabled={busy}>
          {busy ? t('setup.moving') : t('setup.moveSubmit')}
        </Button>
      </PageForm>
      <h2>{t('setup.orNew')}</h2>
    </section>
  );
}
