import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import type { OutputOf } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { useSession } from '../../app/session';
import { CheckInput, Notice, SelectInput } from '../../components/fields';
import { Pager } from '../../components/Pager';
import { errorText, useTranslation } from '../../i18n';
import { usePrinter } from '../../print';
import { StatusText, unitOptionsOf, AsOfField } from './common';
import { loadLapsingPrint } from './prints';

const PAGE = 200;
const WITHIN = ['30', '60', '90', '180'] as const;

/** What lapses next, by date: the unit manager's printed to-do list. */
export function LapsingPanel({ facility, today }: { facility: Facility; today: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { date } = useDates();
  const [asOf, setAsOf] = useState(today);
  const [within, setWithin] = useState<(typeof WITHIN)[number]>('60');
  const [unitId, setUnitId] = useState('');
  const [includeLapsed, setIncludeLapsed] = useState(false);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<OutputOf<'training.lapsing'> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const printer = usePrinter();

  useEffect(() => {
    void call('training.lapsing', { asOf, withinDays: Number(within), unitId: unitId === '' ? null : Number(unitId), includeLapsed, offset, limit: PAGE }).then((r) =>
      r.ok ? (setPage(r.value), setError(null)) : setError(r.error),
    );
  }, [asOf, within, unitId, includeLapsed, offset]);

  const when = (days: number | null) =>
    days === null ? t('training.lapsing.noDate') : days === 0 ? t('training.lapsing.today') : days > 0 ? t('training.lapsing.daysLeftValue', { count: days }) : t('training.lapsing.overdue', { count: -days });

  return (
    <section aria-labelledby="lapsing-heading">
      <h2 id="lapsing-heading" className="screen-only">
        {t('training.tabs.lapsing')}
      </h2>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <div className="toolbar">
        <AsOfField value={asOf} onDate={(d) => (setAsOf(d), setOffset(0))} />
        <SelectInput label={t('training.lapsing.withinDays')} name="withinDays" value={within} onChange={(v) => (setWithin(v), setOffset(0))} options={WITHIN.map((w) => ({ value: w, label: t('training.filters.windowDays', { days: w }) }))} />
        <SelectInput label={t('training.filters.unit')} name="unitId" value={unitId} onChange={(v) => (setUnitId(v), setOffset(0))} options={unitOptionsOf(facility, t('training.filters.allUnits'))} />
        <CheckInput label={t('training.lapsing.includeLapsed')} name="includeLapsed" checked={includeLapsed} onChange={(v) => (setIncludeLapsed(v), setOffset(0))} />
        <Button
          isDisabled={printer.busy}
          onPress={async () =>
            setError(
              await printer.print({
                document: 'training.lapsing',
                suggestedName: t('training.lapsing.print'),
                render: () => loadLapsingPrint({ asOf, withinDays: Number(within), unitId: unitId === '' ? null : Number(unitId), includeLapsed }, { facility, printedBy: user.displayName }),
              }),
            )
          }
        >
          {t('training.lapsing.print')}
        </Button>
        {printer.busy ? <span role="status">{t('print.preparing')}</span> : null}
      </div>
      {printer.view}
      {page ? (
        <table className="data lapsing">
          <caption>{t('training.lapsing.caption', { date: date(asOf) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('training.lapsing.lapsesOn')}</th>
              <th scope="col">{t('training.lapsing.daysLeft')}</th>
              <th scope="col">{t('training.matrix.staff')}</th>
              <th scope="col">{t('training.filters.unit')}</th>
              <th scope="col">{t('training.matrix.course')}</th>
              <th scope="col">{t('training.filters.status')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.length === 0 ? (
              <tr>
                <td colSpan={6}>{t('training.lapsing.none')}</td>
              </tr>
            ) : null}
            {page.rows.map((r) => (
              <tr key={`${r.staffId}:${r.kind}:${r.courseId}`}>
                <td>{r.lapsesOn ? date(r.lapsesOn) : '—'}</td>
                <td>{when(r.daysLeft)}</td>
                <th scope="row">
                  {r.staffName}
                  <span className="cell-date">
                    {r.employeeId} · {t(`training.roles.${r.role}`)}
                  </span>
                </th>
                <td>{r.unitName ?? t('training.filters.noUnit')}</td>
                <td>
                  {r.courseName}
                  {r.completedOn ? <span className="cell-date">{t('training.matrix.cellCompleted', { date: date(r.completedOn) })}</span> : null}
                </td>
                <td>
                  <StatusText status={r.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('app.loading')}</p>
      )}
      {page && page.total > PAGE ? <Pager offset={offset} limit={PAGE} total={page.total} onChange={setOffset} /> : null}
    </section>
  );
}
