import { useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../../../../shared/contract';
import type { TodayOut } from '../../../../shared/contract/handoff';
import { addDays, calendarDateIn } from '../../../../shared/domain/dates';
import type { Role } from '../../../../shared/domain/roles';
import type { AppError } from '../../../../shared/result';
import { useLiveRefresh } from '../../api/changes';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { useFacilityFormat } from '../../app/facility';
import { useCan, useSession } from '../../app/session';
import { Notice, SelectInput } from '../../components/fields';
import { clockTime, errorText, shiftName, useTranslation } from '../../i18n';
import { TodayAppointments } from '../appointments/AppointmentsScreen';
import { DriverDay } from '../transport/DriverDay';

/**
 * The landing screen after sign-in: what needs doing today, by role, each line a link to where it
 * is done. Nurses: who is out of the building, the last handoff not yet acknowledged, CPR coverage.
 * Director of nursing: training that lapses this week and coverage gaps. Coordinators: today's
 * appointments. Drivers: their trips of the day with the pickup and drop-off buttons.
 */
const NURSING: readonly Role[] = ['charge_nurse', 'nurse', 'care_aide', 'director_of_nursing', 'administrator'];
const MANAGING: readonly Role[] = ['director_of_nursing', 'administrator'];

export function TodayScreen() {
  const { t } = useTranslation();
  const { user } = useSession();
  const role = user.role;
  return (
    <div className="today">
      {MANAGING.includes(role) ? <ManagerToday /> : null}
      {NURSING.includes(role) ? <NursingToday /> : null}
      {role === 'care_coordinator' ? (
        <section className="today-section" aria-labelledby="today-coordinator">
          <h2 id="today-coordinator">{t('today.coordinator.title')}</h2>
          <TodayAppointments />
        </section>
      ) : null}
      {role === 'driver' ? (
        <section className="today-section" aria-labelledby="today-driver">
          <h2 id="today-driver">{t('today.driver.title')}</h2>
          <DriverDay headingLevel={3} />
        </section>
      ) : null}
    </div>
  );
}

const unitKey = (userId: number) => `caredesk.today.unit.${userId}`;

function NursingToday() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { date: day } = useDates();
  const canSchedule = useCan('training.read');
  const [data, setData] = useState<TodayOut | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [unit, setUnit] = useState<string | null>(() => localStorage.getItem(unitKey(user.id)));

  const load = useCallback(() => void call('handoff.today', {}).then((r) => (r.ok ? setData(r.value) : setError(r.error))), []);
  useEffect(load, [load]);
  useLiveRefresh(['resident', 'handoff_ack', 'shift_schedule', 'training_record'], load);

  if (error) return <Notice tone="error">{errorText(error)}</Notice>;
  if (!data) return <p className="loading">{t('app.loading')}</p>;
  // Their own unit first (a staff record linked to the account), or the one chosen last; "all" otherwise.
  const chosen = unit ?? (data.ownUnitId !== null ? String(data.ownUnitId) : 'all');
  const units = data.units.filter((u) => chosen === 'all' || String(u.unitId) === chosen);
  const previous = data.previous;

  return (
    <>
      <section className="today-section" aria-labelledby="today-units">
        <div className="today-heading">
          <h2 id="today-units">{t('today.nursing.title')}</h2>
          <SelectInput
            label={t('today.unit')}
            name="unit"
            value={chosen}
            onChange={(v) => {
              setUnit(v);
              localStorage.setItem(unitKey(user.id), v);
            }}
            options={[{ value: 'all', label: t('today.allUnits') }, ...data.units.map((u) => ({ value: String(u.unitId), label: u.name }))]}
          />
        </div>
        {data.current ? <p>{t('today.now', { shift: shiftName(data.current.shiftName), date: day(data.current.date) })}</p> : null}
        <ul className="today-list">
          {units.map((u) => (
            <li key={u.unitId}>
              <h3>
                {u.name} · {t('today.census', { count: u.census })}
              </h3>
              {previous ? (
                <p className={u.handoff.acknowledged ? undefined : 'today-attention'}>
                  {u.handoff.acknowledged ? (
                    t('today.handoffAcknowledged', { shift: shiftName(previous.shiftName), name: u.handoff.byName ?? '', time: clockTime(u.handoff.at ?? '') })
                  ) : (
                    <a href={`#/handoff/sheet/${u.unitId}/${previous.date}/${previous.shiftId}`}>{t('today.handoffNotAcknowledged', { shift: shiftName(previous.shiftName), date: day(previous.date) })}</a>
                  )}
                </p>
              ) : null}
              {u.out.length === 0 ? (
                <p>{t('today.nobodyOut')}</p>
              ) : (
                <>
                  <p>{t('today.out', { count: u.out.length })}</p>
                  <ul>
                    {u.out.map((r) => (
                      <li key={r.residentId}>
                        <a href={`#/residents/r/${r.residentId}`}>
                          {t('today.outEntry', { room: `${r.roomLabel}-${r.bedLabel}`, name: `${r.legalFamily}, ${r.legalGiven}${r.preferredName ? ` (${r.preferredName})` : ''}`, status: t(`residents.value.status.${r.status}`), date: day(r.since) })}
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p className="empty">{t('today.tripsPlaceholder')}</p>
            </li>
          ))}
        </ul>
      </section>
      <section className="today-section" aria-labelledby="today-coverage">
        <h2 id="today-coverage">{t('today.coverage.title')}</h2>
        <ul className="today-list">
          {data.coverage.map((c) => (
            <li key={`${c.date}-${c.shiftId}`} className={c.result === 'ok' ? undefined : 'today-attention'}>
              {t('today.coverage.shift', { shift: shiftName(c.shiftName), date: day(c.date) })}: {c.result === 'ok' ? t('today.coverage.ok', { names: c.coveredBy.join(', ') }) : t(`today.coverage.${c.result}`)}
              {c.result !== 'ok' && canSchedule ? (
                <>
                  {' '}
                  <a href="#/training/matrix">{t('today.coverage.fix')}</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** Director of nursing: training lapsing in the next seven days, and shifts today and tomorrow without CPR coverage. */
function ManagerToday() {
  const { t } = useTranslation();
  const { date: day } = useDates();
  const { timeZone } = useFacilityFormat();
  const today = calendarDateIn(new Date(), timeZone);
  const [lapsing, setLapsing] = useState<OutputOf<'training.lapsing'> | null>(null);
  const [gaps, setGaps] = useState<OutputOf<'training.coverage'>['shifts'] | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const load = useCallback(() => {
    void call('training.lapsing', { asOf: today, withinDays: 7, includeLapsed: false, unitId: null, offset: 0, limit: 50 }).then((r) => (r.ok ? setLapsing(r.value) : setError(r.error)));
    void Promise.all([call('training.coverage', { date: today }), call('training.coverage', { date: addDays(today, 1) })]).then(([a, b]) => {
      if (!a.ok) return setError(a.error);
      if (!b.ok) return setError(b.error);
      setGaps([...a.value.shifts, ...b.value.shifts].filter((s) => s.result !== 'ok'));
    });
  }, [today]);
  useEffect(load, [load]);
  useLiveRefresh(['training_record', 'shift_schedule', 'staff'], load);

  if (error) return <Notice tone="error">{errorText(error)}</Notice>;
  return (
    <>
      <section className="today-section" aria-labelledby="today-lapsing">
        <h2 id="today-lapsing">{t('today.lapsing.title')}</h2>
        {lapsing === null ? (
          <p className="loading">{t('app.loading')}</p>
        ) : lapsing.total === 0 ? (
          <p>{t('today.lapsing.none')}</p>
        ) : (
          <>
            <p>
              <a href="#/training/lapsing">{t('today.lapsing.count', { count: lapsing.total })}</a>
            </p>
            <ul className="today-list">
              {lapsing.rows.map((r) => (
                <li key={`${r.staffId}-${r.courseId}`}>{t('today.lapsing.entry', { name: r.staffName, course: r.courseName, date: r.lapsesOn ? day(r.lapsesOn) : '' })}</li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="today-section" aria-labelledby="today-gaps">
        <h2 id="today-gaps">{t('today.gaps.title')}</h2>
        {gaps === null ? (
          <p className="loading">{t('app.loading')}</p>
        ) : gaps.length === 0 ? (
          <p>{t('today.gaps.none')}</p>
        ) : (
          <ul className="today-list">
            {gaps.map((g) => (
              <li key={`${g.date}-${g.shiftId}`} className="today-attention">
                <a href="#/training/matrix">{t(`today.gaps.${g.result}`, { shift: shiftName(g.shiftName), date: day(g.date) })}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
