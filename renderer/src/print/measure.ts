import { keepLength } from './text';

/**
 * The checks the print kit makes on a document laid out at the printable width, before it lets
 * anything print (PRINTING.md, "Nothing cut off" and "Rows whole"). They read the live layout, so
 * they run in the browser: the e2e tests and the fixture print exercise them on real documents.
 */

/** Room left under a row so sub-pixel differences between screen and print layout cannot split it. */
const ROW_SLACK_PX = 6;

/**
 * How far a cell's content reaches past its content box, in px (0 or less when it fits). Measured
 * on the text itself (a Range), not with scrollWidth, which lets content run into the padding unnoticed.
 */
function overflowPx(cell: HTMLElement): number {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const content = range.getBoundingClientRect();
  if (content.width === 0) return 0;
  const box = cell.getBoundingClientRect();
  const style = getComputedStyle(cell);
  return content.right - (box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth));
}

/** Labels (data-col) of the columns with a cell whose content reaches past the cell's content box. */
function overflowingColumns(root: HTMLElement): string[] {
  const columns = new Set<string>();
  for (const cell of root.querySelectorAll<HTMLElement>('th, td')) {
    if (overflowPx(cell) > 0.5) columns.add(cell.dataset.col ?? '');
  }
  return [...columns];
}

/**
 * Cells whose content is wider than the cell (a nowrap date, a column too narrow for a word), and
 * whether the document as a whole is wider than the paper. Either makes Chromium shrink every
 * page, and past 1.5× clip the right side without a word, so the kit refuses or adjusts instead.
 */
export function widthProblems(root: HTMLElement): { tooWide: boolean; columns: string[] } {
  const columns = overflowingColumns(root);
  return { tooWide: root.scrollWidth > root.clientWidth + 1 || columns.length > 0, columns };
}

/**
 * Columns where a word is wider than the column, so `overflow-wrap: anywhere` breaks it mid-word
 * ("Not assesse / d"). Nothing is lost, so it does not stop a print, but a document's tests can
 * require that the columns that matter (code status, allergies) never need it.
 */
export function brokenWordColumns(root: HTMLElement): string[] {
  root.classList.add('cd-measure-words');
  try {
    return overflowingColumns(root);
  } finally {
    root.classList.remove('cd-measure-words');
  }
}

/** Heads taller than `maxPx`: Chromium stops repeating such a head, on every page. */
export function tallHeads(root: HTMLElement, maxPx: number): HTMLTableSectionElement[] {
  return [...root.querySelectorAll<HTMLTableSectionElement>('thead')].filter((h) => h.getBoundingClientRect().height > maxPx);
}

/** The tallest a row of this table may be: a fresh page under the repeated head. */
export function rowLimitPx(table: HTMLTableElement, contentHeightPx: number): number {
  return contentHeightPx - (table.tHead?.getBoundingClientRect().height ?? 0) - ROW_SLACK_PX;
}

/**
 * Body rows taller than a page would be moved to a new page and then split anyway. A row with lines
 * below it (PrintColumn.below) is its own labelled <tbody>, which never splits: measured whole.
 */
export function tallRows(root: HTMLElement, contentHeightPx: number): { row: HTMLElement; limit: number }[] {
  const out: { row: HTMLElement; limit: number }[] = [];
  for (const table of root.querySelectorAll<HTMLTableElement>('table')) {
    const limit = rowLimitPx(table, contentHeightPx);
    for (const body of table.tBodies) {
      const units: HTMLElement[] = body.dataset.label === undefined ? [...body.rows] : [body];
      for (const row of units) if (row.getBoundingClientRect().height > limit) out.push({ row, limit });
    }
  }
  return out;
}

/** The full text of a long-note part as the document gave it (before any cut). */
function fullText(part: HTMLElement): string {
  return part.dataset.cdFull ?? part.textContent ?? '';
}

/** Renders a part as it will print with at most `cap` characters kept: the kept words, then the marker. */
function renderCut(part: HTMLElement, full: string, cap: number, marker: string): void {
  const kept = keepLength(full, cap);
  part.textContent = full.slice(0, kept).trimEnd();
  if (kept < full.length) {
    const m = document.createElement('span');
    m.className = 'cd-long-marker';
    m.textContent = ` ${marker}`;
    part.append(m);
  }
}

/**
 * For a row taller than `limit`, how much of each long note to keep so the row fits: the same
 * cap for every note of the row, so short notes stay whole and only the long ones are cut. Works
 * on a copy of the row in the same table (same column widths), never on the row React owns.
 * Returns part key → characters kept, or null when the row is too tall even with its notes empty.
 */
export function fitRow(row: HTMLElement, limit: number, marker: string): Map<string, number> | null {
  const copy = row.cloneNode(true) as HTMLElement;
  row.parentElement!.append(copy);
  try {
    const parts = [...copy.querySelectorAll<HTMLElement>('[data-cd-part]')].map((el) => ({ el, key: el.dataset.cdPart!, full: fullText(el) }));
    const fits = (cap: number) => {
      for (const p of parts) renderCut(p.el, p.full, cap, marker);
      return copy.getBoundingClientRect().height <= limit;
    };
    if (parts.length === 0 || !fits(0)) return null;
    // lo always fits, hi never does: the longest note whole is what made the row too tall.
    let lo = 0;
    let hi = Math.max(...parts.map((p) => p.full.length));
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
    const kept = new Map<string, number>();
    for (const p of parts) {
      const n = keepLength(p.full, lo);
      if (n < p.full.length) kept.set(p.key, n);
    }
    return kept;
  } finally {
    copy.remove();
  }
}
