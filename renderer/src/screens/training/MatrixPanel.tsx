import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { Facility } from '../../../../shared/contract/facility';
import type { MatrixOutput } from '../../../../shared/contract/training';
import { COMPLIANCE_STATUSES, EXPIRING_WINDOWS, type StaffRole } from '../../../../shared/domain/training/vocabulary';
import type { AppError } from '../../../../shared/result';
import { useLiveRefresh } from '../../api/changes';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { useCan, useSession } from '../../app/session';
import { Notice, SelectInput } from '../../components/fields';
import { errorText, useTranslation } from '../../i18n';
import { usePrinter } from '../../print';
import { CellText, STATUS_SYMBOL, downloadText, useRoleOptions, unitOptionsOf, AsOfField } from './common';
import { loadMatrixPrint } from './prints';
import { CoveragePanel } from './CoveragePanel';
import { CredentialDialog } from './LicencesDialog';
import { RecordDialog } from './RecordDialog';

type StatusChoice = '' | 'attention' | (typeof COMPLIANCE_STATUSES)[number];

/** Staff × course with a status in every cell, as of any date; the page an administrator prints before a survey. */
export function MatrixPanel({ facility, today }: { facility: Facility; today: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { date } = useDates();
  const canWrite = useCan('training.write');
  const [asOf, setAsOf] = useState(today);
  const [windowDays, setWindowDays] = useState<'30' | '60' | '90'>('30');
  const [unitId, setUnitId] = useState('');
  const [role, setRole] = useState<StaffRole | ''>('');
  const [status, setStatus] = useState<StatusChoice>('');
  const [matrix, setMatrix] = useState<MatrixOutput | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const [recordingLicence, setRecordingLicence] = useState(false);
  const [coverageKey, setCoverageKey] = useState(0);
  const printer = usePrinter();

  const filters = { asOf, windowDays: Number(windowDays) as 30 | 60 | 90, unitId: unitId === '' ? null : Number(unitId), role: role === '' ? null : role, status: status === '' ? null : status };
  const load = useCallback(async () => {
    const r = await call('training.matrix', { asOf, windowDays: Number(windowDays) as 30 | 60 | 90, unitId: unitId === '' ? null : Number(unitId), role: role === '' ? null : role, status: status === '' ? null : status });
    if (r.ok) {
      setMatrix(r.value);
      setError(null);
    } else setError(r.error);
  }, [asOf, windowDays, unitId, role, status]);

  useEffect(() => {
    void load();
  }, [load]);
  // A record entered or voided at any station changes the matrix here without a reload.
  useLiveRefresh(['training_record', 'training_session', 'staff_credential', 'credential_type', 'staff', 'course'], () => void load());

  const roleOptions = useRoleOptions(true);
  const unitOptions = unitOptionsOf(facility, t('training.filters.allUnits'));
  const unitName = (id: number | null) => (id === null ? t('training.filters.noUnit') : (facility.units.find((u) => u.id === id)?.name ?? ''));
  const statusOptions: { value: StatusChoice; label: string }[] = [
    { value: '', label: t('training.statusFilter.all') },
    { value: 'attention', label: t('training.statusFilter.attention') },
    ...COMPLIANCE_STATUSES.filter((s) => s !== 'not_required').map((s) => ({ value: s, label: `${STATUS_SYMBOL[s]} ${t(`training.status.${s}`)}` })),
  ];

  return (
    <section aria-labelledby="matrix-heading" className="training-matrix">
      <h2 id="matrix-heading" className="screen-only">
        {t('training.tabs.matrix')}
      </h2>
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      <div className="toolbar">
        <AsOfField value={asOf} onDate={setAsOf} />
        <SelectInput
          label={t('training.filters.window')}
          name="windowDays"
          value={windowDays}
          onChange={setWindowDays}
          options={EXPIRING_WINDOWS.map((w) => ({ value: String(w) as '30' | '60' | '90', label: t('training.filters.windowDays', { days: w }) }))}
        />
        <SelectInput label={t('training.filters.unit')} name="unitId" value={unitId} onChange={setUnitId} options={unitOptions} />
        <SelectInput label={t('training.filters.role')} name="role" value={role} onChange={setRole} options={roleOptions} />
        <SelectInput label={t('training.filters.status')} name="status" value={status} onChange={setStatus} options={statusOptions} />
      </div>
      <div className="toolbar">
        {canWrite ? (
          <>
            <Button className="primary" onPress={() => setRecording(true)}>
              {t('training.matrix.recordTraining')}
            </Button>
            <Button onPress={() => setRecordingLicence(true)}>{t('training.matrix.recordLicence')}</Button>
          </>
        ) : null}
        <Button
          isDisabled={printer.busy}
          onPress={async () =>
            setError(
              await printer.print({
                document: 'training.matrix',
                suggestedName: `${t('training.matrix.print')} ${asOf}`,
                render: () => loadMatrixPrint(filters, { facility, printedBy: user.displayName }),
              }),
            )
          }
        >
          {t('training.matrix.print')}
        </Button>
        <Button
          onPress={async () => {
            const r = await call('training.exportCsv', filters);
            if (!r.ok) return setError(r.error);
            downloadText(r.value.fileName, r.value.csv, 'text/csv;charset=utf-8');
            setNotice(t('training.matrix.exported', { rows: r.value.rows, file: r.value.fileName }));
          }}
        >
          {t('training.matrix.exportCsv')}
        </Button>
        {printer.busy ? <span role="status">{t('print.preparing')}</span> : null}
      </div>
      {printer.view}

      <CoveragePanel key={`${asOf}:${coverageKey}`} date={asOf} onChanged={() => setCoverageKey((k) => k + 1)} />

      {matrix === null ? (
        <p>{t('training.matrix.loading')}</p>
      ) : (
        <>
          <p className="legend screen-only">
            {t('training.matrix.legend')}:{' '}
            {COMPLIANCE_STATUSES.map((s) => `${STATUS_SYMBOL[s]} ${t(`training.status.${s}`)}`).join(' · ')}
          </p>
          <div className="matrix-scroll">
            <table className="data matrix" aria-describedby="matrix-legend">
              <caption>{t('training.matrix.caption', { date: date(matrix.asOf), days: matrix.windowDays })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.matrix.staff')}</th>
                  <th scope="col">{t('training.filters.unit')}</th>
                  {matrix.courses.map((c) => (
                    <th key={`${c.kind}-${c.id}`} scope="col">
                      {c.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.rows.length === 0 ? (
                  <tr>
                    <td colSpan={matrix.courses.length + 2}>{t('training.matrix.noStaff')}</td>
                  </tr>
                ) : null}
                {matrix.rows.map((r) => (
                  <tr key={r.staffId}>
                    <th scope="row">
                      {r.name}
                      <span className="cell-date">
                        {r.employeeId} · {t(`training.roles.${r.role}`)}
                      </span>
                    </th>
                    <td>{unitName(r.unitId)}</td>
                    {r.cells.map((cell, i) => (
                      <td key={`${matrix.courses[i]!.kind}-${matrix.courses[i]!.id}`} className={`cell cell-${cell.status}`}>
                        <CellText cell={cell} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p id="matrix-legend" className="print-only">
            {COMPLIANCE_STATUSES.map((s) => `${STATUS_SYMBOL[s]} ${t(`training.status.${s}`)}`).join(' · ')}
          </p>
          {matrix.total > matrix.rows.length ? <p>{t('training.matrix.shown', { shown: matrix.rows.length, total: matrix.total })}</p> : null}

          <TotalsTable
            caption={t('training.matrix.totalsByCourse')}
            firstColumn={t('training.matrix.course')}
            rows={matrix.totals.byCourse.map((row, i) => ({ key: `${row.kind}-${row.courseId}`, label: matrix.courses[i]?.name ?? '', counts: row }))}
          />
          <TotalsTable
            caption={t('training.matrix.totalsByUnit')}
            firstColumn={t('training.filters.unit')}
            rows={[
              ...matrix.totals.byUnit.map((row) => ({ key: String(row.unitId ?? 'none'), label: row.unitName ?? t('training.filters.noUnit'), counts: row })),
              { key: 'all', label: t('training.matrix.allUnitsTotal'), counts: matrix.totals.all },
            ]}
          />
        </>
      )}
      {recordingLicence ? (
        <CredentialDialog
          onClose={() => setRecordingLicence(false)}
          onDone={(c, name) => {
            setRecordingLicence(false);
            setNotice(t('training.licences.saved', { type: c.typeName, name }));
            void load();
          }}
        />
      ) : null}
      {recording ? (
        <RecordDialog
          onClose={() => setRecording(false)}
          onDone={(r, name) => {
            setRecording(false);
            setNotice(t('training.record.saved', { name, course: r.courseName, date: date(r.completedOn) }));
            void load();
            setCoverageKey((k) => k + 1);
          }}
        />
      ) : null}
    </section>
  );
}

const COUNTED = ['current', 'expiring', 'expired', 'missing'] as const;
type Counts = Record<(typeof COUNTED)[number], number>;

/** A totals table (per course, per unit): one row per group, a column per status. */
function TotalsTable(p: { caption: string; firstColumn: string; rows: { key: string; label: string; counts: Counts }[] }) {
  const { t } = useTranslation();
  return (
    <table className="data totals">
      <caption>{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{p.firstColumn}</th>
          {COUNTED.map((s) => (
            <th key={s} scope="col">
              {STATUS_SYMBOL[s]} {t(`training.status.${s}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {p.rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {COUNTED.map((s) => (
              <td key={s}>{row.counts[s]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
