/** The bundled print font's family name (print.css @font-face). */
export const PRINT_FONT_FAMILY = 'CareDeskSans';

/**
 * Loads the print font for the given text, regular and bold, before measuring and printing.
 * A @font-face font used only in a page-margin box is never loaded by layout and prints in a
 * fallback serif (PRINTING.md), and measuring with a fallback font would measure the wrong
 * widths; the text decides which unicode-range files (Latin, Latin Extended, Vietnamese) load.
 */
export async function loadPrintFonts(text: string): Promise<void> {
  const sample = text === '' ? ' ' : text;
  await Promise.all([document.fonts.load(`9pt ${PRINT_FONT_FAMILY}`, sample), document.fonts.load(`bold 9pt ${PRINT_FONT_FAMILY}`, sample)]);
  await document.fonts.ready;
}
