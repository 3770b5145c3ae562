import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../shared/domain/dates';
import {
  inServiceHours,
  inServiceShortfall,
  inServiceStanding,
  inServiceWindow,
} from '../../../../shared/domain/training/inservice';
import type { InServiceRecord } from '../../../../shared/domain/training/inservice';

const rec = (completedOn: string, hours: number | null, countsAsInService = true): InServiceRecord => ({
  completedOn,
  hours,
  countsAsInService,
});

describe('inServiceWindow', () => {
  it('runs from the day after the same date a year earlier through asOf', () => {
    expect(inServiceWindow('2025-03-15')).toEqual({ startsOn: '2024-03-16', endsOn: '2025-03-15' });
    expect(inServiceWindow('2025-02-28')).toEqual({ startsOn: '2024-02-29', endsOn: '2025-02-28' });
    expect(inServiceWindow('2024-02-29')).toEqual({ startsOn: '2023-03-01', endsOn: '2024-02-29' });
  });
});

describe('inServiceHours', () => {
  it('excludes the day exactly 12 months back and includes asOf', () => {
    const records = [rec('2024-03-15', 1), rec('2024-03-16', 2), rec('2025-03-15', 4), rec('2025-03-16', 8)];
    expect(inServiceHours(records, '2025-03-15')).toBe(6);
  });

  it('counts only in-service records with hours', () => {
    const records = [rec('2025-01-01', 3, false), rec('2025-01-02', null), rec('2025-01-03', 1.25)];
    expect(inServiceHours(records, '2025-03-15')).toBe(1.25);
  });

  it('sums decimals without float noise', () => {
    const records = Array.from({ length: 10 }, (_, i) => rec(addDays('2025-01-01', i), 0.1));
    expect(inServiceHours([...records, rec('2025-02-01', 0.2)], '2025-03-01')).toBe(1.2);
  });

  it('is 0 for no records', () => {
    expect(inServiceHours([], '2025-03-01')).toBe(0);
  });

  it('property: equals the sum over records inside the window', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            offset: fc.integer({ min: -800, max: 100 }),
            hundredths: fc.integer({ min: 0, max: 2400 }),
            countsAsInService: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2020-01-01', n)),
        (items, asOf) => {
          const records = items.map((i) => rec(addDays(asOf, i.offset), i.hundredths / 100, i.countsAsInService));
          const { startsOn, endsOn } = inServiceWindow(asOf);
          const expected = items
            .filter((_, k) => {
              const r = records[k];
              return r !== undefined && r.countsAsInService && r.completedOn >= startsOn && r.completedOn <= endsOn;
            })
            .reduce((sum, i) => sum + i.hundredths, 0);
          expect(inServiceHours(records, asOf)).toBe(expected / 100);
        },
      ),
    );
  });
});

describe('inServiceShortfall', () => {
  it('is the hours still needed, never negative, default minimum 12', () => {
    expect(inServiceShortfall(0)).toBe(12);
    expect(inServiceShortfall(11.9)).toBe(0.1);
    expect(inServiceShortfall(12)).toBe(0);
    expect(inServiceShortfall(20)).toBe(0);
    expect(inServiceShortfall(5.5, 8)).toBe(2.5);
  });

  it('property: shortfall + hours >= minimum, and 0 exactly when met', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 4000 }), (h, m) => {
        const short = inServiceShortfall(h / 100, m / 100);
        expect(short).toBeGreaterThanOrEqual(0);
        expect(short === 0).toBe(h >= m);
        if (h < m) expect(Math.round(short * 100)).toBe(m - h);
      }),
    );
  });
});

describe('inServiceStanding: new hires are measured over the months employed', () => {
  it('thirteen days after hire nothing is owed yet, and the count starts at the hire date', () => {
    expect(inServiceStanding([], '2026-02-17', '2026-03-02')).toEqual({ hours: 0, requiredHours: 0, shortfall: 0, countsFrom: '2026-02-17', monthsEmployed: 0 });
  });

  it('one hour per whole month employed; hours before the hire date do not count', () => {
    const records = [rec('2025-07-20', 5), rec('2025-08-10', 2), rec('2026-01-05', 1.5)];
    expect(inServiceStanding(records, '2025-08-01', '2026-03-02')).toEqual({ hours: 3.5, requiredHours: 7, shortfall: 3.5, countsFrom: '2025-08-01', monthsEmployed: 7 });
    // Month ends clamp: hired Jan 31, a whole month has passed on Feb 28.
    expect(inServiceStanding([], '2026-01-31', '2026-02-28').monthsEmployed).toBe(1);
    expect(inServiceStanding([], '2026-01-31', '2026-02-27').monthsEmployed).toBe(0);
  });

  it('from the first anniversary on, the full rolling window and minimum apply', () => {
    const records = [rec('2025-03-02', 4), rec('2025-06-01', 3)];
    expect(inServiceStanding(records, '2025-03-02', '2026-03-01')).toMatchObject({ monthsEmployed: 11, requiredHours: 11, hours: 7, countsFrom: '2025-03-02' });
    expect(inServiceStanding(records, '2025-03-02', '2026-03-02')).toEqual({ hours: 3, requiredHours: 12, shortfall: 9, countsFrom: '2025-03-03', monthsEmployed: null });
  });

  it('an unknown or impossible hire date gets the full year', () => {
    expect(inServiceStanding([], null, '2026-03-02')).toMatchObject({ requiredHours: 12, monthsEmployed: null });
    expect(inServiceStanding([], '2027-01-01', '2026-03-02')).toMatchObject({ requiredHours: 12, monthsEmployed: null });
  });

  it('property: the minimum never falls as employment lengthens, and never exceeds the full minimum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 40 }), (hiredDaysAgo, step) => {
        const asOf = '2026-03-02';
        const hire = addDays(asOf, -hiredDaysAgo);
        const earlier = addDays(asOf, -step);
        const now = inServiceStanding([], hire, asOf).requiredHours;
        const before = hire <= earlier ? inServiceStanding([], hire, earlier).requiredHours : 0;
        expect(now).toBeGreaterThanOrEqual(before);
        expect(now).toBeLessThanOrEqual(12);
      }),
    );
  });
});
