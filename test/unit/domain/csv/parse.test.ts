import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../../../shared/domain/csv/parse';
import type { CsvDelimiter, CsvParseResult, CsvTable } from '../../../../shared/domain/csv/parse';

function ok(result: CsvParseResult): CsvTable {
  if (!result.ok) throw new Error(`expected a table, got ${JSON.stringify(result)}`);
  return result;
}

describe('parseCsv basics', () => {
  it('parses header and rows with line numbers', () => {
    const t = ok(parseCsv('a,b,c\n1,2,3\n4,5,6\n'));
    expect(t.delimiter).toBe(',');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['1', '2', '3'] },
      { line: 3, cells: ['4', '5', '6'] },
    ]);
  });

  it('strips a UTF-8 BOM', () => {
    const t = ok(parseCsv('\uFEFFEmployee ID;Course\nE1;CPR'));
    expect(t.header).toEqual(['Employee ID', 'Course']);
    expect(t.delimiter).toBe(';');
  });

  it('keeps a BOM-looking character that is not at the start', () => {
    expect(ok(parseCsv('a\nx\uFEFF')).rows[0]?.cells).toEqual(['x\uFEFF']);
  });

  it('handles CRLF, LF and lone CR line endings, alone and mixed', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const t = ok(parseCsv(['h1,h2', 'a,b', 'c,d', ''].join(eol)));
      expect(t.rows.map((r) => r.cells)).toEqual([['a', 'b'], ['c', 'd']]);
      expect(t.rows.map((r) => r.line)).toEqual([2, 3]);
    }
    const mixed = ok(parseCsv('h\r\na\rb\nc\r\n'));
    expect(mixed.rows).toEqual([
      { line: 2, cells: ['a'] },
      { line: 3, cells: ['b'] },
      { line: 4, cells: ['c'] },
    ]);
  });

  it('ignores the trailing empty line and blank lines, but counts them for line numbers', () => {
    const t = ok(parseCsv('h\n\na\r\n\r\n\rb\n\n'));
    expect(t.rows).toEqual([
      { line: 3, cells: ['a'] },
      { line: 6, cells: ['b'] },
    ]);
  });

  it('treats leading blank lines as not the header', () => {
    const t = ok(parseCsv('\n\nx;y\n1;2'));
    expect(t.header).toEqual(['x', 'y']);
    expect(t.rows).toEqual([{ line: 4, cells: ['1', '2'] }]);
  });

  it('keeps empty cells, including a trailing one', () => {
    const t = ok(parseCsv('a,b,c\n,,\n1,,\n,2,'));
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['', '', ''],
      ['1', '', ''],
      ['', '2', ''],
    ]);
  });

  it('keeps ragged rows as they are', () => {
    const t = ok(parseCsv('a,b,c\n1\n1,2,3,4'));
    expect(t.rows.map((r) => r.cells)).toEqual([['1'], ['1', '2', '3', '4']]);
  });

  it('does not trim cells', () => {
    expect(ok(parseCsv('a, b \n 1 ,2')).rows[0]?.cells).toEqual([' 1 ', '2']);
  });

  it('returns the header with no rows for a header-only file', () => {
    const t = ok(parseCsv('a,b\r\n'));
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows).toEqual([]);
  });

  it('reports empty input', () => {
    for (const text of ['', '\uFEFF', '\n', '\r\n\r\n', '\uFEFF\r']) {
      expect(parseCsv(text)).toEqual({ ok: false, code: 'empty' });
    }
  });
});

describe('parseCsv quoting', () => {
  it('handles quoted fields with escaped quotes, delimiters and newlines', () => {
    const t = ok(parseCsv('name,note\n"Smith, Jo","said ""hi""\nthen left"\nx,"a;b"'));
    expect(t.rows).toEqual([
      { line: 2, cells: ['Smith, Jo', 'said "hi"\nthen left'] },
      { line: 4, cells: ['x', 'a;b'] },
    ]);
  });

  it('counts CRLF, LF and CR inside quotes as single line breaks, each kept as LF', () => {
    const t = ok(parseCsv('h,i\r\n"a\r\nb\rc\nd",e\r\nnext,1'));
    expect(t.rows).toEqual([
      { line: 2, cells: ['a\nb\nc\nd', 'e'] },
      { line: 6, cells: ['next', '1'] },
    ]);
  });

  it('handles empty quoted fields and a quoted field of only escaped quotes', () => {
    const t = ok(parseCsv('a,b,c\n"","""",""""""'));
    expect(t.rows[0]?.cells).toEqual(['', '"', '""']);
  });

  it('a line holding only "" is blank like an empty line (one empty cell either way), and still counted', () => {
    const t = ok(parseCsv('a\n""\nx'));
    expect(t.rows).toEqual([{ line: 3, cells: ['x'] }]);
  });

  it('handles a quoted field at end of input without newline, and a trailing delimiter', () => {
    expect(ok(parseCsv('a,b\n1,"2"')).rows[0]?.cells).toEqual(['1', '2']);
    expect(ok(parseCsv('a,b\n1,"2",')).rows[0]?.cells).toEqual(['1', '2', '']);
  });

  it('keeps a stray quote inside an unquoted field literally', () => {
    const t = ok(parseCsv('a,b\nab"c,d\n'));
    expect(t.rows.map((r) => r.cells)).toEqual([['ab"c', 'd']]);
  });

  it('refuses text after a closing quote, naming the line: every later row could shift', () => {
    // papaparse would carry on into the next quote and merge rows: "x"yz,w + the next line in one cell.
    expect(parseCsv('a,b\n1,2\n"x"yz,w\n"p",q\n')).toEqual({ ok: false, code: 'malformed_quote', line: 3 });
  });

  it('reports an unterminated quote with the line where it opens', () => {
    expect(parseCsv('a,b\n1,2\n3,"open\nmore\n')).toEqual({ ok: false, code: 'unterminated_quote', line: 3 });
    expect(parseCsv('"a')).toEqual({ ok: false, code: 'unterminated_quote', line: 1 });
    expect(parseCsv('a\n"x""')).toEqual({ ok: false, code: 'unterminated_quote', line: 2 });
  });
});

describe('delimiter detection', () => {
  // A census export: allergy cells list items with ';' — unquoted in a comma file (nothing to quote),
  // quoted in a ';' file — and rows without trailing cells, as spreadsheets save them.
  const COMMA_FILE = [
    'Record number,Given name,Family name,Date of birth,Unit,Room,Code status,Allergies,Diet,Fall risk',
    'A-1,Ann,Lee,1940-01-01,North,101,DNR,Penicillin: hives (severe); Latex; Eggs,regular,high',
    'A-2,Bob,Lee,1941-02-02,North,102,DNR,Nuts; Latex; Eggs',
    'A-3,Cy,Lee,1942-03-03,North,103,Full code,Nuts; Soy; Eggs,renal,low',
    'A-4,Di,Lee,1943-04-04,North,104,DNR,Nuts; Soy; Shellfish',
  ].join('\n');
  const SEMICOLON_FILE = [
    'Record number;Given name;Family name;Date of birth;Unit;Room;Code status;Allergies',
    'A-1;José;"O\'Brien, Jr.";1940-01-01;North;101;DNR;"Penicillin: hives (severe); Latex"',
    'A-2;Zoë;"Smith; Jones";1941-02-02;North;102;Full code;NKA',
    'A-3;Cy;Lee;1942-03-03;North;103;DNR;"Nuts, tree (moderate); Soy; Eggs"',
  ].join('\r\n');

  it('a comma file whose allergy lists use ";" stays comma-separated (papaparse alone would guess ";")', () => {
    expect(Papa.parse(COMMA_FILE).meta.delimiter).toBe(';');
    const t = ok(parseCsv(COMMA_FILE));
    expect(t.delimiter).toBe(',');
    expect(t.header).toHaveLength(10);
    expect(t.rows.map((r) => r.cells[7])).toEqual(['Penicillin: hives (severe); Latex; Eggs', 'Nuts; Latex; Eggs', 'Nuts; Soy; Eggs', 'Nuts; Soy; Shellfish']);
  });

  it('a ";" file keeps quoted allergy lists with ";" and names with "," whole', () => {
    const t = ok(parseCsv(SEMICOLON_FILE));
    expect(t.delimiter).toBe(';');
    expect(t.rows.map((r) => r.cells.length)).toEqual([8, 8, 8]);
    expect(t.rows.map((r) => [r.cells[2], r.cells[7]])).toEqual([
      ["O'Brien, Jr.", 'Penicillin: hives (severe); Latex'],
      ['Smith; Jones', 'NKA'],
      ['Lee', 'Nuts, tree (moderate); Soy; Eggs'],
    ]);
  });

  it('detects comma, semicolon and tab from the header', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
  });

  it('ignores delimiters inside quotes in the header', () => {
    expect(detectDelimiter('"Name, full, legal";Date')).toBe(';');
    expect(detectDelimiter('"a;b;c;d",x,y')).toBe(',');
    expect(detectDelimiter('"multi\nline;;;",x\n')).toBe(',');
  });

  it('skips the BOM and leading blank lines', () => {
    expect(detectDelimiter('\uFEFF\r\n\r\na;b')).toBe(';');
  });

  it('defaults to comma for a single column, and breaks ties comma > semicolon > tab', () => {
    expect(detectDelimiter('only')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
    expect(detectDelimiter('a,b;c')).toBe(',');
    expect(detectDelimiter('a;b\tc')).toBe(';');
  });

  it('uses an explicit delimiter instead of detecting', () => {
    const t = ok(parseCsv('a,b;c\n1,2;3', { delimiter: ';' }));
    expect(t.delimiter).toBe(';');
    expect(t.header).toEqual(['a,b', 'c']);
    expect(t.rows[0]?.cells).toEqual(['1,2', '3']);
  });

  it('parses tab-separated files', () => {
    const t = ok(parseCsv('a\tb\n"x\ty"\tz\n'));
    expect(t.delimiter).toBe('\t');
    expect(t.rows[0]?.cells).toEqual(['x\ty', 'z']);
  });
});

// Reference serializer: quotes every cell that needs it, as a spreadsheet would.
function serialize(table: string[][], delimiter: CsvDelimiter, eol: string, quoteAll: boolean): string {
  return table
    .map((row) =>
      row
        .map((cell) =>
          quoteAll || /[",;\t\r\n]/.test(cell) || cell === '' ? `"${cell.replaceAll('"', '""')}"` : cell,
        )
        .join(delimiter),
    )
    .join(eol);
}

const cellArb = fc.string({
  unit: fc.constantFrom('a', 'b', ' ', ',', ';', '\t', '"', '\n', '\r', 'é', '1'),
  maxLength: 6,
});

describe('parseCsv properties', () => {
  it('round-trips any table written by a quoting serializer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.tuple(
            fc.array(fc.array(cellArb, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }),
            fc.constantFrom<CsvDelimiter>(',', ';', '\t'),
            fc.constantFrom('\n', '\r\n', '\r'),
            fc.boolean(),
            fc.boolean(),
            fc.boolean(),
          ),
        ),
        ([generated, delimiter, eol, quoteAll, trailingEol, bom]) => {
          // A row of one empty cell is a blank line, skipped by design; keep such rows out of the table.
          const table = generated.map((row) => (row.length === 1 && row[0] === '' ? ['a'] : row));
          const text = (bom ? '\uFEFF' : '') + serialize(table, delimiter, eol, quoteAll) + (trailingEol ? eol : '');
          const t = ok(parseCsv(text, { delimiter }));
          // Line breaks inside quoted cells come back as LF, whatever the file used.
          const expected = table.map((row) => row.map((cell) => cell.replace(/\r\n?/g, '\n')));
          expect([t.header, ...t.rows.map((r) => r.cells)]).toEqual(expected);
          // Line numbers: each record starts after the physical lines of everything before it.
          let line = 1;
          const expectedLines: number[] = [];
          table.forEach((row, i) => {
            if (i > 0) expectedLines.push(line);
            line += 1 + row.reduce((n, cell) => n + cell.split(/\r\n|\r|\n/).length - 1, 0);
          });
          expect(t.rows.map((r) => r.line)).toEqual(expectedLines);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('detects the delimiter of a serialized table whose header has at least one delimiter', () => {
    fc.assert(
      fc.property(
        fc.array(cellArb, { minLength: 2, maxLength: 6 }),
        fc.constantFrom<CsvDelimiter>(',', ';', '\t'),
        (header, delimiter) => {
          const text = serialize([header], delimiter, '\n', true);
          expect(detectDelimiter(text)).toBe(delimiter);
        },
      ),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', ';', '"', '\n', '\r', '\uFEFF') }), (text) => {
        const result = parseCsv(text);
        if (result.ok) {
          for (const row of result.rows) expect(row.line).toBeGreaterThanOrEqual(1);
        } else {
          expect(['empty', 'unterminated_quote', 'malformed_quote']).toContain(result.code);
        }
      }),
    );
  });
});

describe('parseCsv volume', () => {
  it('parses 100,000 generated rows × 8 columns', () => {
    const lines = ['employee_id,course,completed_on,hours,provider,certificate,note,unit'];
    for (let i = 0; i < 100_000; i++) {
      const note = i % 10 === 0 ? `"line one\nline ""two"", with comma"` : 'ok';
      lines.push(`E${i},cpr_bls,2024-01-${String((i % 28) + 1).padStart(2, '0')},2.5,Red Cross,C-${i},${note},A`);
    }
    const t = ok(parseCsv(lines.join('\r\n') + '\r\n'));
    expect(t.header).toHaveLength(8);
    expect(t.rows).toHaveLength(100_000);
    expect(t.rows.every((r) => r.cells.length === 8)).toBe(true);
    // 10,000 notes span two physical lines, so the last record starts 10,000 lines later than its index.
    expect(t.rows[99_999]?.line).toBe(100_001 + 10_000);
    expect(t.rows[10]?.cells[6]).toBe('line one\nline "two", with comma');
  });
});
