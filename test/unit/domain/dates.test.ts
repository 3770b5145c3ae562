import { addDays as fnsAddDays, addMonths as fnsAddMonths, differenceInCalendarDays, format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  formatIsoDate,
  isIsoDate,
  parseIsoDate,
} from '../../../shared/domain/dates';

// Local-noon Date objects keep date-fns away from any DST edge while serving as the reference.
const toDate = (iso: string): Date => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(2000, 0, 1, 12);
  date.setFullYear(y, m - 1, d);
  return date;
};
const toIso = (date: Date): string => format(date, 'yyyy-MM-dd');

const isoArb = fc
  .date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('parsing', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-1-01', '24-01-01', '2024-01-01T00:00', ' 2024-01-01', '']) {
      expect(parseIsoDate(bad), bad).toBeNull();
      expect(isIsoDate(bad)).toBe(false);
    }
    expect(isIsoDate(20240101)).toBe(false);
    expect(parseIsoDate('1900-02-29')).toBeNull();
    expect(parseIsoDate('2000-02-29')).not.toBeNull();
  });

  it('formats with zero padding', () => {
    expect(formatIsoDate({ year: 987, month: 1, day: 2 })).toBe('0987-01-02');
  });
});

describe('arithmetic', () => {
  it('clamps month ends like date-fns', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 24)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
  });

  it('adds days across month, year and leap boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it('throws on malformed input', () => {
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('nope', 1)).toThrow(RangeError);
  });

  it('agrees with date-fns addMonths and addDays', () => {
    fc.assert(
      fc.property(isoArb, fc.integer({ min: -600, max: 600 }), (iso, n) => {
        expect(addMonths(iso, n)).toBe(toIso(fnsAddMonths(toDate(iso), n)));
        expect(addDays(iso, n * 7)).toBe(toIso(fnsAddDays(toDate(iso), n * 7)));
      }),
      { numRuns: 1000 },
    );
  });

  it('daysBetween inverts addDays and agrees with date-fns', () => {
    fc.assert(
      fc.property(isoArb, isoArb, (a, b) => {
        const n = daysBetween(a, b);
        expect(addDays(a, n)).toBe(b);
        expect(n).toBe(differenceInCalendarDays(toDate(b), toDate(a)));
      }),
    );
  });

  it('string order equals date order', () => {
    fc.assert(fc.property(isoArb, isoArb, (a, b) => Math.sign(daysBetween(b, a)) === Math.sign(a.localeCompare(b))));
  });
});
