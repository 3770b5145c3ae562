import type { SortingState, VisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CensusRow } from '../../../../shared/contract/residents';
import { PAGE } from './census-pages';
import { isFixed, type CensusColumn, type CensusMeta, type Fit, type SampleTexts, type Samples } from './census-columns';
import { CodeStatusLegend } from './CodeStatus';
import { textWidth, useMeasuredWidths } from './column-widths';
import { word } from './words';

/** One line per resident: at 1366×768 the census shows at least 15 of them under its filters. */
export const ROW_HEIGHT = 32;
/** What a flexible column (name, allergies…) keeps at least before code status switches to short forms. */
const FLEXIBLE_MIN = 176;

/**
 * The table body is its own component so a scroll frame re-renders only the rows in the window. No
 * table model: the headings come from the shown columns and the one sort, the rows in the window are
 * drawn straight from each column's `render` (no row model, no cell objects): with 5,000 residents a
 * frame costs the rows in view and nothing per census row or per cell besides their content.
 */
export function CensusGrid(p: {
  total: number;
  rowAt(i: number): CensusRow | undefined;
  pages: Map<number, CensusRow[]>;
  load(page: number): void;
  columns: CensusColumn[];
  /** The texts fixed columns are measured on; called only when they are measured. */
  samples: () => Samples;
  /** Plain texts of fixed columns that come with the rows (room labels…), measured without a layout. */
  texts: SampleTexts;
  sorting: SortingState;
  onSortingChange(sorting: SortingState): void;
  visibility: VisibilityState;
  label: string;
  /** Changes whenever a sample may change (the language, the longest room labels…): widths are measured again. */
  samplesKey: string;
}) {
  const { total, rowAt, pages, load } = p;
  // The page takes the census layout (the table fills the window) while the census is shown. First
  // of this component's layout effects, so the scroller already has its full height when the
  // widths and the virtualizer (below) measure it: laid out once in its census shape, not twice.
  useLayoutEffect(() => {
    document.documentElement.classList.add('census-view');
    return () => document.documentElement.classList.remove('census-view');
  }, []);
  const scroller = useRef<HTMLDivElement>(null);
  const measureBox = useRef<HTMLDivElement>(null);
  const fontsReady = useFontsReady();
  const visibleKey = p.columns
    .map((c) => c.id)
    .filter((id) => p.visibility[id] !== false)
    .join(' ');
  // The same array while the columns are the same, so rows whose resident is unchanged skip rendering.
  const shownColumns = useMemo(() => {
    const ids = new Set(visibleKey.split(' '));
    return p.columns.filter((c) => ids.has(c.id));
  }, [p.columns, visibleKey]);
  const visible = shownColumns.map((c) => c.id);
  // Zoom changes text widths in CSS pixels a little (hinting): measured again at another zoom.
  const sampleKey = `${p.samplesKey}|${fontsReady}|${window.devicePixelRatio}`;
  const { px, cell, measuring } = useMeasuredWidths(measureBox, sampleKey);
  const measured = useMemo(() => {
    if (!cell) return px;
    const out = { ...px };
    for (const [id, texts] of Object.entries(p.texts)) if (texts.length > 0) out[`${id}|content`] = Math.max(out[`${id}|content`] ?? 0, textWidth(cell, texts));
    return out;
  }, [px, cell, p.texts]);
  const available = useWidth(scroller);

  // The widest text of a fixed column at a given fit: its content (or code status short forms),
  // and its heading on one line, or — headings wrapping — its longest word.
  const widthAt = (id: string, fit: Fit) => {
    const content = measured[`${id}|${fit !== 'full' && id === 'codeStatus' ? 'short' : 'content'}`] ?? 0;
    const heading = measured[`${id}|${fit === 'wrapHeaders' ? 'words' : 'header'}`] ?? 0;
    return Math.max(content, heading);
  };
  const fixedIds = visible.filter(isFixed);
  const flexible = visible.length - fixedIds.length;
  const needed = (fit: Fit) => fixedIds.reduce((sum, id) => sum + widthAt(id, fit), 0) + flexible * FLEXIBLE_MIN;
  const fit: Fit = available === 0 || needed('full') <= available ? 'full' : needed('shortCode') <= available ? 'shortCode' : 'wrapHeaders';
  const codeShort = fit !== 'full';
  const widthOf = (id: string) => (isFixed(id) && measured[`${id}|content`] !== undefined ? widthAt(id, fit) : undefined);
  const minWidth = needed(fit);

  const overscan = useOverscanAfterFirstPaint();
  // Until the scroller is measured, assume the size it had last time (at first, the window's): the
  // first render then holds every row in view, so the census is whole in the frame it first
  // appears; and when the size is the same, measuring it re-renders nothing.
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is re-read every render by design; nothing here is memoised by the compiler
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan, initialRect: { width: lastSize.width || window.innerWidth, height: lastSize.height || window.innerHeight } });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    for (let page = Math.floor(firstIndex / PAGE); page <= Math.floor(lastIndex / PAGE); page++) if (!pages.has(page)) load(page);
  }, [firstIndex, lastIndex, pages, load]);
  // Headings and sorting need no table model: one sort column, never removed (a second press turns
  // it round), first press ascending — the server sorts.
  const sortedBy = p.sorting[0];
  const { onSortingChange } = p;
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <>
      {codeShort ? <CodeStatusLegend /> : null}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must take focus so it scrolls by keyboard (WCAG 2.1.1, axe scrollable-region-focusable) */}
      <div ref={scroller} className="census-scroller" tabIndex={0} role="region" aria-label={p.label}>
        <table className={`data census-table${fit === 'wrapHeaders' ? ' wrap-headers' : ''}`} aria-rowcount={total + 1} style={{ minWidth }}>
          <caption className="visually-hidden">{p.label}</caption>
          <colgroup>
            {shownColumns.map(({ id }) => (
              <col key={id} style={widthOf(id) ? { width: widthOf(id) } : undefined} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              {shownColumns.map(({ id, header, sortable }) => {
                const sorted = sortedBy?.id === id ? (sortedBy.desc ? 'desc' : 'asc') : false;
                return (
                  <th key={id} scope="col" className={`col-${id}`} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : sortable ? 'none' : undefined}>
                    {sortable ? (
                      <button type="button" className="sort" onClick={() => onSortingChange([{ id, desc: sorted === 'asc' }])}>
                        {header}
                        <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    ) : (
                      header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 ? (
              <tr aria-hidden="true" className="spacer">
                <td colSpan={shownColumns.length} style={{ height: padTop }} />
              </tr>
            ) : null}
            {items.map((v) => (
              <CensusRowView key={v.index} index={v.index} row={rowAt(v.index)} columns={shownColumns} codeShort={codeShort} />
            ))}
            {padBottom > 0 ? (
              <tr aria-hidden="true" className="spacer">
                <td colSpan={shownColumns.length} style={{ height: padBottom }} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {measuring ? <MeasureBox ref={measureBox} samples={p.samples} /> : null}
    </>
  );
}

/**
 * One resident's line. Memoised: a render of the grid (a scroll frame, the virtualizer settling on
 * its first measurement, a page arriving) renders only the lines whose resident or columns changed.
 * Rows not fetched yet are undefined and render as "Loading…".
 */
const CensusRowView = memo(function CensusRowView({ index, row: r, columns, codeShort }: { index: number; row: CensusRow | undefined; columns: CensusColumn[]; codeShort: boolean }) {
  const meta: CensusMeta = { codeShort };
  return (
    // Its height is the stylesheet's (ROW_HEIGHT): an inline style on every row is one more
    // declaration to parse and resolve per row.
    <tr aria-rowindex={index + 2} className={r ? `status-${r.status}` : 'loading-row'}>
      {columns.map(({ id, render }) =>
        id === 'name' ? (
          <th key={id} scope="row" className="col-name">
            {r ? render(r, meta) : <span className="placeholder">{word('residents.loading')}</span>}
          </th>
        ) : (
          <td key={id} className={`col-${id}${isFixed(id) ? ' fixed' : ''}`}>
            {r ? render(r, meta) : ''}
          </td>
        ),
      )}
    </tr>
  );
});

/** Rows drawn beyond the window on each side, so a keyboard scroll by a row or a page shows no blank line. */
const OVERSCAN = 6;

/**
 * The first commit holds only the rows in view: the overscan rows are below the fold, so building
 * them before the first paint only delays it. They are added in a task after that frame.
 */
function useOverscanAfterFirstPaint(): number {
  const [overscan, setOverscan] = useState(0);
  useEffect(() => {
    let timer: number | undefined;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setOverscan(OVERSCAN), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, []);
  return overscan;
}

/** The texts fixed columns are measured on, off screen; rendered again only when they change, not per scroll frame. */
const MeasureBox = memo(function MeasureBox({ samples: make, ref }: { samples: () => Samples; ref: React.Ref<HTMLDivElement> }) {
  const samples = make();
  return (
    <div ref={ref} className="census-measure" aria-hidden="true">
      {/* A body cell's font, read for the texts measured on a canvas (column-widths.ts). */}
      <span className="measure-cell measure-text">0</span>
      {Object.entries(samples).flatMap(([col, s]) =>
        (['header', 'words', 'content', 'short'] as const).flatMap((kind) => {
          const list = kind === 'header' ? [s.header] : (s[kind] ?? []);
          return list.map((node, i) => (
            <span key={`${col}|${kind}|${i}`} data-col={`${col}|${kind}`} className="measure-cell">
              {node}
            </span>
          ));
        }),
      )}
    </div>
  );
});

/** The scroller's size when last measured, kept across visits to the census (the window rarely changes in between). */
const lastSize = { width: 0, height: 0 };

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(lastSize.width);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      lastSize.width = el.clientWidth;
      lastSize.height = el.clientHeight;
      setWidth(el.clientWidth);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Widths measured before the fonts arrive would be measured on the wrong font. */
function useFontsReady(): boolean {
  const [ready, setReady] = useState(() => document.fonts.status === 'loaded');
  useEffect(() => {
    if (!ready) void document.fonts.ready.then(() => setReady(true));
  }, [ready]);
  return ready;
}
