import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CourseDefinition, CourseValidity } from '../../../../shared/domain/training/catalog';
import { addDays, addMonths } from '../../../../shared/domain/dates';
import {
  expiryOf,
  isValidOn,
  latestCompletion,
  statusOf,
  validityStatus,
} from '../../../../shared/domain/training/status';
import type { ComplianceInput } from '../../../../shared/domain/training/status';
import type { StaffRole } from '../../../../shared/domain/training/vocabulary';

const months = (n: number): CourseValidity => ({ kind: 'months', months: n });
const orientationValidity: CourseValidity = { kind: 'once_within_days_of_hire', days: 30 };

const cpr: Pick<CourseDefinition, 'validity' | 'roles'> = { validity: months(24), roles: ['rn', 'cna', 'driver'] };
const annual: Pick<CourseDefinition, 'validity' | 'roles'> = { validity: months(12), roles: ['rn', 'cna'] };
const orientation: Pick<CourseDefinition, 'validity' | 'roles'> = { validity: orientationValidity, roles: ['rn', 'cna'] };

const input = (
  course: Pick<CourseDefinition, 'validity' | 'roles'>,
  dates: string[],
  role: StaffRole = 'cna',
  hireDate: string | null = '2020-01-01',
): ComplianceInput => ({ course, role, hireDate, records: dates.map((completedOn) => ({ completedOn })) });

describe('expiryOf', () => {
  it('adds the validity months', () => {
    expect(expiryOf('2024-03-15', months(12))).toBe('2025-03-15');
    expect(expiryOf('2024-03-15', months(24))).toBe('2026-03-15');
  });

  it('clamps leap days: 2024-02-29 + 12 and + 24 months land on Feb 28', () => {
    expect(expiryOf('2024-02-29', months(12))).toBe('2025-02-28');
    expect(expiryOf('2024-02-29', months(24))).toBe('2026-02-28');
    expect(expiryOf('2024-02-29', months(48))).toBe('2028-02-29');
  });

  it('returns null for once-only courses', () => {
    expect(expiryOf('2024-02-29', orientationValidity)).toBeNull();
  });
});

describe('statusOf: months validity', () => {
  const done = ['2024-03-15']; // expires 2025-03-15 (12 months)

  it('is expired ON the expiry date and current the day before (window 0)', () => {
    expect(statusOf(input(annual, done), '2025-03-15', 0)).toEqual({
      status: 'expired',
      completedOn: '2024-03-15',
      expiresOn: '2025-03-15',
    });
    expect(statusOf(input(annual, done), '2025-03-14', 0).status).toBe('current');
  });

  it('is expiring the day before expiry with any positive window', () => {
    expect(statusOf(input(annual, done), '2025-03-14', 30).status).toBe('expiring');
    expect(statusOf(input(annual, done), '2025-03-14', 1).status).toBe('expiring');
  });

  it('window boundaries: expiring from exactly expiry − window days', () => {
    for (const window of [30, 60, 90]) {
      const start = addDays('2025-03-15', -window);
      expect(statusOf(input(annual, done), start, window).status, `${window} start`).toBe('expiring');
      expect(statusOf(input(annual, done), addDays(start, -1), window).status, `${window} before`).toBe('current');
    }
    expect(addDays('2025-03-15', -30)).toBe('2025-02-13');
  });

  it('is current on the completion day itself', () => {
    expect(statusOf(input(annual, done), '2024-03-15', 30).status).toBe('current');
  });

  it('leap-day completion: 12 months expires 2025-02-28, 24 months 2026-02-28', () => {
    const leap = ['2024-02-29'];
    expect(statusOf(input(annual, leap), '2025-02-27', 0).status).toBe('current');
    expect(statusOf(input(annual, leap), '2025-02-28', 0)).toMatchObject({ status: 'expired', expiresOn: '2025-02-28' });
    expect(statusOf(input(cpr, leap), '2026-02-27', 0).status).toBe('current');
    expect(statusOf(input(cpr, leap), '2026-02-28', 0)).toMatchObject({ status: 'expired', expiresOn: '2026-02-28' });
  });

  it('is missing with no records', () => {
    expect(statusOf(input(annual, []), '2025-01-01', 30)).toEqual({ status: 'missing' });
  });

  it('ignores records completed after asOf (survey look-back)', () => {
    expect(statusOf(input(annual, ['2025-06-01']), '2025-05-31', 30)).toEqual({ status: 'missing' });
    expect(statusOf(input(annual, ['2023-03-15', '2024-03-20']), '2024-03-19', 30)).toEqual({
      status: 'expired',
      completedOn: '2023-03-15',
      expiresOn: '2024-03-15',
    });
    expect(statusOf(input(annual, ['2024-03-20']), '2024-03-20', 30).status).toBe('current');
  });

  it('uses the latest completion on or before asOf, whatever the record order', () => {
    const records = ['2023-01-10', '2024-06-01', '2022-05-05', '2025-02-01'];
    expect(statusOf(input(annual, records), '2025-01-15', 30)).toEqual({
      status: 'current',
      completedOn: '2024-06-01',
      expiresOn: '2025-06-01',
    });
  });

  it('applies the course validity given now (a changed validity recomputes)', () => {
    const records = ['2024-01-10'];
    expect(statusOf(input({ ...annual, validity: months(12) }, records), '2025-03-01', 30).status).toBe('expired');
    expect(statusOf(input({ ...annual, validity: months(24) }, records), '2025-03-01', 30)).toMatchObject({
      status: 'current',
      expiresOn: '2026-01-10',
    });
  });

  it('is not_required when the course does not apply to the role, whatever the records', () => {
    expect(statusOf(input(annual, ['2024-01-01'], 'driver'), '2024-06-01', 30)).toEqual({ status: 'not_required' });
    expect(statusOf(input(annual, [], 'driver'), '2024-06-01', 30)).toEqual({ status: 'not_required' });
  });

  it('skips malformed stored dates instead of throwing', () => {
    expect(statusOf(input(annual, ['2024-02-30', 'junk', '2024-01-01']), '2024-06-01', 30)).toMatchObject({
      status: 'current',
      completedOn: '2024-01-01',
    });
    expect(latestCompletion([{ completedOn: '9999-99-99' }], '2024-01-01')).toBeUndefined();
  });

  it('rejects a malformed asOf or window', () => {
    expect(() => statusOf(input(annual, []), '2024-6-1', 30)).toThrow(RangeError);
    expect(() => statusOf(input(annual, []), '2024-06-01', -1)).toThrow(RangeError);
    expect(() => statusOf(input(annual, []), '2024-06-01', 1.5)).toThrow(RangeError);
  });
});

describe('statusOf: once within N days of hire', () => {
  const hire = '2025-01-10'; // due 2025-02-09

  it('is expiring with a due date during the grace period, including the due date itself', () => {
    expect(statusOf(input(orientation, [], 'cna', hire), '2025-01-10', 30)).toEqual({
      status: 'expiring',
      dueOn: '2025-02-09',
    });
    expect(statusOf(input(orientation, [], 'cna', hire), '2025-02-09', 30).status).toBe('expiring');
  });

  it('is missing from the day after the due date', () => {
    expect(statusOf(input(orientation, [], 'cna', hire), '2025-02-10', 30)).toEqual({
      status: 'missing',
      dueOn: '2025-02-09',
    });
  });

  it('grace does not depend on the expiring window', () => {
    expect(statusOf(input(orientation, [], 'cna', hire), '2025-01-11', 0).status).toBe('expiring');
  });

  it('is current once completed, even late, and never expires', () => {
    expect(statusOf(input(orientation, ['2025-01-20'], 'cna', hire), '2025-01-20', 30)).toEqual({
      status: 'current',
      completedOn: '2025-01-20',
    });
    expect(statusOf(input(orientation, ['2025-05-01'], 'cna', hire), '2040-01-01', 30).status).toBe('current');
  });

  it('does not count a completion after asOf', () => {
    expect(statusOf(input(orientation, ['2025-03-01'], 'cna', hire), '2025-02-20', 30).status).toBe('missing');
  });

  it('is missing without a hire date (no grace period to compute)', () => {
    expect(statusOf(input(orientation, [], 'cna', null), '2025-02-20', 30)).toEqual({ status: 'missing' });
  });
});

const isoArb = fc
  .integer({ min: 0, max: 365 * 60 })
  .map((n) => addDays('1990-01-01', n));

describe('status properties', () => {
  const rank = { missing: 0, current: 1, expiring: 2, expired: 3 } as const;

  it('single record: status never goes back as asOf advances (missing → current → expiring → expired)', () => {
    fc.assert(
      fc.property(
        isoArb,
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(0, 30, 60, 90),
        fc.array(fc.integer({ min: -800, max: 2000 }), { minLength: 2, maxLength: 12 }),
        (completedOn, validityMonths, window, offsets) => {
          const days = [...offsets].sort((a, b) => a - b).map((o) => addDays(completedOn, o));
          const ranks = days.map((asOf) => {
            const { status } = validityStatus(months(validityMonths), null, [{ completedOn }], asOf, window);
            if (status === 'not_required') throw new Error('unexpected');
            return rank[status];
          });
          for (let i = 1; i < ranks.length; i++) expect(ranks[i]).toBeGreaterThanOrEqual(ranks[i - 1] ?? 0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('matches the documented definitions exactly', () => {
    fc.assert(
      fc.property(isoArb, isoArb, fc.integer({ min: 1, max: 36 }), fc.constantFrom(0, 30, 60, 90), (completedOn, asOf, m, window) => {
        const result = validityStatus(months(m), null, [{ completedOn }], asOf, window);
        const expiresOn = addMonths(completedOn, m);
        const expected =
          asOf < completedOn
            ? 'missing'
            : asOf >= expiresOn
              ? 'expired'
              : asOf >= addDays(expiresOn, -window)
                ? 'expiring'
                : 'current';
        expect(result.status).toBe(expected);
        if (expected !== 'missing') expect(result.expiresOn).toBe(expiresOn);
      }),
      { numRuns: 1000 },
    );
  });

  it('only the latest record on or before asOf matters', () => {
    fc.assert(
      fc.property(fc.array(isoArb, { maxLength: 8 }), isoArb, (dates, asOf) => {
        const all = validityStatus(months(12), null, dates.map((completedOn) => ({ completedOn })), asOf, 30);
        const eligible = dates.filter((d) => d <= asOf).sort();
        const latest = eligible.at(-1);
        const only = validityStatus(months(12), null, latest === undefined ? [] : [{ completedOn: latest }], asOf, 30);
        expect(all).toEqual(only);
      }),
    );
  });

  it('a wider window never makes a status less urgent', () => {
    fc.assert(
      fc.property(isoArb, isoArb, (completedOn, asOf) => {
        const statuses = [0, 30, 60, 90].map(
          (w) => validityStatus(months(12), null, [{ completedOn }], asOf, w).status,
        );
        const ranks = statuses.map((s) => (s === 'not_required' ? -1 : rank[s]));
        for (let i = 1; i < ranks.length; i++) expect(ranks[i]).toBeGreaterThanOrEqual(ranks[i - 1] ?? 0);
      }),
    );
  });

  it('isValidOn is true exactly for current and expiring', () => {
    expect(isValidOn({ status: 'current' })).toBe(true);
    expect(isValidOn({ status: 'expiring' })).toBe(true);
    expect(isValidOn({ status: 'expired' })).toBe(false);
    expect(isValidOn({ status: 'missing' })).toBe(false);
    expect(isValidOn({ status: 'not_required' })).toBe(false);
  });
});
