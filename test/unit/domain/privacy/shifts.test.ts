import { describe, expect, test } from 'vitest';
import { shiftEndAt } from '../../../../shared/domain/privacy/shifts';

const three8 = [
  { start: '07:00', end: '15:00' },
  { start: '15:00', end: '23:00' },
  { start: '23:00', end: '07:00' },
];
const chicago = 'America/Chicago';

describe('the end of the shift running now (emergency access expires then)', () => {
  test.each([
    ['day shift', '2026-03-02T14:00:00Z', '2026-03-02T21:00:00.000Z'], // 08:00 CST → 15:00 CST
    ['evening shift', '2026-03-02T22:30:00Z', '2026-03-03T05:00:00.000Z'], // 16:30 → 23:00
    ['night shift, before midnight', '2026-03-03T05:30:00Z', '2026-03-03T13:00:00.000Z'], // 23:30 → 07:00 next day
    ['night shift, after midnight', '2026-03-03T08:00:00Z', '2026-03-03T13:00:00.000Z'], // 02:00 → 07:00
    ['the first minute of a shift', '2026-03-02T13:00:00Z', '2026-03-02T21:00:00.000Z'], // 07:00 sharp
  ])('%s', (_name, now, end) => {
    expect(shiftEndAt(new Date(now), three8, chicago)).toBe(end);
  });

  test('a night shift across the spring-forward night ends at 07:00 daylight time', () => {
    // 2026-03-08 02:00 CST → 03:00 CDT: the night has seven hours, and ends 12:00 UTC.
    expect(shiftEndAt(new Date('2026-03-08T06:00:00Z'), three8, chicago)).toBe('2026-03-08T12:00:00.000Z');
  });

  test('in a gap of the pattern, at the next shift boundary; with no shifts, eight hours', () => {
    const twoShifts = [
      { start: '07:00', end: '15:00' },
      { start: '19:00', end: '23:00' },
    ];
    expect(shiftEndAt(new Date('2026-03-02T23:00:00Z'), twoShifts, chicago)).toBe('2026-03-03T01:00:00.000Z'); // 17:00 → 19:00
    expect(shiftEndAt(new Date('2026-03-02T23:00:00Z'), [], chicago)).toBe('2026-03-03T07:00:00.000Z');
  });
});
