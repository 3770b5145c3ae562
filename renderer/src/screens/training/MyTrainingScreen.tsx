import { useEffect, useState } from 'react';
import type { MyTraining } from '../../../../shared/contract/training';
import type { AppError } from '../../../../shared/result';
import { useLiveRefresh } from '../../api/changes';
import { useDates } from '../../app/dates';
import { call } from '../../api/client';
import { Notice } from '../../components/fields';
import { errorText, useTranslation } from '../../i18n';
import { AsOfField, StatusText, facilityToday, useFacility } from './common';

/**
 * My training: the signed-in person's own records, licences and what is due, read-only. Every role has it
 * (`training.self`); the server finds the record through the account's staff link, so nobody else's shows.
 */
export function MyTrainingScreen() {
  const { t } = useTranslation();
  const { date } = useDates();
  const facility = useFacility();
  const today = facility ? facilityToday(facility.timeZone) : null;
  const [asOf, setAsOf] = useState<string | null>(null);
  const [mine, setMine] = useState<MyTraining | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (today === null) return;
    void call('training.mine', { asOf: asOf ?? today }).then((r) => (r.ok ? (setMine(r.value), setError(null)) : setError(r.error)));
  }, [asOf, today, reload]);
  useLiveRefresh(['training_record', 'training_session', 'staff_credential', 'staff', 'course', 'credential_type'], () => setReload((n) => n + 1));

  if (error) return <Notice tone="error">{errorText(error)}</Notice>;
  if (!mine || today === null) return <p>{t('app.loading')}</p>;
  if (mine.staff === null) return <Notice tone="info">{t('training.mine.notLinked')}</Notice>;
  const s = mine.staff;
  const when = (i: MyTraining['standing'][number]) => (i.expiresOn ? t('training.matrix.cellExpires', { date: date(i.expiresOn) }) : i.dueOn ? t('training.matrix.cellDue', { date: date(i.dueOn) }) : i.completedOn ? t('training.mine.never') : '—');

  return (
    <div className="my-training">
      <p>
        <strong>{t('training.mine.who', { name: s.name, employeeId: s.employeeId, role: t(`training.roles.${s.role}`), unit: s.unitName ?? t('training.filters.noUnit') })}</strong>
      </p>
      <p className="description">{t('training.mine.intro')}</p>
      <div className="toolbar">
        <AsOfField value={asOf ?? today} onDate={setAsOf} />
      </div>
      {mine.inService ? (
        <Notice tone={mine.inService.shortfall > 0 ? 'error' : 'info'}>
          {t('training.mine.inService', { hours: mine.inService.hours, required: mine.inService.requiredHours, from: date(mine.inService.countsFrom) })}{' '}
          {mine.inService.shortfall > 0 ? t('training.mine.inServiceShort', { hours: mine.inService.shortfall }) : t('training.mine.inServiceMet')}
        </Notice>
      ) : null}

      <section aria-labelledby="mine-due">
        <h2 id="mine-due">{t('training.mine.due')}</h2>
        <table className="data">
          <caption>{t('training.mine.dueCaption', { date: date(mine.asOf) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('training.mine.item')}</th>
              <th scope="col">{t('training.mine.status')}</th>
              <th scope="col">{t('training.mine.when')}</th>
              <th scope="col">{t('training.mine.lastDone')}</th>
            </tr>
          </thead>
          <tbody>
            {mine.standing.length === 0 ? (
              <tr>
                <td colSpan={4}>{t('training.mine.nothingDue')}</td>
              </tr>
            ) : null}
            {mine.standing.map((i) => (
              <tr key={`${i.kind}:${i.id}`} className={`cell-${i.status}`}>
                <th scope="row">
                  {i.name}
                  <span className="cell-date">
                    {t(`training.mine.kinds.${i.kind}`)}
                    {i.required ? '' : ` · ${t('training.mine.notRequired')}`}
                  </span>
                </th>
                <td>
                  <StatusText status={i.status} />
                </td>
                <td>{when(i)}</td>
                <td>{i.completedOn ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="mine-licences">
        <h2 id="mine-licences">{t('training.mine.licences')}</h2>
        {mine.credentials.length === 0 ? (
          <p className="empty">{t('training.mine.noLicences')}</p>
        ) : (
          <table className="data">
            <caption className="visually-hidden">{t('training.mine.licences')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('training.licences.type')}</th>
                <th scope="col">{t('training.licences.number')}</th>
                <th scope="col">{t('training.licences.issuedBy')}</th>
                <th scope="col">{t('training.licences.issuedOn')}</th>
                <th scope="col">{t('training.licences.expiresOn')}</th>
              </tr>
            </thead>
            <tbody>
              {mine.credentials.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.typeName}</th>
                  <td>{c.number}</td>
                  <td>{[c.issuingState, c.issuingBody].filter(Boolean).join(' · ')}</td>
                  <td>{date(c.issuedOn)}</td>
                  <td>{date(c.expiresOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="mine-records">
        <h2 id="mine-records">{t('training.mine.records')}</h2>
        {mine.records.length === 0 ? (
          <p className="empty">{t('training.mine.noRecords')}</p>
        ) : (
          <table className="data">
            <caption className="visually-hidden">{t('training.mine.records')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('training.record.course')}</th>
                <th scope="col">{t('training.record.completedOn')}</th>
                <th scope="col">{t('training.record.expiresOn')}</th>
                <th scope="col">{t('training.record.hours')}</th>
                <th scope="col">{t('training.record.provider')}</th>
                <th scope="col">{t('training.record.source')}</th>
              </tr>
            </thead>
            <tbody>
              {mine.records.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.courseName}</th>
                  <td>{date(r.completedOn)}</td>
                  <td>{r.expiresOn ?? t('training.record.never')}</td>
                  <td>{r.hours ?? ''}</td>
                  <td>{r.provider ?? ''}</td>
                  <td>{t(`training.record.sources.${r.source}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
