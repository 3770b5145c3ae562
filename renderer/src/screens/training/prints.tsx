import type { ReactElement } from 'react';
import type { Facility } from '../../../../shared/contract/facility';
import type { OutputOf, ParsedInputOf } from '../../../../shared/contract';
import type { MatrixCell, MatrixOutput, ShiftCoverage } from '../../../../shared/contract/training';
import { ok, type Result } from '../../../../shared/result';
import { call } from '../../api/client';
import { useTranslation } from '../../i18n';
import { Nowrap, PrintDocument, PrintTable, VALUE_SLOT, columnGroups, displayDate, pageBox, type PrintColumn } from '../../print';

/**
 * The Training area's printouts, written on the print kit (docs/printing.md): staff documents, so
 * they carry the staff-records notice, never the resident PHI notice. They print every row the
 * filters select, fetched page by page, not the screen's current page.
 */

type MatrixFilters = Pick<ParsedInputOf<'training.matrix'>, 'asOf' | 'windowDays' | 'unitId' | 'role' | 'status'>;
type LapsingFilters = Pick<ParsedInputOf<'training.lapsing'>, 'asOf' | 'withinDays' | 'unitId' | 'includeLapsed'>;
type LapsingItemOutput = OutputOf<'training.lapsing'>['rows'][number];

/** Paper widths (CSS px at 8 pt) the matrix's columns need: the staff and unit columns repeat in every group. */
const MATRIX_PX = { staff: 150, unit: 75, course: 70 } as const;
const MATRIX_FONT_PT = 8;

/** The whole matrix for the filters (every staff member, in pages of 2,000) and the day's CPR coverage. */
export async function loadMatrixPrint(filters: MatrixFilters, ctx: PrintContext): Promise<Result<ReactElement>> {
  const first = await call('training.matrix', { ...filters, offset: 0, limit: 2000 });
  if (!first.ok) return first;
  const rows = [...first.value.rows];
  while (rows.length < first.value.total) {
    const next = await call('training.matrix', { ...filters, offset: rows.length, limit: 2000 });
    if (!next.ok) return next;
    if (next.value.rows.length === 0) break;
    rows.push(...next.value.rows);
  }
  const coverage = await call('training.coverage', { date: filters.asOf });
  if (!coverage.ok) return coverage;
  return ok(<MatrixPrint matrix={{ ...first.value, rows }} coverage={coverage.value.shifts} filters={filters} ctx={ctx} />);
}

/** What every training printout needs from the screen that prints it. */
export interface PrintContext {
  facility: Facility;
  printedBy: string;
}

type MatrixRow = MatrixOutput['rows'][number];

function statusClass(status: MatrixCell['status']): string | undefined {
  // Words carry the meaning; underline and weight make the ones that need action stand out in black and white.
  return status === 'expired' || status === 'missing' ? 'cd-strong' : undefined;
}

function MatrixCellText({ cell }: { cell: MatrixCell }) {
  const { t, i18n } = useTranslation();
  const detail = cell.expiresOn
    ? { key: 'training.matrix.cellExpires', date: cell.expiresOn }
    : cell.dueOn
      ? { key: 'training.matrix.cellDue', date: cell.dueOn }
      : cell.completedOn
        ? { key: 'training.matrix.cellCompleted', date: cell.completedOn }
        : null;
  return (
    <>
      <span className={statusClass(cell.status)}>{t(`training.status.${cell.status}`)}</span>
      {detail ? (
        <span className="cd-sub">
          <Nowrap text={t(detail.key, { date: VALUE_SLOT })} value={displayDate(detail.date, i18n.language)} />
        </span>
      ) : null}
    </>
  );
}

function MatrixPrint({ matrix, coverage, filters, ctx }: { matrix: MatrixOutput; coverage: ShiftCoverage[]; filters: MatrixFilters; ctx: PrintContext }) {
  const { t, i18n } = useTranslation();
  const { facility } = ctx;
  const date = (iso: string) => displayDate(iso, i18n.language);
  const unitName = (id: number | null) => (id === null ? t('training.filters.noUnit') : (facility.units.find((u) => u.id === id)?.name ?? ''));
  const context = [
    t('training.print.header', { facility: facility.name, date: date(matrix.asOf), days: matrix.windowDays }),
    filters.unitId !== null ? t('training.print.filter', { name: t('training.filters.unit'), value: unitName(filters.unitId) }) : '',
    filters.role !== null ? t('training.print.filter', { name: t('training.filters.role'), value: t(`training.roles.${filters.role}`) }) : '',
    filters.status !== null
      ? t('training.print.filter', { name: t('training.filters.status'), value: filters.status === 'attention' ? t('training.statusFilter.attention') : t(`training.status.${filters.status}`) })
      : '',
  ]
    .filter(Boolean)
    .join(' · ');

  const staffColumns: PrintColumn<MatrixRow>[] = [
    {
      key: 'staff',
      label: t('training.matrix.staff'),
      width: MATRIX_PX.staff,
      rowHeader: true,
      cell: (r) => (
        <>
          {r.name}
          <span className="cd-sub">
            {r.employeeId} · {t(`training.roles.${r.role}`)}
          </span>
        </>
      ),
    },
    { key: 'unit', label: t('training.filters.unit'), width: MATRIX_PX.unit, cell: (r) => unitName(r.unitId) },
  ];
  const courses = matrix.courses.map((c, index) => ({ ...c, index }));
  // Too many courses for one sheet: groups of courses, each repeating the staff and unit columns.
  const groups = columnGroups(courses, {
    availablePx: pageBox(facility.paperSize, 'landscape').contentWidthPx,
    repeatedPx: MATRIX_PX.staff + MATRIX_PX.unit,
    minPx: MATRIX_PX.course,
  });

  const counted = ['current', 'expiring', 'expired', 'missing'] as const;
  type CountRow = { key: string; label: string; counts: Record<(typeof counted)[number], number> };
  const countColumns = (first: string): PrintColumn<CountRow>[] => [
    { key: 'label', label: first, width: 3, rowHeader: true, cell: (r) => r.label },
    ...counted.map((s) => ({ key: s, label: t(`training.status.${s}`), width: 1, align: 'end' as const, cell: (r: CountRow) => r.counts[s] })),
  ];

  return (
    <PrintDocument
      paper={facility.paperSize}
      orientation="landscape"
      notice="staff"
      title={t('training.print.title')}
      context={context}
      printedBy={ctx.printedBy}
      timeZone={facility.timeZone}
      fontPt={MATRIX_FONT_PT}
    >
      <p>{t('training.print.legend')}</p>
      {groups.map((group, g) => (
        <PrintTable
          key={g}
          id={`matrix-${g}`}
          breakBefore={g > 0}
          caption={groups.length > 1 ? t('training.print.courseGroup', { from: group[0]!.index + 1, to: group.at(-1)!.index + 1, total: courses.length }) : undefined}
          columns={[
            ...staffColumns,
            ...group.map(
              (c): PrintColumn<MatrixRow> => ({
                key: `${c.kind}-${c.id}`,
                label: c.name,
                width: MATRIX_PX.course,
                cell: (r) => <MatrixCellText cell={r.cells[c.index]!} />,
              }),
            ),
          ]}
          rows={matrix.rows}
          rowKey={(r) => String(r.staffId)}
          rowLabel={(r) => `${r.name} (${r.employeeId})`}
          empty={t('training.matrix.noStaff')}
        />
      ))}
      <PrintTable
        id="totals-course"
        caption={t('training.matrix.totalsByCourse')}
        columns={countColumns(t('training.matrix.course'))}
        rows={matrix.totals.byCourse.map((row, i) => ({ key: `${row.kind}-${row.courseId}`, label: matrix.courses[i]?.name ?? '', counts: row }))}
        rowKey={(r) => r.key}
        rowLabel={(r) => r.label}
      />
      <PrintTable
        id="totals-unit"
        caption={t('training.matrix.totalsByUnit')}
        columns={countColumns(t('training.filters.unit'))}
        rows={[
          ...matrix.totals.byUnit.map((row) => ({ key: String(row.unitId ?? 'none'), label: row.unitName ?? t('training.filters.noUnit'), counts: row })),
          { key: 'all', label: t('training.matrix.allUnitsTotal'), counts: matrix.totals.all },
        ]}
        rowKey={(r) => r.key}
        rowLabel={(r) => r.label}
      />
      <section className="cd-print-section">
        <h2>{t('training.print.coverageTitle', { date: date(matrix.asOf) })}</h2>
        <ul className="cd-print-lines">
          {coverage.map((s) => (
            <li key={s.shiftId}>
              <strong>{t('training.coverage.shift', { name: s.shiftName, start: s.start, end: s.end })}</strong>
              {': '}
              {s.result === 'ok' ? (
                t('training.print.coverageOk', { names: s.onDuty.filter((p) => p.cprValid).map((p) => p.name).join(', ') })
              ) : s.result === 'warning' ? (
                <span className="cd-strong">{t('training.print.coverageWarning')}</span>
              ) : (
                t('training.print.coverageUnknown')
              )}
            </li>
          ))}
        </ul>
      </section>
    </PrintDocument>
  );
}

/** Everything that lapses in the window, fetched 500 at a time (the contract's page limit). */
export async function loadLapsingPrint(filters: LapsingFilters, ctx: PrintContext): Promise<Result<ReactElement>> {
  const rows: LapsingItemOutput[] = [];
  for (;;) {
    const page = await call('training.lapsing', { ...filters, offset: rows.length, limit: 500 });
    if (!page.ok) return page;
    rows.push(...page.value.rows);
    if (page.value.rows.length === 0 || rows.length >= page.value.total) break;
  }
  return ok(<LapsingPrint rows={rows} filters={filters} ctx={ctx} />);
}

function LapsingPrint({ rows, filters, ctx }: { rows: LapsingItemOutput[]; filters: LapsingFilters; ctx: PrintContext }) {
  const { t, i18n } = useTranslation();
  const { facility } = ctx;
  const date = (iso: string) => displayDate(iso, i18n.language);
  const when = (days: number | null) =>
    days === null
      ? t('training.lapsing.noDate')
      : days === 0
        ? t('training.lapsing.today')
        : days > 0
          ? t('training.lapsing.daysLeftValue', { count: days })
          : t('training.lapsing.overdue', { count: -days });
  const unit = filters.unitId === null ? null : (facility.units.find((u) => u.id === filters.unitId)?.name ?? null);
  const context = [
    t('training.print.lapsingHeader', { facility: facility.name, date: date(filters.asOf), days: filters.withinDays }),
    unit ? t('training.print.filter', { name: t('training.filters.unit'), value: unit }) : '',
    filters.includeLapsed ? t('training.print.includesLapsed') : '',
  ]
    .filter(Boolean)
    .join(' · ');

  const columns: PrintColumn<LapsingItemOutput>[] = [
    { key: 'lapsesOn', label: t('training.lapsing.lapsesOn'), width: 14, nowrap: true, cell: (r) => (r.lapsesOn ? date(r.lapsesOn) : t('training.lapsing.noDate')) },
    { key: 'daysLeft', label: t('training.lapsing.daysLeft'), width: 12, cell: (r) => when(r.daysLeft) },
    {
      key: 'staff',
      label: t('training.matrix.staff'),
      width: 26,
      rowHeader: true,
      cell: (r) => (
        <>
          {r.staffName}
          <span className="cd-sub">
            {r.employeeId} · {t(`training.roles.${r.role}`)}
          </span>
        </>
      ),
    },
    { key: 'unit', label: t('training.filters.unit'), width: 14, cell: (r) => r.unitName ?? t('training.filters.noUnit') },
    {
      key: 'course',
      label: t('training.matrix.course'),
      width: 22,
      cell: (r) => (
        <>
          {r.courseName}
          {r.completedOn ? (
            <span className="cd-sub">
              <Nowrap text={t('training.matrix.cellCompleted', { date: VALUE_SLOT })} value={date(r.completedOn)} />
            </span>
          ) : null}
        </>
      ),
    },
    { key: 'status', label: t('training.filters.status'), width: 12, cell: (r) => <span className={statusClass(r.status)}>{t(`training.status.${r.status}`)}</span> },
  ];

  return (
    <PrintDocument
      paper={facility.paperSize}
      orientation="portrait"
      notice="staff"
      title={t('training.print.lapsingTitle')}
      context={context}
      printedBy={ctx.printedBy}
      timeZone={facility.timeZone}
    >
      <PrintTable
        id="lapsing"
        columns={columns}
        rows={rows}
        rowKey={(r) => `${r.staffId}:${r.kind}:${r.courseId}`}
        rowLabel={(r) => `${r.staffName} (${r.employeeId}) — ${r.courseName}`}
        empty={t('training.lapsing.none')}
      />
    </PrintDocument>
  );
}
