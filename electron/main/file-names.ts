/**
 * A suggested PDF name from the renderer becomes a bare file name: no folders, no characters
 * Windows refuses, no reserved device names. The save dialog still lets the person choose.
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export function safePdfName(suggested: string | undefined, fallback = 'CareDesk'): string {
  const printable = [...(suggested ?? '')].filter((c) => c.charCodeAt(0) >= 0x20).join('');
  const base = printable
    .replace(/\.pdf$/i, '')
    .replace(/[<>:"/\\|?*]+/g, ' ')
    // What was '..' between separators is now a word of dots; it means nothing in a file name.
    .replace(/(^|\s)\.+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '')
    .slice(0, 120);
  const name = base === '' || RESERVED.test(base) ? fallback : base;
  return `${name}.pdf`;
}
