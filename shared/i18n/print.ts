/**
 * Messages of the print kit: the words on every printed page. en is the source; es must have the
 * same keys (checked by Leaves in en.ts). No symbols outside the bundled font's Latin ranges:
 * anything else would print in a system fallback font.
 */
export const printEn = {
  /** The notice at the top of every page: resident documents carry PHI, staff documents personnel records. */
  notice: {
    resident: 'Confidential — contains protected health information',
    staff: 'Confidential — contains staff personnel records',
  },
  /** {{page}} and {{pages}} become the page counters; the order of words is the translation's. */
  pageOf: 'Page {{page}} of {{pages}}',
  printed: 'Printed {{date}} at {{time}} by {{name}}',
  continuedMarker: '(continued after the table)',
  continuedTitle: 'Continued from the table above',
  continuedEntry: '{{row}} — {{column}}, continued',
  preparing: 'Preparing the printout…',
  tooWide: 'This printout does not fit across the paper (too wide: {{columns}}). Nothing was printed.',
  headerTooTall: 'The table heading is too tall to repeat on every page. Nothing was printed.',
  rowTooTall: 'The entry for {{row}} is taller than a page. Nothing was printed.',
};

export const printEs: typeof printEn = {
  notice: {
    resident: 'Confidencial: contiene información de salud protegida',
    staff: 'Confidencial: contiene registros del personal',
  },
  pageOf: 'Página {{page}} de {{pages}}',
  printed: 'Impreso el {{date}} a las {{time}} por {{name}}',
  continuedMarker: '(continúa después de la tabla)',
  continuedTitle: 'Continuación de la tabla anterior',
  continuedEntry: '{{row}} — {{column}} (continuación)',
  preparing: 'Preparando la impresión…',
  tooWide: 'Esta impresión no cabe a lo ancho del papel (demasiado ancho: {{columns}}). No se imprimió nada.',
  headerTooTall: 'El encabezado de la tabla es demasiado alto para repetirse en cada página. No se imprimió nada.',
  rowTooTall: 'La entrada de {{row}} ocupa más de una página. No se imprimió nada.',
};
