import type { ReactElement, ReactNode } from 'react';
import type { Facility } from '../../../../shared/contract/facility';
import type { AppointmentRow } from '../../../../shared/contract/appointments';
import type { HandoffRowOut, SheetOut } from '../../../../shared/contract/handoff';
import { formatDate, formatDateTime } from '../../../../shared/domain/date-display';
import { ok, type Result } from '../../../../shared/result';
import { call } from '../../api/client';
import { shiftName, t, useTranslation } from '../../i18n';
import { PrintDocument, PrintTable, type PrintColumn } from '../../print';
import { DayListTable, loadDayListRows } from '../appointments/prints';
import { ManifestTable, manifestContext, type Manifest } from '../transport/prints';
import {
  allergyItems,
  awayText,
  changeMark,
  changesOf,
  codeStatusText,
  coverageText,
  dietLines,
  dobOf,
  eventText,
  isolationText,
  mobilityText,
  nameOf,
  noteText,
  riskText,
  roomOf,
  shiftText,
} from './words';

/**
 * The shift handoff sheet on paper (docs/handoff.md, docs/printing.md): landscape on the facility's
 * paper, a row per resident in room order, the header (facility, unit, shift, date, census, CPR
 * coverage) and the notice, print time and "Page X of Y" on every page in the margins. Code status,
 * allergies, isolation and the name with room and date of birth are never cut: they are structured
 * cells; only the notes may continue after the table when a row would not fit on a page.
 */

export interface HandoffPrintContext {
  facility: Facility;
  printedBy: string;
}

/** 8 pt: a sheet is dense by nature; the kit may step down to 7 pt to fit, never below. */
const SHEET_FONT_PT = 8;

/** A word that needs action, bold and underlined so it reads in black and white. */
const Strong = ({ children }: { children: ReactNode }) => <span className="cd-strong">{children}</span>;

function Marks({ row, kinds }: { row: HandoffRowOut; kinds: HandoffRowOut['changes'][number]['kind'][] }) {
  const marks = changesOf(row, ...kinds);
  return marks.length === 0 ? null : (
    <span className="cd-sub">
      {marks.map((c, i) => (
        <Strong key={i}>{changeMark(c)} </Strong>
      ))}
    </span>
  );
}

function columnsFor(sheet: Pick<SheetOut, 'scheduleAvailable' | 'template'>, opts: { language: string; timeZone: string; withUnit: boolean }): PrintColumn<HandoffRowOut>[] {
  const { language, timeZone } = opts;
  const columns: PrintColumn<HandoffRowOut>[] = [
    {
      key: 'resident',
      label: t('handoff.col.resident'),
      width: 13,
      rowHeader: true,
      cell: (r) => (
        <>
          <span className="cd-nowrap">{opts.withUnit && r.place ? `${r.place.unitName} · ${roomOf(r)}` : roomOf(r)}</span>
          <span className="cd-sub">{nameOf(r)}</span>
          <span className="cd-sub">{dobOf(r, language)}</span>
          <span className="cd-sub">{r.recordNumber}</span>
          {r.away ? (
            <span className="cd-sub">
              <Strong>{awayText(r.away, language, timeZone)}</Strong>
            </span>
          ) : null}
          <Marks row={r} kinds={['admitted', 'moved_in', 'returned']} />
        </>
      ),
    },
    {
      key: 'code',
      label: t('handoff.col.code'),
      width: 8.6,
      cell: (r) => (
        <>
          {r.codeStatus === null ? <Strong>{codeStatusText(null)}</Strong> : <strong>{codeStatusText(r.codeStatus)}</strong>}
          <Marks row={r} kinds={['code_status']} />
        </>
      ),
    },
    {
      key: 'allergies',
      label: t('handoff.col.allergies'),
      width: 10,
      cell: (r) => (
        <>
          {allergyItems(r.allergies).map((a, i) => (
            <span key={i} className="cd-sub">
              {a.severe ? <Strong>{t('handoff.words.severe')}</Strong> : null}
              {a.severe ? ' ' : ''}
              {r.allergies.state === 'not_recorded' ? <Strong>{a.text}</Strong> : a.text}
            </span>
          ))}
          <Marks row={r} kinds={['allergies']} />
        </>
      ),
    },
    {
      key: 'diet',
      label: t('handoff.col.diet'),
      width: 9,
      cell: (r) =>
        dietLines(r.diet).map((line, i) => (
          <span key={i} className="cd-sub">
            {line}
          </span>
        )),
    },
    { key: 'mobility', label: t('handoff.col.mobility'), width: 9, cell: (r) => mobilityText(r.mobility) },
    {
      key: 'risks',
      label: t('handoff.col.risks'),
      width: 7.2,
      cell: (r) => (
        <>
          {r.fallRisk === 'high' ? <Strong>{riskText('fall', r.fallRisk)}</Strong> : riskText('fall', r.fallRisk)}
          <span className="cd-sub">{r.wanderingRisk === 'high' ? <Strong>{riskText('wander', r.wanderingRisk)}</Strong> : riskText('wander', r.wanderingRisk)}</span>
          <Marks row={r} kinds={['fall_risk']} />
        </>
      ),
    },
    {
      key: 'isolation',
      label: t('handoff.col.isolation'),
      width: 8,
      cell: (r) => (
        <>
          {r.isolation === 'none' ? isolationText(r.isolation) : <Strong>{isolationText(r.isolation)}</Strong>}
          <Marks row={r} kinds={['isolation']} />
        </>
      ),
    },
  ];
  if (sheet.scheduleAvailable) {
    columns.push({
      key: 'appointments',
      label: t('handoff.col.appointments'),
      width: 9,
      cell: (r) => (
        <>
          {r.appointments.length === 0 ? t('handoff.words.noAppointments') : null}
          {r.appointments.map((a) => (
            <span key={a.key} className="cd-sub">
              {t(`handoff.appointment.${a.when}`, { when: formatDateTime(a.startsAt, language, timeZone), title: a.title })}
              {a.pickupAt ? ` · ${t('handoff.appointment.pickup', { time: formatDateTime(a.pickupAt, language, timeZone) })}` : ''}
              {a.escort ? ` · ${t(`handoff.appointment.escort_${a.escort.kind}`, { name: a.escort.name })}` : ''}
            </span>
          ))}
          <Marks row={r} kinds={['appointment_new', 'trip_new']} />
        </>
      ),
    });
  }
  columns.push(
    {
      key: 'events',
      label: t('handoff.col.events'),
      width: 9,
      cell: (r) =>
        r.events.length === 0
          ? t('handoff.words.noEvents')
          : r.events.map((e, i) => (
              <span key={i} className="cd-sub">
                {eventText(e, language, timeZone)}
              </span>
            )),
    },
    {
      key: 'notes',
      label: t(`handoff.col.notes_${sheet.template}`),
      // Across the page under the resident's cells: in a column, 600 characters made a row of ~40
      // lines, one resident a page (300 pages for 300 residents, and Chromium's time grows with pages).
      below: true,
      width: 0,
      cell: (r) =>
        r.note?.severity ? (
          <>
            {r.note.severity === 'stable' ? t(`handoff.severity.${r.note.severity}`) : <Strong>{t(`handoff.severity.${r.note.severity}`)}</Strong>}{' '}
          </>
        ) : r.note === null && r.actions.length === 0 ? (
          t('handoff.words.noNote')
        ) : null,
      longText: (r) => noteText(r, language),
    },
    // Room to write by hand: the sheet is scribbled on at every shift change. It reaches down beside
    // the notes line, and is wider than a column of text so a box of a few words fits per resident.
    { key: 'write', label: t('handoff.col.write'), width: 14, besideBelow: true, cell: () => null },
  );
  return columns;
}

function Legend({ sheet, timeZone }: { sheet: SheetOut; timeZone: string }) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const baseline = sheet.baseline;
  return (
    <>
      <p>
        {baseline
          ? t('handoff.sinceLegend', {
              shift: shiftName(baseline.shiftName),
              date: formatDate(baseline.date, lang),
              how: t(baseline.acknowledged ? 'handoff.acknowledgedWord' : 'handoff.printedWord'),
            })
          : t('handoff.noBaseline')}
      </p>
      {sheet.coverage.result === 'ok' && sheet.coverage.coveredBy.length > 0 ? <p>{t('handoff.coverage.okBy', { names: sheet.coverage.coveredBy.join(', ') })}</p> : null}
      {sheet.staffOffFloor.length > 0 ? (
        <p>
          {t('handoff.offFloor')}{' '}
          {sheet.staffOffFloor.map((s) => t('handoff.offFloorEntry', { name: s.name, from: formatDateTime(s.from, lang, timeZone), until: formatDateTime(s.until, lang, timeZone) })).join('; ')}
        </p>
      ) : null}
    </>
  );
}

/**
 * The second line of every page: "Maple Grove Care Center · Day 07:00–15:00 · Mar 2, 2026 · Census 22
 * (2 out of the building)". The unit and the CPR coverage are in the title line above it, so each
 * line fits beside the notice.
 */
function contextLine(sheet: SheetOut, facility: Facility, language: string): string {
  return [facility.name, shiftText(sheet.shift), formatDate(sheet.date, language), t('handoff.census', { count: sheet.census, out: sheet.outOfBuilding })].join(' · ');
}

function titleLine(sheet: SheetOut): string {
  return [sheet.unit ? t('handoff.print.title', { unit: sheet.unit.name }) : t('handoff.print.titleChosen'), coverageText(sheet.coverage)].join(' · ');
}

function SheetPrint({ sheet, ctx }: { sheet: SheetOut; ctx: HandoffPrintContext }) {
  const { i18n } = useTranslation();
  const { facility } = ctx;
  return (
    <PrintDocument
      paper={facility.paperSize}
      orientation="landscape"
      notice="resident"
      title={titleLine(sheet)}
      context={contextLine(sheet, facility, i18n.language)}
      printedBy={ctx.printedBy}
      timeZone={facility.timeZone}
      fontPt={SHEET_FONT_PT}
    >
      <Legend sheet={sheet} timeZone={facility.timeZone} />
      <PrintTable
        id="handoff"
        columns={columnsFor(sheet, { language: i18n.language, timeZone: facility.timeZone, withUnit: sheet.unit === null })}
        rows={sheet.rows}
        rowKey={(r) => String(r.residentId)}
        rowLabel={(r) => t('handoff.print.rowLabel', { name: nameOf(r), room: roomOf(r) })}
        empty={t('handoff.emptyUnit', { unit: sheet.unit?.name ?? '' })}
      />
    </PrintDocument>
  );
}

export type SheetRequest = { unitId: number; residentIds?: undefined } | { unitId?: undefined; residentIds: number[] };

/**
 * Loads a sheet for printing and, for a unit's sheet, records the version printed (the next
 * shift's "changed since" compares with it). A change between loading and recording loads again.
 */
async function loadRecorded(req: SheetRequest, date: string, shiftId: number): Promise<Result<SheetOut>> {
  for (let attempt = 0; ; attempt++) {
    const sheet = await call('handoff.sheet', { unitId: req.unitId ?? null, residentIds: req.residentIds ?? null, date, shiftId });
    if (!sheet.ok || req.unitId === undefined) return sheet;
    const recorded = await call('handoff.recordPrint', { unitId: req.unitId, date, shiftId, hash: sheet.value.hash });
    if (recorded.ok) return sheet;
    if (recorded.error.message !== 'handoff.sheetChanged' || attempt >= 2) return recorded;
  }
}

export async function loadSheetPrint(req: SheetRequest, date: string, shiftId: number, ctx: HandoffPrintContext): Promise<Result<ReactElement>> {
  const sheet = await loadRecorded(req, date, shiftId);
  if (!sheet.ok) return sheet;
  return ok(<SheetPrint sheet={sheet.value} ctx={ctx} />);
}

/** What the person printing may read: the packet carries only the sections their role allows. */
export interface DowntimeReach {
  appointments: boolean;
  transport: boolean;
}

interface DowntimeContent {
  sheets: SheetOut[];
  /** Each active unit's appointments of the day (only with appointments.read). */
  dayLists: { unitName: string; rows: AppointmentRow[] }[];
  /** Each vehicle with trips that day (only with transport.read). */
  manifests: Manifest[];
}

/**
 * The downtime packet (issue 12): for when a station or the server is down, one document with the
 * current sheet of every active unit, then each unit's appointment list of the day, then the
 * driver's manifest of every vehicle with trips that day — each section from a new page, named in
 * its caption, because a packet's pages are read loose.
 */
export async function loadDowntimePrint(date: string, shiftId: number, ctx: HandoffPrintContext & { reach: DowntimeReach }): Promise<Result<ReactElement>> {
  const content: DowntimeContent = { sheets: [], dayLists: [], manifests: [] };
  const units = ctx.facility.units.filter((u) => u.active);
  for (const unit of units) {
    const sheet = await loadRecorded({ unitId: unit.id }, date, shiftId);
    if (!sheet.ok) return sheet;
    content.sheets.push(sheet.value);
  }
  if (ctx.reach.appointments) {
    for (const unit of units) {
      const rows = await loadDayListRows({ date, unitId: unit.id });
      if (!rows.ok) return rows;
      content.dayLists.push({ unitName: unit.name, rows: rows.value });
    }
  }
  if (ctx.reach.transport) {
    const board = await call('transport.board', { date });
    if (!board.ok) return board;
    const vehicleIds = [...new Set(board.value.groups.filter((g) => g.date === date && g.vehicleId !== null).map((g) => g.vehicleId!))];
    for (const vehicleId of vehicleIds) {
      const manifest = await call('transport.manifest', { vehicleId, date });
      if (!manifest.ok) return manifest;
      content.manifests.push(manifest.value);
    }
  }
  return ok(<DowntimePrint content={content} date={date} ctx={ctx} />);
}

function DowntimePrint({ content, date, ctx }: { content: DowntimeContent; date: string; ctx: HandoffPrintContext & { reach: DowntimeReach } }) {
  const { i18n } = useTranslation();
  const { facility } = ctx;
  const { sheets } = content;
  const shift = sheets[0]?.shift;
  const day = formatDate(date, i18n.language);
  return (
    <PrintDocument
      paper={facility.paperSize}
      orientation="landscape"
      notice="resident"
      title={t('handoff.print.downtimeTitle')}
      context={[facility.name, shift ? shiftText(shift) : '', day].filter(Boolean).join(' · ')}
      printedBy={ctx.printedBy}
      timeZone={facility.timeZone}
      fontPt={SHEET_FONT_PT}
    >
      {sheets.map((sheet, i) => (
        <PrintTable
          key={sheet.unit?.id ?? i}
          id={`unit-${sheet.unit?.id ?? i}`}
          breakBefore={i > 0}
          caption={[sheet.unit?.name ?? '', t('handoff.census', { count: sheet.census, out: sheet.outOfBuilding }), coverageText(sheet.coverage)].join(' · ')}
          // The unit is named in every row: a packet's pages are read loose.
          columns={columnsFor(sheet, { language: i18n.language, timeZone: facility.timeZone, withUnit: true })}
          rows={sheet.rows}
          rowKey={(r) => String(r.residentId)}
          rowLabel={(r) => t('handoff.print.rowLabel', { name: nameOf(r), room: `${r.place?.unitName ?? ''} ${roomOf(r)}` })}
          empty={t('handoff.emptyUnit', { unit: sheet.unit?.name ?? '' })}
        />
      ))}
      {content.dayLists.map((list, i) => (
        <DayListTable key={`day-${i}`} id={`day-list-${i}`} breakBefore caption={t('handoff.print.downtimeDayList', { unit: list.unitName, date: day })} rows={list.rows} />
      ))}
      {content.manifests.map((m) => (
        <ManifestTable key={`manifest-${m.vehicle.id}`} manifest={m} breakBefore caption={`${t('transport.manifest.title')} · ${manifestContext(m, i18n.language)}`} />
      ))}
    </PrintDocument>
  );
}
