import { Fragment, useContext, type ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { CutsContext } from './PrintDocument';
import { columnPercents } from './paper';
import { splitNote } from './text';

export interface PrintColumn<Row> {
  /** Stable within the table; part of the key of a continued note. */
  key: string;
  /** Short header text (the head repeats on every page and must stay short); also names the column in a continued note. */
  label: string;
  /** Relative width: the kit turns the weights into percentages of the printable width. */
  width: number;
  /** One line only (dates, times, rooms). The column must be wide enough: the kit refuses to print a cell that overflows. */
  nowrap?: boolean;
  /** A sideways header, for many narrow columns. */
  vertical?: boolean;
  align?: 'start' | 'end';
  /** The cell that names the row (`<th scope="row">`): resident with room, staff member with ID. */
  rowHeader?: boolean;
  /** Structured content, printed first in the cell. */
  cell?(row: Row): ReactNode;
  /**
   * Free text (notes) printed after `cell`. When a row would be taller than a page, the kit keeps
   * what fits in the row, marks it "(continued after the table)" and prints the rest after the
   * table under the row's label and this column's label. Only this text is ever moved.
   */
  longText?(row: Row): string | null | undefined;
  /**
   * Printed on a line of its own under the row's cells, across the table, headed by its label
   * (and left out of the head). For free text that would make a narrow column — and so the whole
   * row — many times taller than the rest: 600 characters in a tenth of the page are ~40 lines,
   * one resident a page; across the page they are four.
   */
  below?: boolean;
  /**
   * The cell reaches down beside the lines printed below the row (a write-in space). Only the last
   * columns of a table may: a line below spans the columns before them.
   */
  besideBelow?: boolean;
}

export interface PrintTableProps<Row> {
  /** Unique within the document. */
  id: string;
  /** Printed once above the table (it does not repeat: the page margins and the head carry what must). */
  caption?: string;
  columns: readonly PrintColumn<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  /** Who or what the row is about, e.g. "Smith, Ann (Annie) — Room 12A": heads its continued notes. */
  rowLabel(row: Row): string;
  /** Shown as the only row when there are none. */
  empty?: string;
  /** Start on a new page (column groups of a wide matrix). */
  breakBefore?: boolean;
}

interface Continued {
  key: string;
  row: string;
  column: string;
  rest: string;
}

const PART_SEPARATOR = '\u001f';

function cellClass(c: PrintColumn<unknown>): string | undefined {
  const classes = [c.nowrap ? 'cd-nowrap' : '', c.vertical ? 'cd-vertical' : '', c.align === 'end' ? 'cd-end' : ''].filter(Boolean);
  return classes.length ? classes.join(' ') : undefined;
}

/**
 * A printed table under the paper rules: a real <thead> that repeats on every page, fixed column
 * widths, rows that never split, long words that wrap, and long notes that continue after the
 * table rather than splitting a row. Never virtualised: only mounted rows print.
 */
export function PrintTable<Row>(p: PrintTableProps<Row>) {
  const { t } = useTranslation();
  const cuts = useContext(CutsContext);
  const marker = ` ${t('print.continuedMarker')}`;
  const continued: Continued[] = [];

  const inRow = p.columns.filter((c) => !c.below);
  const below = p.columns.filter((c) => c.below);
  const widths = columnPercents(inRow.map((c) => c.width));
  // A line below spans the columns before those that reach down beside it.
  const belowSpan = inRow.filter((c) => !c.besideBelow).length;

  const body = p.rows.map((row) => {
    const rowKey = p.rowKey(row);
    const label = p.rowLabel(row);
    const contentOf = (c: PrintColumn<Row>): ReactNode => {
      const text = c.longText?.(row) ?? '';
      let long: ReactNode = null;
      if (text !== '') {
        const part = [p.id, rowKey, c.key].join(PART_SEPARATOR);
        const kept = cuts.get(part);
        if (kept === undefined) {
          long = (
            <span className="cd-long" data-cd-part={part}>
              {text}
            </span>
          );
        } else {
          const split = splitNote(text, kept);
          continued.push({ key: part, row: label, column: c.label, rest: split.rest });
          long = (
            <span className="cd-long" data-cd-part={part} data-cd-full={text}>
              {split.kept}
              <span className="cd-long-marker">{marker}</span>
            </span>
          );
        }
      }
      return (
        <>
          {c.cell?.(row)}
          {long}
        </>
      );
    };
    const rowSpan = below.length > 0 ? below.length + 1 : undefined;
    const cells = inRow.map((c) =>
      c.rowHeader ? (
        <th key={c.key} scope="row" data-col={c.label} className={cellClass(c as PrintColumn<unknown>)}>
          {contentOf(c)}
        </th>
      ) : (
        <td key={c.key} data-col={c.label} className={cellClass(c as PrintColumn<unknown>)} rowSpan={c.besideBelow ? rowSpan : undefined}>
          {contentOf(c)}
        </td>
      ),
    );
    if (below.length === 0) {
      return (
        <tr key={rowKey} data-label={label}>
          {cells}
        </tr>
      );
    }
    // The row and its lines below are one group, which never splits (print.css), measured as one (measure.ts).
    return (
      <tbody key={rowKey} className="cd-print-group" data-label={label}>
        <tr>{cells}</tr>
        {below.map((c) => (
          <tr key={c.key}>
            <td colSpan={belowSpan} data-col={c.label} className="cd-below">
              <span className="cd-below-label">{c.label}</span> {contentOf(c)}
            </td>
          </tr>
        ))}
      </tbody>
    );
  });

  return (
    <section className={p.breakBefore ? 'cd-print-section cd-print-break' : 'cd-print-section'}>
      <table className="cd-print-table">
        {p.caption ? <caption>{p.caption}</caption> : null}
        <colgroup>
          {widths.map((w, i) => (
            <col key={inRow[i]!.key} style={{ width: w }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {inRow.map((c) => (
              <th key={c.key} scope="col" data-col={c.label} className={cellClass(c as PrintColumn<unknown>)}>
                {c.vertical ? <span>{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        {p.rows.length === 0 && p.empty ? (
          <tbody>
            <tr data-label="">
              <td colSpan={inRow.length}>{p.empty}</td>
            </tr>
          </tbody>
        ) : below.length > 0 ? (
          body
        ) : (
          <tbody>{body}</tbody>
        )}
      </table>
      {continued.length > 0 ? (
        <div className="cd-print-continued">
          <h2>{t('print.continuedTitle')}</h2>
          {continued.map((c) => (
            <Fragment key={c.key}>
              <h3>{t('print.continuedEntry', { row: c.row, column: c.column })}</h3>
              <p>{`… ${c.rest}`}</p>
            </Fragment>
          ))}
        </div>
      ) : null}
    </section>
  );
}
