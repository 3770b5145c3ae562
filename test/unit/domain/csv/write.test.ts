import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../shared/domain/csv/parse';
import { toCsv } from '../../../../shared/domain/csv/write';

describe('toCsv', () => {
  it('BOM, CRLF, quotes only where needed, and ";" cells quoted for Excel in ";" locales', () => {
    expect(toCsv([['Name', 'Note'], ['Ann Aide', 'said "hi", then left'], ['Bo', 'Latex; Eggs']])).toBe(
      '\uFEFFName,Note\r\nAnn Aide,"said ""hi"", then left"\r\nBo,"Latex; Eggs"\r\n',
    );
  });

  it('prefixes cells a spreadsheet would run as a formula, multi-line ones too', () => {
    const csv = toCsv([['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '=1\nline two', 'a=b']]);
    const parsed = parseCsv(csv);
    if (!parsed.ok) throw new Error('unparseable');
    expect(parsed.header).toEqual(["'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "'=1\nline two", 'a=b']);
  });

  it('round-trips names and line breaks through the import parser', () => {
    const rows = [['Name', 'Unit'], ['José O’Brien', 'Memory Care'], ['김민준', 'Two\nlines'], ['', '']];
    const parsed = parseCsv(toCsv(rows));
    if (!parsed.ok) throw new Error('unparseable');
    expect([parsed.header, ...parsed.rows.map((r) => r.cells)]).toEqual(rows);
  });
});
