import { describe, expect, test } from 'vitest';
import { expectEveryPage, expectRowsWhole } from '../../support/pdf';

// The PDF helpers are the print tests' eyes: each must fail on the defect it looks for.
describe('PDF page helpers', () => {
  const furniture = { header: 'Shift handoff', notice: 'Confidential', printed: 'Printed Dec 2, 2026 at 14:15 by Ann' };
  const page = (k: number, n: number, body: string) => `Shift handoff      Confidential\n${body}\nPrinted Dec 2, 2026 at 14:15 by Ann      Page ${k} of ${n}`;

  test('every page must carry header, notice, page k of n and print time', () => {
    expectEveryPage([page(1, 2, 'ROW0001 a END0001'), page(2, 2, 'ROW0002 b END0002')], furniture);
    expect(() => expectEveryPage([page(1, 2, ''), page(2, 3, '')], furniture)).toThrow(/page 2 of 2: page line/);
    expect(() => expectEveryPage([page(1, 1, '').replace('Confidential', '')], furniture)).toThrow(/notice/);
  });

  test('rows must be whole, once, and in order', () => {
    const rows = [
      { start: 'ROW0001', end: 'END0001' },
      { start: 'ROW0002', end: 'END0002' },
    ];
    expect(expectRowsWhole(['ROW0001 x END0001', 'ROW0002 y END0002'], rows)).toEqual([1, 2]);
    expect(() => expectRowsWhole(['ROW0001 x END0001 ROW0002', 'y END0002'], rows)).toThrow(/split/);
    expect(() => expectRowsWhole(['ROW0002 END0002', 'ROW0001 END0001'], rows)).toThrow(/out of order/);
    expect(() => expectRowsWhole(['ROW0001 END0001 ROW0001 END0001 ROW0002 END0002'], rows)).toThrow(/printed 2×/);
    // A token is a whole word: ROW00011 is not ROW0001.
    expect(() => expectRowsWhole(['ROW00011 END00011'], [rows[0]!])).toThrow(/printed 0×/);
  });
});
