import { useEffect, useState } from 'react';
import type { Facility } from '../../../../shared/contract/facility';
import type { OutputOf } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useLatest } from '../../api/latest';
import { useDates } from '../../app/dates';
import { CheckInput, Notice, SelectInput } from '../../components/fields';
import { Pager } from '../../components/Pager';
import { errorText, useTranslation } from '../../i18n';
import { unitOptionsOf, AsOfField } from './common';

const PAGE = 100;
type Row = OutputOf<'training.inService'>['rows'][number];

/** Rolling 12-month in-service hours per care aide against the annual minimum, and new-hire orientation. */
export function InServicePanel({ facility, today }: { facility: Facility; today: string }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const [asOf, setAsOf] = useState(today);
  const [unitId, setUnitId] = useState('');
  const [onlyShort, setOnlyShort] = useState(false);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<OutputOf<'training.inService'> | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const latest = useLatest();
  useEffect(() => {
    latest(call('training.inService', { asOf, unitId: unitId === '' ? null : Number(unitId), onlyShort, offset, limit: PAGE }), (r) =>
      r.ok ? (setPage(r.value), setError(null)) : setError(r.error),
    );
  }, [latest, asOf, unitId, onlyShort, offset]);

  const orientation = (o: Row['orientation']) => {
    if (o.status === 'not_required') return '—';
    if (o.completedOn !== null) {
      return o.withinDeadline === false ? t('training.inService.orientationLate', { date: date(o.completedOn), due: date(o.dueOn) }) : t('training.inService.orientationDone', { date: date(o.completedOn) });
    }
    return o.status === 'missing' ? t('training.inService.orientationMissing', { date: date(o.dueOn) }) : t('training.inService.orientationDue', { date: date(o.dueOn) });
  };

  return (
    <section aria-labelledby="inservice-heading">
      <h2 id="inservice-heading" className="screen-only">
        {t('training.tabs.inService')}
      </h2>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <div className="toolbar">
        <AsOfField value={asOf} onDate={(d) => (setAsOf(d), setOffset(0))} />
        <SelectInput label={t('training.filters.unit')} name="unitId" value={unitId} onChange={(v) => (setUnitId(v), setOffset(0))} options={unitOptionsOf(facility, t('training.filters.allUnits'))} />
        <CheckInput label={t('training.inService.onlyShort')} name="onlyShort" checked={onlyShort} onChange={(v) => (setOnlyShort(v), setOffset(0))} />
      </div>
      {page ? (
        <>
          <p>
            {t('training.inService.window', { from: date(page.window.startsOn), to: date(page.window.endsOn), min: page.minimumHours })} {t('training.inService.newHires')}
          </p>
          <table className="data">
            <caption>{t('training.inService.caption', { date: date(asOf) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('training.matrix.staff')}</th>
                <th scope="col">{t('training.filters.unit')}</th>
                <th scope="col">{t('training.inService.hireDate')}</th>
                <th scope="col">{t('training.inService.hours')}</th>
                <th scope="col">{t('training.inService.required')}</th>
                <th scope="col">{t('training.inService.shortfall')}</th>
                <th scope="col">{t('training.inService.orientation')}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.length === 0 ? (
                <tr>
                  <td colSpan={7}>{t('training.inService.none')}</td>
                </tr>
              ) : null}
              {page.rows.map((r) => (
                <tr key={r.staffId}>
                  <th scope="row">
                    {r.name}
                    <span className="cell-date">{r.employeeId}</span>
                  </th>
                  <td>{r.unitName ?? t('training.filters.noUnit')}</td>
                  <td>
                    {date(r.hireDate)}
                    {r.monthsEmployed !== null ? <span className="cell-date">{t('training.inService.newHire', { months: r.monthsEmployed, from: date(r.countsFrom) })}</span> : null}
                  </td>
                  <td>{r.hours}</td>
                  <td>{r.requiredHours}</td>
                  <td>{r.shortfall > 0 ? t('training.inService.short', { hours: r.shortfall }) : t('training.inService.met')}</td>
                  <td>{orientation(r.orientation)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager offset={offset} limit={PAGE} total={page.total} onChange={setOffset} />
        </>
      ) : (
        <p>{t('app.loading')}</p>
      )}
    </section>
  );
}
