import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * Widths for table columns whose text must never be cut (code status, date of birth with age,
 * status words…), measured in the reader's language on this screen's fonts: each such column is as
 * wide as its widest possible text, header included. Columns without samples share what is left.
 *
 * The measuring box holds one element per sample, marked data-col="<column id>", styled like the
 * cells they stand for; it is rendered off screen by the table.
 */
export function useMeasuredWidths(box: RefObject<HTMLElement | null>, key: string): Record<string, number> {
  const [widths, setWidths] = useState<{ key: string; px: Record<string, number> }>({ key: '', px: {} });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || widths.key === key) return;
    const px: Record<string, number> = {};
    el.querySelectorAll<HTMLElement>('[data-col]').forEach((s) => {
      const col = s.dataset.col!;
      // +2: a border and sub-pixel rounding must never tip the widest text into an ellipsis.
      px[col] = Math.max(px[col] ?? 0, Math.ceil(s.getBoundingClientRect().width) + 2);
    });
    setWidths({ key, px });
  }, [box, key, widths.key]);
  return widths.px;
}
