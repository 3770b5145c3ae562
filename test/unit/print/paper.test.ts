import { describe, expect, test } from 'vitest';
import { columnGroups, columnPercents, maxTheadPx, pageBox } from '../../../renderer/src/print/paper';

describe('paper geometry', () => {
  test('printable width and height at 96 px to the inch, inside 10 mm sides and 16 mm top and bottom', () => {
    // PRINTING.md: Letter landscape with 10 mm sides lays out at 980 px.
    expect(pageBox('letter', 'landscape')).toEqual({ pageName: 'cd-letter-landscape', key: 'letter-landscape', contentWidthPx: 980, contentHeightPx: 695 });
    expect(pageBox('letter', 'portrait')).toMatchObject({ contentWidthPx: 740, contentHeightPx: 935 });
    expect(pageBox('a4', 'landscape')).toMatchObject({ contentWidthPx: 1046, contentHeightPx: 672 });
    expect(pageBox('a4', 'portrait')).toMatchObject({ contentWidthPx: 718, contentHeightPx: 1001 });
  });

  test('a table head may take at most a quarter of the content height', () => {
    expect(maxTheadPx(pageBox('letter', 'landscape'))).toBe(173);
  });

  test('column groups are as even as possible and never empty', () => {
    const courses = Array.from({ length: 25 }, (_, i) => i);
    const groups = columnGroups(courses, { availablePx: 1046, repeatedPx: 225, minPx: 70 });
    expect(groups.map((g) => g.length)).toEqual([9, 9, 7]);
    expect(groups.flat()).toEqual(courses);
    expect(columnGroups(courses.slice(0, 10), { availablePx: 980, repeatedPx: 225, minPx: 70 })).toHaveLength(1);
    expect(columnGroups([1, 2, 3], { availablePx: 100, repeatedPx: 200, minPx: 70 })).toEqual([[1], [2], [3]]);
    expect(columnGroups([], { availablePx: 980, repeatedPx: 0, minPx: 70 })).toEqual([[]]);
  });

  test('column weights become percentages of the table', () => {
    expect(columnPercents([1, 1, 2])).toEqual(['25.000%', '25.000%', '50.000%']);
  });
});
