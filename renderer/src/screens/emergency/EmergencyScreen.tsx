import { useEffect, useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import type { OutputOf } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { Notice, TextInput } from '../../components/fields';
import { PageForm } from '../../components/PageForm';
import { clockTime, errorText, useTranslation } from '../../i18n';
import { ResidentPage } from '../residents/ResidentPage';

type Match = OutputOf<'emergency.find'>[number];
type Grant = OutputOf<'emergency.open'>;

/**
 * Emergency access ("break the glass") for a role that does not open residents' records: find the
 * resident, say why, and read that one record until the end of the shift. Main records the reason
 * and every read, and an administrator reviews it.
 */
export function EmergencyScreen() {
  const { t } = useTranslation();
  const { date } = useDates();
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [chosen, setChosen] = useState<Match | null>(null);
  const [reason, setReason] = useState('');
  const [grant, setGrant] = useState<Grant | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [facility, setFacility] = useState<Facility | null>(null);

  useEffect(() => {
    void call('facility.get', {}).then((r) => (r.ok ? setFacility(r.value) : undefined));
  }, []);

  async function find(e: FormEvent) {
    e.preventDefault();
    const r = await call('emergency.find', { query });
    if (r.ok) {
      setMatches(r.value);
      setError(null);
    } else setError(r.error);
  }

  async function open(e: FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    const r = await call('emergency.open', { residentId: chosen.id, reason });
    if (r.ok) {
      setGrant(r.value);
      setError(null);
    } else setError(r.error);
  }

  if (grant) {
    return (
      <section aria-label={t('privacy.emergency.title')}>
        <Notice tone="info">{t('privacy.emergency.banner', { time: clockTime(grant.expiresAt) })}</Notice>
        <ResidentPage id={grant.residentId} facility={facility} canWrite={false} onChanged={() => undefined} hideCensusLink />
        <Button
          onPress={() => {
            setGrant(null);
            setChosen(null);
            setReason('');
          }}
        >
          {t('privacy.emergency.back')}
        </Button>
      </section>
    );
  }

  const labels = { query: t('privacy.emergency.search'), reason: t('privacy.emergency.reason') };
  return (
    <section className="emergency" aria-labelledby="emergency-heading">
      <h2 id="emergency-heading">{t('privacy.emergency.title')}</h2>
      <p>{t('privacy.emergency.intro')}</p>
      {chosen ? (
        <PageForm onSubmit={open} error={error} labels={{ reason: labels.reason, residentId: labels.query }}>
          <p>
            <strong>{chosen.name}</strong> · {date(chosen.dateOfBirth)} · {chosen.recordNumber}
            {chosen.place ? ` · ${chosen.place}` : ''}
          </p>
          <TextInput label={labels.reason} name="reason" value={reason} onChange={setReason} description={t('privacy.emergency.reasonHint')} maxLength={500} required autoFocus />
          <div className="actions">
            <Button onPress={() => setChosen(null)}>{t('privacy.emergency.back')}</Button>
            <Button type="submit" className="primary danger">
              {t('privacy.emergency.open')}
            </Button>
          </div>
        </PageForm>
      ) : (
        <>
          <PageForm onSubmit={find} error={error} labels={labels}>
            <TextInput label={labels.query} name="query" type="search" value={query} onChange={setQuery} maxLength={120} required autoFocus />
            <Button type="submit" className="primary">
              {t('privacy.emergency.find')}
            </Button>
          </PageForm>
          {matches !== null && matches.length === 0 ? <p className="empty">{t('privacy.emergency.noMatch')}</p> : null}
          {matches && matches.length > 0 ? (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('privacy.review.resident')}</th>
                  <th scope="col">{t('privacy.emergency.dateOfBirth')}</th>
                  <th scope="col">{t('privacy.emergency.recordNumber')}</th>
                  <th scope="col">{t('privacy.emergency.place')}</th>
                </tr>
              </thead>
              <tbody>
                {matches.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <Button className="link" aria-label={t('privacy.emergency.choose', { name: m.name })} onPress={() => setChosen(m)}>
                        {m.name}
                      </Button>
                    </th>
                    <td>{date(m.dateOfBirth)}</td>
                    <td>{m.recordNumber}</td>
                    <td>{m.place ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      )}
      {error && !error.fields ? <Notice tone="error">{errorText(error)}</Notice> : null}
    </section>
  );
}
