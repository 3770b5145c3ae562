import type { ReactElement } from 'react';
import type { AppointmentRow } from '../../../../shared/contract/appointments';
import type { Facility } from '../../../../shared/contract/facility';
import { ok, type Result } from '../../../../shared/result';
import { call } from '../../api/client';
import { useTranslation } from '../../i18n';
import { displayDate, PrintDocument, PrintTable, type PrintColumn } from '../../print';
import { placeOf } from './common';

export interface DayListFilter {
  date: string;
  unitId: number | null;
  unitName: string;
}

/** A unit's (or the facility's) appointments of one day: the rows the day list prints. */
export async function loadDayListRows(f: Pick<DayListFilter, 'date' | 'unitId'>): Promise<Result<AppointmentRow[]>> {
  const r = await call('appointments.agenda', { date: f.date, days: 1, unitId: f.unitId, residentId: null });
  return r.ok ? ok(r.value.rows) : r;
}

/** A unit's (or the facility's) appointments of one day, on the print kit (header, page X of Y, confidentiality notice). */
export async function loadDayListPrint(f: DayListFilter, ctx: { facility: Facility; printedBy: string }): Promise<Result<ReactElement>> {
  const rows = await loadDayListRows(f);
  if (!rows.ok) return rows;
  return ok(<DayListPrint rows={rows.value} filter={f} ctx={ctx} />);
}

function DayListPrint({ rows, filter, ctx }: { rows: AppointmentRow[]; filter: DayListFilter; ctx: { facility: Facility; printedBy: string } }) {
  const { t, i18n } = useTranslation();
  return (
    <PrintDocument
      paper={ctx.facility.paperSize}
      orientation="landscape"
      notice="resident"
      title={t('appointments.screen.printTitle', { date: displayDate(filter.date, i18n.language) })}
      context={t('appointments.screen.printContext', { facility: ctx.facility.name, unit: filter.unitName })}
      printedBy={ctx.printedBy}
      timeZone={ctx.facility.timeZone}
    >
      <DayListTable id="appointments-day" rows={rows} />
    </PrintDocument>
  );
}

/**
 * The day list's table. Also a section of the downtime packet (issue 12), where it starts on a
 * new page with a caption naming the unit and the day, because a packet's pages are read loose.
 */
export function DayListTable({ id, rows, caption, breakBefore }: { id: string; rows: readonly AppointmentRow[]; caption?: string; breakBefore?: boolean }) {
  const { t } = useTranslation();
  const columns: PrintColumn<AppointmentRow>[] = [
    { key: 'time', label: t('appointments.screen.when'), width: 12, nowrap: true, cell: (r) => `${r.startLocal.slice(11)}–${r.endLocal.slice(11)}` },
    { key: 'resident', label: t('appointments.screen.resident'), width: 24, rowHeader: true, cell: (r) => r.residentName },
    { key: 'place', label: t('appointments.screen.place'), width: 14, cell: (r) => placeOf(r) },
    { key: 'type', label: t('appointments.screen.typeLabel'), width: 14, cell: (r) => `${t(`appointments.type.${r.type}`)} · ${t(`appointments.setting.${r.setting}`)}` },
    { key: 'provider', label: t('appointments.screen.provider'), width: 18, cell: (r) => r.providerName ?? r.locationName ?? '—' },
    { key: 'prep', label: t('appointments.screen.preparationTitle'), width: 18, cell: (r) => r.preparationItems.map((i) => t(`appointments.preparation.${i}`)).join('; ') || '—' },
    { key: 'status', label: t('appointments.screen.statusLabel'), width: 10, cell: (r) => t(`appointments.status.${r.status}`) },
  ];
  return (
    <PrintTable
      id={id}
      caption={caption}
      breakBefore={breakBefore}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.key}
      rowLabel={(r) => `${r.residentName} ${r.startLocal}`}
      empty={t('appointments.screen.none')}
    />
  );
}
