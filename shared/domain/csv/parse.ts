/**
 * CSV parsing for imports: papaparse does the RFC 4180 work (quotes, "" escapes, line breaks inside
 * quotes); this module decides what papaparse should not guess and numbers the lines.
 *
 * Import files come from spreadsheets and HR/LMS exports, so beyond the RFC we accept: a leading UTF-8
 * BOM, ';' and tab delimiters (European Excel uses ';'), LF, CRLF and lone-CR line endings — mixed, as in
 * a file edited on two systems — and blank lines (skipped, but counted for line numbers). A stray quote
 * inside an unquoted field is kept literally. Two quote problems refuse the file, because from there on
 * every row would silently shift: a quote that never closes, and text after a closing quote.
 *
 * The delimiter is decided here from the header line, never by papaparse's own guess: that guess scores
 * how evenly each candidate splits the first rows, so a comma file whose allergy cells list items with
 * ';' ("Penicillin; Latex") and whose rows are ragged reads as ';'-separated. Column names hold no lists.
 */
import Papa from 'papaparse/papaparse.js';

export type CsvDelimiter = ',' | ';' | '\t';

export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

export interface CsvRow {
  /** 1-based physical line where the record starts (a quoted newline makes a record span lines). */
  line: number;
  /** Raw cell text, untrimmed; a row may have fewer or more cells than the header. */
  cells: string[];
}

export interface CsvTable {
  ok: true;
  delimiter: CsvDelimiter;
  header: string[];
  rows: CsvRow[];
}

export type CsvError =
  /** `line` is where the quoted field opens. */
  | { ok: false; code: 'unterminated_quote' | 'malformed_quote'; line: number }
  /** Nothing but a BOM and/or blank lines. */
  | { ok: false; code: 'empty' };

export type CsvParseResult = CsvTable | CsvError;

export interface CsvParseOptions {
  /** Skip auto-detection (e.g. the user picked the delimiter in the import dialog). */
  delimiter?: CsvDelimiter;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;
const BOM = 0xfeff;

function bodyStart(text: string): number {
  return text.charCodeAt(0) === BOM ? 1 : 0;
}

/**
 * Picks the delimiter that occurs most often in the first non-blank line, counting only outside quotes
 * (a header such as `"Name, full";Date` is semicolon-separated). Ties go to ',' then ';' then tab; a
 * header with none of them is a one-column file and gets ','.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const len = text.length;
  let pos = bodyStart(text);
  while (pos < len) {
    const c = text.charCodeAt(pos);
    if (c !== CR && c !== LF) break;
    pos++;
  }
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let inQuotes = false;
  for (; pos < len; pos++) {
    const c = text.charCodeAt(pos);
    if (c === QUOTE) {
      // An escaped "" toggles twice, so toggling per quote is enough to know "inside or outside".
      inQuotes = !inQuotes;
    } else if (!inQuotes) {
      if (c === CR || c === LF) break;
      if (c === COMMA) commas++;
      else if (c === SEMICOLON) semicolons++;
      else if (c === TAB) tabs++;
    }
  }
  if (commas >= semicolons && commas >= tabs) return ',';
  return semicolons >= tabs ? ';' : '\t';
}

/** 1-based line of an offset in text whose line breaks are all LF. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Lines a parsed record spans beyond its first: only a quoted cell can hold a line break. */
function extraLines(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) {
    for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
  }
  return n;
}

export function parseCsv(input: string, options: CsvParseOptions = {}): CsvParseResult {
  const body = input.slice(bodyStart(input));
  // papaparse takes one line break for the whole file; LF everywhere lets a file mix them, and keeps
  // "one LF = one physical line" for the line numbers. Line breaks inside quoted cells become LF too.
  const text = body.indexOf('\r') === -1 ? body : body.replace(/\r\n?/g, '\n');
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const parsed = Papa.parse(text, { delimiter, newline: '\n', quoteChar: '"', escapeChar: '"', header: false, dynamicTyping: false, skipEmptyLines: false });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError !== undefined) {
    return { ok: false, code: quoteError.code === 'MissingQuotes' ? 'unterminated_quote' : 'malformed_quote', line: lineAt(text, quoteError.index ?? 0) };
  }

  let header: string[] | null = null;
  const rows: CsvRow[] = [];
  let line = 1;
  for (const cells of parsed.data) {
    // A blank line arrives as one empty cell (so does a line holding only "", which imports skip anyway).
    if (!(cells.length === 1 && cells[0] === '')) {
      if (header === null) header = cells;
      else rows.push({ line, cells });
    }
    line += 1 + extraLines(cells);
  }
  if (header === null) return { ok: false, code: 'empty' };
  return { ok: true, delimiter, header, rows };
}
