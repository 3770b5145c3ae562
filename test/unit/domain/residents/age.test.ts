import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageOn, validateDateOfBirth } from '../../../../shared/domain/residents/age';
import { formatIsoDate, isIsoDate, parseIsoDate } from '../../../../shared/domain/dates';

const isoDate = (min = '1880-01-01', max = '2100-12-31') =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

describe('iso dates', () => {
  it('parses strictly', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2024-02-30', '2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31',
      '2024-1-01', '24-01-01', '2024-01-01T00:00:00Z', ' 2024-01-01', '', '0000-01-01', '2024/01/01']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
    expect(isIsoDate('2000-02-29')).toBe(true);
  });

  it('round-trips with the host calendar', () => {
    fc.assert(
      fc.property(isoDate(), (s) => {
        const parsed = parseIsoDate(s);
        expect(parsed).not.toBeNull();
        expect(formatIsoDate(parsed!)).toBe(s);
      }),
    );
  });
});

describe('ageOn', () => {
  it('counts whole years', () => {
    expect(ageOn('1940-06-15', '2025-06-14')).toBe(84);
    expect(ageOn('1940-06-15', '2025-06-15')).toBe(85);
    expect(ageOn('1940-06-15', '2025-12-31')).toBe(85);
    expect(ageOn('1940-12-31', '2025-01-01')).toBe(84);
    expect(ageOn('2025-03-03', '2025-03-03')).toBe(0);
  });

  it('deems a Feb 29 birthday to be March 1 in non-leap years', () => {
    expect(ageOn('1944-02-29', '2025-02-28')).toBe(80);
    expect(ageOn('1944-02-29', '2025-03-01')).toBe(81);
    expect(ageOn('1944-02-29', '2024-02-28')).toBe(79);
    expect(ageOn('1944-02-29', '2024-02-29')).toBe(80);
    expect(ageOn('1944-02-29', '1945-02-28')).toBe(0);
    expect(ageOn('1944-02-29', '1945-03-01')).toBe(1);
  });

  it('rejects invalid dates and dates before birth', () => {
    expect(() => ageOn('1944-02-30', '2025-01-01')).toThrow(RangeError);
    expect(() => ageOn('1944-02-01', '2025-1-1')).toThrow(RangeError);
    expect(() => ageOn('2025-01-02', '2025-01-01')).toThrow(RangeError);
  });

  it('agrees with a reference implementation using the UTC calendar', () => {
    fc.assert(
      fc.property(isoDate(), isoDate(), (a, b) => {
        const [dob, on] = a <= b ? [a, b] : [b, a];
        const d = new Date(`${dob}T00:00:00Z`);
        const o = new Date(`${on}T00:00:00Z`);
        let expected = o.getUTCFullYear() - d.getUTCFullYear();
        const monthDayBefore =
          o.getUTCMonth() < d.getUTCMonth() || (o.getUTCMonth() === d.getUTCMonth() && o.getUTCDate() < d.getUTCDate());
        if (monthDayBefore) expected -= 1;
        expect(ageOn(dob, on)).toBe(expected);
      }),
    );
  });

  it('never decreases as time passes and is never negative', () => {
    fc.assert(
      fc.property(isoDate(), isoDate(), isoDate(), (x, y, z) => {
        const [dob, d1, d2] = [x, y, z].sort();
        expect(ageOn(dob!, d1!)).toBeGreaterThanOrEqual(0);
        expect(ageOn(dob!, d2!)).toBeGreaterThanOrEqual(ageOn(dob!, d1!));
      }),
    );
  });
});

describe('validateDateOfBirth', () => {
  const today = '2025-06-10';

  it('accepts plausible dates, including today and exactly 120 years ago', () => {
    expect(validateDateOfBirth('1938-04-02', today)).toEqual({ ok: true });
    expect(validateDateOfBirth(today, today)).toEqual({ ok: true });
    expect(validateDateOfBirth('1905-06-10', today)).toEqual({ ok: true });
  });

  it('rejects malformed or impossible dates', () => {
    expect(validateDateOfBirth('2024-02-30', today)).toEqual({ ok: false, reason: 'invalid_date' });
    expect(validateDateOfBirth('1950-6-1', today)).toEqual({ ok: false, reason: 'invalid_date' });
    expect(validateDateOfBirth('', today)).toEqual({ ok: false, reason: 'invalid_date' });
  });

  it('rejects future dates', () => {
    expect(validateDateOfBirth('2025-06-11', today)).toEqual({ ok: false, reason: 'in_future' });
  });

  it('rejects dates more than 120 years ago', () => {
    expect(validateDateOfBirth('1905-06-09', today)).toEqual({ ok: false, reason: 'too_old' });
    expect(validateDateOfBirth('1852-01-01', today)).toEqual({ ok: false, reason: 'too_old' });
  });

  it('handles today = Feb 29 when 120 years earlier was not a leap year', () => {
    expect(validateDateOfBirth('1900-02-28', '2020-02-29')).toEqual({ ok: true });
    expect(validateDateOfBirth('1900-02-27', '2020-02-29')).toEqual({ ok: false, reason: 'too_old' });
    expect(validateDateOfBirth('1904-02-29', '2024-02-29')).toEqual({ ok: true });
  });

  it('throws on an invalid today, which is a programming error', () => {
    expect(() => validateDateOfBirth('1950-01-01', '2025-02-30')).toThrow(RangeError);
  });

  it('accepted dates give an age between 0 and 120', () => {
    fc.assert(
      fc.property(isoDate('1850-01-01', '2100-12-31'), isoDate('1990-01-01', '2060-12-31'), (dob, day) => {
        const result = validateDateOfBirth(dob, day);
        if (result.ok) {
          const age = ageOn(dob, day);
          expect(age).toBeGreaterThanOrEqual(0);
          expect(age).toBeLessThanOrEqual(120);
        } else if (result.reason === 'too_old') {
          expect(ageOn(dob, day)).toBeGreaterThanOrEqual(120);
        } else {
          expect(result.reason).toBe('in_future');
          expect(dob > day).toBe(true);
        }
      }),
    );
  });
});
