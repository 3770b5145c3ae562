/**
 * The part of papaparse CareDesk uses, typed here rather than through @types/papaparse: those types
 * pull in all of Node's (`/// <reference types="node" />`, for stream parsing), which would let shared/
 * and the renderer type-check against `Buffer` and `process` without anyone noticing. Importing the
 * package's own file (`papaparse/papaparse.js`, the same code as `papaparse`) keeps this declaration the
 * only one TypeScript sees.
 */
declare module 'papaparse/papaparse.js' {
  export interface ParseError {
    type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
    /** Quotes: 'MissingQuotes' (never closes) or 'InvalidQuotes' (text after a closing quote). */
    code: string;
    message: string;
    row?: number;
    /** Offset in the input just after the opening quote. */
    index?: number;
  }

  export interface ParseConfig {
    delimiter?: string;
    newline?: '\n' | '\r' | '\r\n';
    quoteChar?: string;
    escapeChar?: string;
    header?: false;
    dynamicTyping?: false;
    skipEmptyLines?: boolean | 'greedy';
    delimitersToGuess?: string[];
  }

  export interface ParseResult {
    data: string[][];
    errors: ParseError[];
    meta: { delimiter: string; linebreak: string; aborted: boolean; truncated: boolean; cursor: number };
  }

  export interface UnparseConfig {
    /** true: every cell; a function: per cell (value, column index); cells that need quotes are always quoted. */
    quotes?: boolean | boolean[] | ((value: unknown, column: number) => boolean);
    quoteChar?: string;
    escapeChar?: string;
    delimiter?: string;
    newline?: string;
    header?: boolean;
    skipEmptyLines?: boolean | 'greedy';
    /** Prefixes ' to cells a spreadsheet would run as a formula (=, +, -, @, tab, CR). */
    escapeFormulae?: boolean | RegExp;
  }

  interface Papa {
    parse(input: string, config?: ParseConfig): ParseResult;
    unparse(data: readonly (readonly string[])[], config?: UnparseConfig): string;
  }

  const papa: Papa;
  export default papa;
}
