/**
 * Text helpers of the print kit: CSS strings for the page-margin boxes, and where to cut a long
 * note that must continue after its table. Pure, so they are unit-tested without a browser.
 */

/**
 * A CSS string token for `content:`. Margin boxes read their text from custom properties set on
 * <html>, so the text must be a valid CSS string: quotes and backslashes escaped, a line break as \A.
 */
export function cssString(text: string): string {
  const body = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, '\\A ')
    // Other control characters would end or corrupt the token; they have no place in a header.
    .replace(/\p{Cc}/gu, ' ');
  return `"${body}"`;
}

/** Lines shown in one margin box, one under the other (the box has white-space: pre-wrap). */
export function cssLines(lines: readonly string[]): string {
  return lines.filter((l) => l !== '').map(cssString).join(' "\\A" ');
}

const PAGE = '\u0001';
const PAGES = '\u0002';
/** Placeholders the translated "Page {{page}} of {{pages}}" is rendered with, before it becomes CSS. */
export const PAGE_PLACEHOLDERS = { page: PAGE, pages: PAGES } as const;

/**
 * Turns a translated page line rendered with PAGE_PLACEHOLDERS ("Page \u0001 of \u0002") into a
 * `content:` value with the counters in the translation's own word order ("Página " counter(page) …).
 */
export function pageCounterContent(rendered: string): string {
  const parts: string[] = [];
  let text = '';
  for (const ch of rendered) {
    if (ch === PAGE || ch === PAGES) {
      if (text) parts.push(cssString(text));
      text = '';
      parts.push(ch === PAGE ? 'counter(page)' : 'counter(pages)');
    } else text += ch;
  }
  if (text) parts.push(cssString(text));
  return parts.join(' ');
}

/**
 * How much of a note to keep in its row when at most `cap` characters fit: up to the last
 * whitespace at or before cap, so words stay whole (a single word longer than cap is cut at cap).
 * Returns the number of characters kept; the rest continues after the table.
 */
export function keepLength(text: string, cap: number): number {
  if (text.length <= cap) return text.length;
  if (cap <= 0) return 0;
  for (let i = cap; i > 0; i--) {
    if (/\s/.test(text[i]!)) return text.slice(0, i).trimEnd().length;
  }
  return cap;
}

/** The kept part and the continued part of a note cut at `kept` characters. */
export function splitNote(text: string, kept: number): { kept: string; rest: string } {
  return { kept: text.slice(0, kept).trimEnd(), rest: text.slice(kept).trimStart() };
}

/** Stands in for a value in a translated string, so the value can be wrapped in its own element. */
export const VALUE_SLOT = '\u0003';
