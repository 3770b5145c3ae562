import { useCallback, useMemo, type ReactNode } from 'react';
import type { CensusRow, CensusSort } from '../../../../shared/contract/residents';
import { formatDate } from '../../../../shared/domain/date-display';
import { codeStatuses, isolationPrecautions, residentStatuses, riskLevels } from '../../../../shared/domain/residents/vocabulary';
import { useTranslation } from '../../i18n';
import { CodeStatusBadge, codeStatusBadge } from './CodeStatus';
import { assessed, censusAllergies, IsolationBadge, isolationBadge, NotAssessed, notAssessed } from './clinical-values';
import { dobWithAge, residentName, roomText } from './format';
import { word } from './words';
import { hrefOf } from './useSubRoute';

/** Columns a person may hide; name, room, date of birth, code status and allergies always show. */
export const optionalColumns = ['status', 'recordNumber', 'unit', 'diet', 'mobility', 'fallRisk', 'wanderingRisk', 'isolation', 'language', 'admittedOn'] as const;
export type OptionalColumn = (typeof optionalColumns)[number];
export const defaultColumns: OptionalColumn[] = ['status', 'fallRisk', 'isolation'];

/** Column id → the server's sort key (columns without one are not sortable). */
export const sortOf: Partial<Record<string, CensusSort>> = {
  location: 'location',
  name: 'name',
  dateOfBirth: 'dateOfBirth',
  codeStatus: 'codeStatus',
  status: 'status',
  fallRisk: 'fallRisk',
  recordNumber: 'recordNumber',
  admittedOn: 'admittedOn',
};

export interface CensusMeta {
  /** Code status in its short form (with a legend): the full words would not fit. */
  codeShort: boolean;
}

/**
 * How much the census gives up when space is short, in order: nothing; code status in short forms
 * (with a legend); headings of fixed columns on two lines. Never an ellipsis in a fixed column.
 */
export type Fit = 'full' | 'shortCode' | 'wrapHeaders';

/**
 * Every text a fixed-width column can hold, so it is measured whole (see column-widths.ts); a column
 * not listed here is flexible and shares the rest of the width. `header` is the heading on one line,
 * `words` its words one by one (for a heading that wraps when space is short), `short` the code
 * status in its short forms.
 */
export interface ColumnSamples {
  header: ReactNode;
  words: ReactNode[];
  content: ReactNode[];
  short?: ReactNode[];
}
/**
 * Columns whose text is never cut: each as wide as its widest possible text (samples below), the
 * others flexible. Known without building the samples, which only a measurement needs.
 */
export const fixedColumns = ['location', 'dateOfBirth', 'codeStatus', 'status', 'recordNumber', 'unit', 'fallRisk', 'wanderingRisk', 'isolation', 'admittedOn'] as const;
export type FixedColumn = (typeof fixedColumns)[number];
export const isFixed = (id: string): id is FixedColumn => (fixedColumns as readonly string[]).includes(id);
export type Samples = Record<FixedColumn, ColumnSamples>;
/** Plain texts that come with the data (room labels, record numbers, unit names), per column: measured without a layout. */
export type SampleTexts = Record<string, readonly string[]>;

/** The `n` longest distinct texts: width follows length closely enough to find the widest among them. */
function longest(texts: readonly string[], n = 6): string[] {
  return [...new Set(texts)].sort((a, b) => b.length - a.length).slice(0, n).sort();
}

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

/** A census cell's content for a loaded row (rows still on their way are drawn by the grid). */
export type CellRender = (row: CensusRow, meta: CensusMeta) => ReactNode;

/** A census column: its heading, whether the server sorts by it, and its cells. */
export interface CensusColumn {
  id: string;
  header: string;
  sortable: boolean;
  render: CellRender;
}

/** Census columns in the reader's language, and the samples their widths are measured on. */
export function useCensusColumns(units: readonly string[], rows: readonly CensusRow[]): { columns: CensusColumn[]; samples: () => Samples; texts: SampleTexts; samplesKey: string } {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const columns = useMemo<CensusColumn[]>(() => {
    const dash = t('residents.none');
    const cols: [id: string, render: CellRender][] = [
      ['location', (r) => roomText(r.location)],
      ['name', (r) => <a href={hrefOf({ view: 'resident', id: r.id })}>{residentName(r)}</a>],
      ['dateOfBirth', (r) => dobWithAge(r, lang)],
      ['codeStatus', (r, meta) => codeStatusBadge(r.codeStatus, meta.codeShort)],
      ['allergies', (r) => censusAllergies(r.allergies)],
      ['status', (r) => word(`residents.value.status.${r.status}`)],
      ['recordNumber', (r) => r.recordNumber],
      ['unit', (r) => r.location?.unitName ?? dash],
      [
        'diet',
        (r) =>
          // Not assessed at all is one warning; partly assessed names what is known and warns for the rest.
          r.dietType === null && r.iddsiFood === null && r.iddsiDrink === null ? (
            notAssessed()
          ) : (
            <>
              {assessed(r.dietType, (v) => word(`residents.value.dietType.${v}`))} · {assessed(r.iddsiFood, (v) => word(`residents.value.iddsiFood.${v}`))} ·{' '}
              {assessed(r.iddsiDrink, (v) => word(`residents.value.iddsiDrink.${v}`))}
            </>
          ),
      ],
      [
        'mobility',
        (r) =>
          r.transfer === null && r.aid === null ? (
            notAssessed()
          ) : (
            <>
              {assessed(r.transfer, (v) => word(`residents.value.transfer.${v}`))} · {assessed(r.aid, (v) => word(`residents.value.aid.${v}`))}
            </>
          ),
      ],
      ['fallRisk', (r) => assessed(r.fallRisk, (v) => word(`residents.value.risk.${v}`))],
      ['wanderingRisk', (r) => assessed(r.wanderingRisk, (v) => word(`residents.value.risk.${v}`))],
      // "None" as plain text: the badge is for a precaution.
      ['isolation', (r) => (r.isolation === 'none' ? word('residents.value.isolation.none') : isolationBadge(r.isolation))],
      ['language', (r) => `${r.language ?? dash}${r.interpreterNeeded ? ` · ${t('residents.field.interpreterNeeded')}` : ''}`],
      ['admittedOn', (r) => formatDate(r.statusSince, lang)],
    ];
    return cols.map(([id, render]) => ({ id, header: t(`residents.col.${id}` as 'residents.col.name'), sortable: sortOf[id] !== undefined, render }));
  }, [t, lang]);

  // Room labels and record numbers are the facility's own: measured on the rows loaded so far —
  // the few longest of them, so 5,000 loaded rows do not mean 5,000 spans to measure.
  const rooms = useMemo(() => longest(rows.map((r) => roomText(r.location))).join('\u0000'), [rows]);
  const records = useMemo(() => longest(rows.map((r) => r.recordNumber)).join('\u0000'), [rows]);
  const unitNames = units.join('\u0000');
  // Built only when the widths are measured (once per language in a page's life), not on every visit.
  const samples = useCallback((): Samples => {
    const fixed = (id: string, content: ReactNode[], short?: ReactNode[]): ColumnSamples => {
      const label = t(`residents.col.${id}` as 'residents.col.name');
      const arrow = <span> ▲</span>;
      const words = label.split(' ');
      return {
        header: (
          <span className="measure-th">
            {label}
            {arrow}
          </span>
        ),
        words: words.map((w, i) => (
          <span key={i} className="measure-th">
            {w}
            {i === words.length - 1 ? arrow : null}
          </span>
        )),
        content,
        ...(short ? { short } : {}),
      };
    };
    const words = (list: readonly string[]) => list.map((w) => <span key={w}>{w}</span>);
    const dobs = MONTHS.map((m) => dobWithAge({ dateOfBirth: `1999-${m}-28`, age: 120 }, lang));
    const dates = MONTHS.map((m) => formatDate(`2026-${m}-28`, lang));
    return {
      location: fixed('location', []),
      dateOfBirth: fixed('dateOfBirth', words(dobs)),
      codeStatus: fixed(
        'codeStatus',
        codeStatuses.map((c) => <CodeStatusBadge key={c} code={c} />),
        codeStatuses.map((c) => <CodeStatusBadge key={c} code={c} short />),
      ),
      status: fixed('status', words(residentStatuses.map((s) => word(`residents.value.status.${s}`)))),
      recordNumber: fixed('recordNumber', []),
      unit: fixed('unit', []),
      // "Not assessed" is measured with the values: a warning is never cut either.
      fallRisk: fixed('fallRisk', [...words(riskLevels.map((r) => word(`residents.value.risk.${r}`))), <NotAssessed key="na" />]),
      wanderingRisk: fixed('wanderingRisk', [...words(riskLevels.map((r) => word(`residents.value.risk.${r}`))), <NotAssessed key="na" />]),
      isolation: fixed('isolation', [...isolationPrecautions.map((r) => <IsolationBadge key={r} isolation={r} />), <NotAssessed key="na" />]),
      admittedOn: fixed('admittedOn', words(dates)),
    };
  }, [t, lang]);
  const texts = useMemo<SampleTexts>(() => {
    const split = (joined: string) => (joined ? joined.split('\u0000') : []);
    return { location: split(rooms), recordNumber: split(records), unit: split(unitNames) };
  }, [rooms, records, unitNames]);
  // Changes whenever a measured sample may change: the widths are measured again. Texts that come
  // with the rows are not in it — they are measured without a layout (column-widths.ts, textWidth).
  return { columns, samples, texts, samplesKey: lang };
}
