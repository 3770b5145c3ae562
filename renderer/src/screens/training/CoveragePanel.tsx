import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { ShiftCoverage, Staff } from '../../../../shared/contract/training';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { CheckInput, Notice, TextInput } from '../../components/fields';
import { FormDialog } from '../../components/FormDialog';
import { useDates } from '../../app/dates';
import { errorText, shiftName, useTranslation } from '../../i18n';

/** Per shift on a date: is someone on duty with current CPR? The handoff will show the same data later. */
export function CoveragePanel({ date, onChanged }: { date: string; onChanged(): void }) {
  const { t } = useTranslation();
  const { date: day } = useDates();
  const canWrite = useCan('training.write');
  const [shifts, setShifts] = useState<ShiftCoverage[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [editing, setEditing] = useState<ShiftCoverage | null>(null);

  useEffect(() => {
    void call('training.coverage', { date }).then((r) => (r.ok ? setShifts(r.value.shifts) : setError(r.error)));
  }, [date]);

  if (error) return <Notice tone="error">{errorText(error)}</Notice>;
  if (!shifts) return null;
  const warnings = shifts.filter((s) => s.result === 'warning');
  return (
    <section aria-labelledby="coverage-heading" className="coverage">
      <h3 id="coverage-heading">{t('training.coverage.title', { date: day(date) })}</h3>
      {warnings.length > 0 ? (
        <Notice tone="error">
          {warnings.map((s) => `${t('training.coverage.shift', { name: shiftName(s.shiftName), start: s.start, end: s.end })}: ${t('training.coverage.warning')}`).join(' · ')}
        </Notice>
      ) : null}
      <ul className="coverage-list">
        {shifts.map((s) => (
          <li key={s.shiftId} className={`coverage-${s.result}`}>
            <strong>{t('training.coverage.shift', { name: shiftName(s.shiftName), start: s.start, end: s.end })}</strong>{' '}
            {s.result === 'ok'
              ? t('training.coverage.ok', { names: s.onDuty.filter((p) => p.cprValid).map((p) => p.name).join(', ') })
              : t(`training.coverage.${s.result}`)}
            {canWrite ? (
              <Button className="small" onPress={() => setEditing(s)} aria-label={t('training.coverage.editScheduleFor', { shift: shiftName(s.shiftName), date: day(date) })}>
                {t('training.coverage.editSchedule')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {editing ? (
        <ScheduleDialog
          shift={editing}
          date={date}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

function ScheduleDialog(p: { shift: ShiftCoverage; date: string; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { date: day } = useDates();
  const [staff, setStaff] = useState<Staff[]>([]);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [query, setQuery] = useState('');
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    void call('training.listStaff', { limit: 500 }).then((r) => (r.ok ? setStaff(r.value.rows) : setError(r.error)));
    void call('training.getSchedule', { shiftId: p.shift.shiftId, date: p.date }).then((r) => (r.ok ? setChosen(new Set(r.value.staffIds)) : setError(r.error)));
  }, [p.shift.shiftId, p.date]);

  const q = query.trim().toLowerCase();
  const visible = staff.filter((s) => chosen.has(s.id) || q === '' || s.name.toLowerCase().includes(q) || s.employeeId.toLowerCase().includes(q));
  return (
    <FormDialog
      title={t('training.coverage.editScheduleFor', { shift: shiftName(p.shift.shiftName), date: day(p.date) })}
      submitLabel={t('training.coverage.saveSchedule')}
      error={error}
      labels={{ staffIds: t('training.coverage.onDuty') }}
      onClose={p.onClose}
      onSubmit={async () => {
        const r = await call('training.setSchedule', { shiftId: p.shift.shiftId, date: p.date, staffIds: [...chosen] });
        if (r.ok) p.onDone();
        else setError(r.error);
      }}
    >
      <TextInput label={t('training.coverage.filterStaff')} name="filter" type="search" value={query} onChange={setQuery} autoFocus />
      <fieldset className="checklist">
        <legend>{t('training.coverage.onDuty')}</legend>
        {visible.map((s) => (
          <CheckInput
            key={s.id}
            name={`staff-${s.id}`}
            label={`${s.name} (${s.employeeId}, ${t(`training.roles.${s.role}`)})`}
            checked={chosen.has(s.id)}
            onChange={(on) =>
              setChosen((prev) => {
                const next = new Set(prev);
                if (on) next.add(s.id);
                else next.delete(s.id);
                return next;
              })
            }
          />
        ))}
      </fieldset>
    </FormDialog>
  );
}
