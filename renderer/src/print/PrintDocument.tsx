import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { createPortal, flushSync } from 'react-dom';
import type { AppError } from '../../../shared/result';
import { useTranslation } from '../i18n';
import { displayDateTime } from './dates';
import { loadPrintFonts } from './fonts';
import { brokenWordColumns, fitRow, tallHeads, tallRows, widthProblems } from './measure';
import { maxTheadPx, pageBox, type Orientation, type PaperSize } from './paper';
import { PAGE_PLACEHOLDERS, cssLines, cssString, pageCounterContent } from './text';

/** Which confidentiality notice heads every page: resident documents hold PHI, staff documents personnel records. */
export type NoticeKind = 'resident' | 'staff';

/** How preparing a document ended: ready to print, or refused with a message for the person. */
export type PrepareResult = { ok: true; orientation: Orientation } | { ok: false; error: AppError };

export interface PrintDocumentProps {
  /** The facility's paper setting (Facility.paperSize). */
  paper: PaperSize;
  /** Per document: wide tables landscape, lists portrait. */
  orientation: Orientation;
  notice: NoticeKind;
  /** Printed at the top of every page (and as the first page's heading), e.g. "Shift handoff". */
  title: string;
  /** Second header line on every page: facility, unit, shift, date, filters. Keep it to one line. */
  context?: string;
  /** Who prints; with the print time at the foot of every page. */
  printedBy: string;
  /** The facility's time zone, for the print time. */
  timeZone: string;
  /** Text size. When the document is too wide, the kit steps down by 0.5 pt to minFontPt (never below 7). */
  fontPt?: number;
  minFontPt?: number;
  /**
   * For tests: report the columns where a word breaks mid-way (`data-print-broken`, read by
   * test/support/pdf.ts). Finding them lays the whole document out twice more (with words unbroken,
   * then back), ~0.3 s of a 300-resident sheet, and nothing in the app reads them: off by default.
   */
  reportBrokenWords?: boolean;
  /** Called once the document is measured and adjusted; usePrinter supplies it through context. */
  onPrepared?(result: PrepareResult): void;
  children: ReactNode;
}

/** Part key → characters of a long note kept in its row; the rest continues after the table. */
export const CutsContext = createContext<ReadonlyMap<string, number>>(new Map());
/** How usePrinter hears that its document is ready, without the document knowing about the printer. */
export const PreparedContext = createContext<((result: PrepareResult) => void) | null>(null);

type Stage = { state: 'measuring' | 'ready' | 'refused'; fontPt: number; reason: string | null; detail: string | null; broken: string[] };

const FONT_STEP_PT = 0.5;
/** PRINTING.md: below 7 pt a printout is no longer read at a nursing station. */
const SMALLEST_PT = 7;

/**
 * The shell of every printed document. It portals the document next to the app (the app itself
 * is hidden on paper), lays it out at the exact printable width of the paper, loads the bundled
 * font, then checks and adjusts before anything prints:
 * - wider than the paper (or a cell wider than its column): smaller text down to minFontPt, else refused;
 * - a table head too tall to repeat: refused;
 * - a row taller than a page: its long notes continue after the table (PrintTable), else refused.
 * Page furniture (title, notice, print time, "Page X of Y") goes into page-margin boxes via <html>.
 */
/**
 * The printable width and base font size as inline custom properties from the first render. Set
 * later, each would lay out every row again: on a 300-resident sheet, a layout at the wrong width
 * (nothing set: the table squeezed to its narrowest) and one per property, a second apiece.
 */
function firstLayout(widthPx: number, fontPt: number): CSSProperties {
  return { '--cd-print-width': `${widthPx}px`, '--cd-print-font': `${fontPt}pt` } as CSSProperties;
}

export function PrintDocument(p: PrintDocumentProps) {
  const { t, i18n } = useTranslation();
  const fromPrinter = useContext(PreparedContext);
  const box = pageBox(p.paper, p.orientation);
  const [printedAt] = useState(() => new Date());
  const [cuts, setCuts] = useState<ReadonlyMap<string, number>>(() => new Map());
  const [stage, setStage] = useState<Stage>({ state: 'measuring', fontPt: p.fontPt ?? 9, reason: null, detail: null, broken: [] });
  const article = useRef<HTMLElement>(null);

  const when = displayDateTime(printedAt, p.timeZone, i18n.language);
  const printed = t('print.printed', { date: when.date, time: when.time, name: p.printedBy });
  const notice = t(`print.notice.${p.notice}`);
  const pages = t('print.pageOf', PAGE_PLACEHOLDERS);
  const marker = t('print.continuedMarker');

  // Margin boxes inherit from <html> only, so their text is set there while this document exists.
  useLayoutEffect(() => {
    const root = document.documentElement.style;
    const vars: Record<string, string> = {
      '--cd-print-title': cssLines([p.title, p.context ?? '']),
      '--cd-print-notice': cssString(notice),
      '--cd-print-printed': cssString(printed),
      '--cd-print-pages': pageCounterContent(pages),
    };
    for (const [k, v] of Object.entries(vars)) root.setProperty(k, v);
    return () => {
      for (const k of Object.keys(vars)) root.removeProperty(k);
    };
  }, [p.title, p.context, notice, printed, pages]);

  // What the one-time preparation needs, current as of the last render.
  const latest = useRef({ box, marker, margin: '', base: 9, min: SMALLEST_PT, orientation: p.orientation, reportBroken: p.reportBrokenWords ?? false, onPrepared: p.onPrepared ?? fromPrinter });
  useLayoutEffect(() => {
    latest.current = {
      box,
      marker,
      margin: [p.title, p.context ?? '', notice, printed, pages].join(' '),
      base: p.fontPt ?? 9,
      min: Math.max(SMALLEST_PT, p.minFontPt ?? SMALLEST_PT),
      orientation: p.orientation,
      reportBroken: p.reportBrokenWords ?? false,
      onPrepared: p.onPrepared ?? fromPrinter,
    };
  });

  useEffect(() => {
    let cancelled = false;
    const finish = (next: Stage, result: PrepareResult) => {
      if (cancelled) return;
      setStage(next);
      latest.current.onPrepared?.(result);
    };
    void (async () => {
      const el = article.current;
      if (!el) return;
      const { box: b, marker: m, margin, base, min, orientation, reportBroken } = latest.current;
      await loadPrintFonts(`${margin} ${el.textContent ?? ''}`);
      if (cancelled) return;

      // The printable width and the base size were set on the first render (below), so the first
      // layout is already the real one; the size changes here only when the document is too wide.
      let fontPt = base;
      const setFont = (pt: number) => el.style.setProperty('--cd-print-font', `${pt}pt`);
      let width = widthProblems(el);
      while (width.tooWide && fontPt - FONT_STEP_PT >= min) {
        fontPt -= FONT_STEP_PT;
        setFont(fontPt);
        width = widthProblems(el);
      }
      const refuse = (message: string, params: Record<string, string> = {}) =>
        finish({ state: 'refused', fontPt, reason: message, detail: Object.values(params).join(' ') || null, broken: [] }, { ok: false, error: { code: 'validation', message, params } });
      if (width.tooWide) return refuse('print.tooWide', { columns: width.columns.join(', ') });
      if (tallHeads(el, maxTheadPx(b)).length > 0) return refuse('print.headerTooTall');

      // A row taller than a page would split whatever CSS says: its long notes continue after the table.
      let current = new Map<string, number>();
      for (let pass = 0; pass < 4; pass++) {
        const tall = tallRows(el, b.contentHeightPx);
        if (tall.length === 0) return finish({ state: 'ready', fontPt, reason: null, detail: null, broken: reportBroken ? brokenWordColumns(el) : [] }, { ok: true, orientation });
        const next = new Map(current);
        for (const { row, limit } of tall) {
          const kept = fitRow(row, limit, m);
          if (!kept) return refuse('print.rowTooTall', { row: row.dataset.label ?? '' });
          for (const part of row.querySelectorAll<HTMLElement>('[data-cd-part]')) next.delete(part.dataset.cdPart!);
          for (const [key, n] of kept) next.set(key, n);
        }
        current = next;
        flushSync(() => setCuts(current));
      }
      return refuse('print.rowTooTall', { row: tallRows(el, b.contentHeightPx)[0]?.row.dataset.label ?? '' });
    })();
    return () => {
      cancelled = true;
    };
    // Once per document: a new document is a new mount (usePrinter keys each job).
  }, []);

  return createPortal(
    <div className="cd-print-stage" data-print-state={stage.state} data-font-pt={stage.fontPt} data-print-reason={stage.reason ?? undefined}
      data-print-detail={stage.detail ?? undefined}
      data-print-broken={stage.broken.join('|') || undefined}>
      <article ref={article} className="cd-print" data-page={box.key} aria-label={p.title} style={firstLayout(box.contentWidthPx, p.fontPt ?? 9)}>
        <header className="cd-print-head">
          <h1>{p.title}</h1>
          {p.context ? <p>{p.context}</p> : null}
        </header>
        <CutsContext.Provider value={cuts}>{p.children}</CutsContext.Provider>
      </article>
    </div>,
    document.body,
  );
}
