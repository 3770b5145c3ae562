/**
 * Paper geometry for printed documents. Pure arithmetic, so it is unit-tested and shared by the
 * measuring step (which lays a document out at exactly the printable width before printing).
 */

export type PaperSize = 'letter' | 'a4';
export type Orientation = 'landscape' | 'portrait';

/**
 * Page margins (PRINTING.md's recipe). Top and bottom hold the margin boxes: title and notice
 * above, print time and "Page X of Y" below; 16 mm leaves room for two lines of 9 pt each.
 */
export const PAGE_MARGIN_MM = { top: 16, bottom: 16, side: 10 } as const;

/** Portrait sheet sizes in millimetres. */
const SHEET_MM: Record<PaperSize, { width: number; height: number }> = {
  letter: { width: 215.9, height: 279.4 },
  a4: { width: 210, height: 297 },
};

/** CSS pixels per millimetre: print layout uses 96 CSS px to the inch. */
export const PX_PER_MM = 96 / 25.4;

export interface PageBox {
  /** The named @page rule in print.css that sets this size (`page: cd-letter-landscape`). */
  pageName: string;
  /** Value of data-page on the document root; print.css maps it to pageName. */
  key: `${PaperSize}-${Orientation}`;
  /** The area inside the margins, in CSS px, rounded down so a layout that fits here fits on paper. */
  contentWidthPx: number;
  contentHeightPx: number;
}

export function pageBox(paper: PaperSize, orientation: Orientation): PageBox {
  const sheet = SHEET_MM[paper];
  const [width, height] = orientation === 'landscape' ? [sheet.height, sheet.width] : [sheet.width, sheet.height];
  return {
    pageName: `cd-${paper}-${orientation}`,
    key: `${paper}-${orientation}`,
    contentWidthPx: Math.floor((width - 2 * PAGE_MARGIN_MM.side) * PX_PER_MM),
    contentHeightPx: Math.floor((height - PAGE_MARGIN_MM.top - PAGE_MARGIN_MM.bottom) * PX_PER_MM),
  };
}

/**
 * Chromium silently stops repeating a table head taller than a quarter of the page's content
 * height (PRINTING.md, "Header on every page"); the measuring step refuses a document above this.
 */
export function maxTheadPx(box: PageBox): number {
  return Math.floor(box.contentHeightPx * 0.25);
}

/**
 * Splits many columns into groups that each fit beside the repeated columns, as evenly as
 * possible (14 courses at 11 a page print as 7 + 7, not 11 + 3). Always at least one per group.
 */
export function columnGroups<T>(items: readonly T[], opts: { availablePx: number; repeatedPx: number; minPx: number }): T[][] {
  if (items.length === 0) return [[]];
  const perGroup = Math.max(1, Math.floor((opts.availablePx - opts.repeatedPx) / opts.minPx));
  const groups = Math.ceil(items.length / perGroup);
  const size = Math.ceil(items.length / groups);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Column weights as percentages of the table width (fixed table layout reads only the first row's widths). */
export function columnPercents(weights: readonly number[]): string[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => `${((w / total) * 100).toFixed(3)}%`);
}
