import { useEffect, useState } from 'react';
import type { AppointmentRow } from '../../../../shared/contract/appointments';
import type { Facility } from '../../../../shared/contract/facility';
import { call } from '../../api/client';
import { useDates } from '../../app/dates';
import { useTranslation } from '../../i18n';

/** What changes at another station that an appointments view shows. */
// Transport's bookings and legs too: whether an appointment still needs transport is read from them.
export const LIVE_ENTITIES = ['appointment', 'appointment_series', 'appointment_provider', 'resident', 'transport_booking', 'transport_leg'];

export interface ResidentOption {
  id: number;
  name: string;
}

/** The residents in care, for the form's resident picker. */
export function useResidents(): ResidentOption[] {
  const [list, setList] = useState<ResidentOption[]>([]);
  useEffect(() => {
    void call('residents.list', { status: 'census', limit: 500, sort: 'name' }).then((r) =>
      r.ok ? setList(r.value.rows.map((x) => ({ id: x.id, name: `${x.legalFamily}, ${x.legalGiven}${x.preferredName ? ` (${x.preferredName})` : ''} · ${x.recordNumber}` }))) : undefined,
    );
  }, []);
  return list;
}

export function unitOptions(facility: Facility, all: string) {
  return [{ value: '', label: all }, ...facility.units.map((u) => ({ value: String(u.id), label: u.name }))];
}

/** "Mar 4, 2026 10:00–11:00" from the row's facility wall times (never the host's zone). */
export function useWhen() {
  const { date } = useDates();
  return (r: Pick<AppointmentRow, 'startLocal' | 'endLocal'>) => {
    const sameDay = r.startLocal.slice(0, 10) === r.endLocal.slice(0, 10);
    return `${date(r.startLocal.slice(0, 10))} ${r.startLocal.slice(11)}–${sameDay ? r.endLocal.slice(11) : `${date(r.endLocal.slice(0, 10))} ${r.endLocal.slice(11)}`}`;
  };
}

/** Status, with the DST flag beside a shifted occurrence. */
export function StatusCell({ row }: { row: AppointmentRow }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={`status appointment-${row.status}`}>{t(`appointments.status.${row.status}`)}</span>
      {row.shift ? <span className="cell-date">{t(`appointments.shift.${row.shift}`, { time: row.startLocal.slice(11) })}</span> : null}
    </>
  );
}

export function placeOf(r: AppointmentRow): string {
  return r.unitName ? `${r.unitName} · ${r.roomLabel ?? ''}${r.bedLabel ? `-${r.bedLabel}` : ''}` : '—';
}
