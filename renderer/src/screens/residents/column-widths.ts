import { useLayoutEffect, useState, type RefObject } from 'react';

/** The font and side padding of a census cell, for texts measured without a layout (textWidth). */
export interface CellFont {
  font: string;
  padding: number;
}

export interface MeasuredWidths {
  /** Widest sample per "<column id>|<kind>", in px. */
  px: Record<string, number>;
  cell: CellFont | null;
}

/**
 * Widths for table columns whose text must never be cut (code status, date of birth with age,
 * status words…), measured in the reader's language on this screen's fonts: each such column is as
 * wide as its widest possible text, header included. Columns without samples share what is left.
 *
 * The measuring box holds one element per sample, marked data-col="<column id>|<kind>", styled like
 * the cells they stand for; the table renders it off screen only while `measuring`. Its samples
 * depend only on the language, so this forced layout happens once per language and fonts in a page's
 * life, never when rows arrive: texts that come with the data (room labels, record numbers) are
 * measured by textWidth, on a canvas, in the font read here.
 */
const measuredOnce = new Map<string, MeasuredWidths>();

export function useMeasuredWidths(box: RefObject<HTMLElement | null>, key: string): MeasuredWidths & { measuring: boolean } {
  // Measured once per key (language, fonts, zoom) for the life of the page: opening the census again
  // reuses the widths, so the measuring box is neither rendered nor laid out again.
  const [widths, setWidths] = useState<{ key: string; measured: MeasuredWidths } | null>(() => {
    const known = measuredOnce.get(key);
    return known ? { key, measured: known } : null;
  });
  const known = widths?.key === key ? widths.measured : measuredOnce.get(key);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || measuredOnce.has(key)) {
      const cached = measuredOnce.get(key);
      if (cached && widths?.key !== key) setWidths({ key, measured: cached });
      return;
    }
    const px: Record<string, number> = {};
    el.querySelectorAll<HTMLElement>('[data-col]').forEach((s) => {
      const col = s.dataset.col!;
      // +2: a border and sub-pixel rounding must never tip the widest text into an ellipsis.
      px[col] = Math.max(px[col] ?? 0, Math.ceil(s.getBoundingClientRect().width) + 2);
    });
    const sample = el.querySelector<HTMLElement>('.measure-text');
    const style = sample ? getComputedStyle(sample) : null;
    const cell = style ? { font: `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`, padding: parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) } : null;
    const measured = { px, cell };
    measuredOnce.set(key, measured);
    setWidths({ key, measured });
  }, [box, key, widths?.key]);
  return known ? { ...known, measuring: false } : { px: {}, cell: null, measuring: true };
}

let context: CanvasRenderingContext2D | null = null;
const cache = new Map<string, number>();

/**
 * The width a census cell needs for the widest of `texts` (plain text, no markup), from the font's
 * own metrics on a canvas: no layout is forced, so a page of rows arriving costs no extra one.
 * Same +2 as the measured samples.
 */
export function textWidth(cell: CellFont, texts: readonly string[]): number {
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return 0;
  let widest = 0;
  for (const text of texts) {
    const key = `${cell.font}\u0000${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      context.font = cell.font;
      w = context.measureText(text).width;
      if (cache.size > 2000) cache.clear();
      cache.set(key, w);
    }
    widest = Math.max(widest, w);
  }
  return Math.ceil(widest + cell.padding) + 2;
}
