/**
 * CSV written for spreadsheets (exports, reminder lists). papaparse does the RFC 4180 quoting; the
 * choices here are Excel's: CRLF, a BOM so UTF-8 names (José, 김) open correctly, and a leading
 * apostrophe on any cell a spreadsheet would run as a formula (=, +, -, @, tab, CR — the CSV-injection
 * list), tested on the first character only, so a multi-line cell is caught too.
 */
import Papa from 'papaparse/papaparse.js';

const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(rows: readonly (readonly string[])[]): string {
  const body = Papa.unparse(rows, {
    newline: '\r\n',
    escapeFormulae: FORMULA_START,
    // Excel in Spanish and other ';' locales splits an unquoted cell at ';' even in a comma file.
    quotes: (value) => typeof value === 'string' && value.includes(';'),
  });
  return `\uFEFF${body}\r\n`;
}
