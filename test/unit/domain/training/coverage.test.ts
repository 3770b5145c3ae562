import { describe, expect, it } from 'vitest';
import { shiftCprCoverage } from '../../../../shared/domain/training/coverage';
import type { ShiftCoverageInput } from '../../../../shared/domain/training/coverage';

const records = new Map([
  ['alice', [{ completedOn: '2023-06-01' }]], // expires 2025-06-01
  ['bob', [{ completedOn: '2021-01-01' }, { completedOn: '2024-12-01' }]], // 2024-12-01 → 2026-12-01
  ['carol', [{ completedOn: '2022-01-01' }]], // expired 2024-01-01
]);

const shift = (onDutyStaffIds: string[] | null, shiftDate: string): ShiftCoverageInput => ({
  shiftDate,
  onDutyStaffIds,
  cprValidity: { kind: 'months', months: 24 },
  cprRecordsByStaffId: records,
});

describe('shiftCprCoverage', () => {
  it('is unknown without a schedule', () => {
    expect(shiftCprCoverage(shift(null, '2025-01-01'))).toEqual({ ok: 'unknown' });
  });

  it('fails for an entered but empty schedule', () => {
    expect(shiftCprCoverage(shift([], '2025-01-01'))).toEqual({ ok: false, reason: 'no_current_cpr' });
  });

  it('passes when at least one on-duty person holds valid CPR, listing them once each', () => {
    expect(shiftCprCoverage(shift(['carol', 'alice', 'alice'], '2025-01-01'))).toEqual({ ok: true, coveredBy: ['alice'] });
    expect(shiftCprCoverage(shift(['alice', 'bob'], '2025-01-01'))).toEqual({ ok: true, coveredBy: ['alice', 'bob'] });
  });

  it('counts a certificate that is expiring soon as valid', () => {
    expect(shiftCprCoverage(shift(['alice'], '2025-05-31'))).toEqual({ ok: true, coveredBy: ['alice'] });
  });

  it('fails on the expiry date itself', () => {
    expect(shiftCprCoverage(shift(['alice'], '2025-06-01'))).toEqual({ ok: false, reason: 'no_current_cpr' });
  });

  it('fails when nobody on duty has a valid certificate (expired or none on file)', () => {
    expect(shiftCprCoverage(shift(['carol', 'dave'], '2025-01-01'))).toEqual({ ok: false, reason: 'no_current_cpr' });
  });

  it('uses the shift date as of which certificates count (later renewals ignored)', () => {
    expect(shiftCprCoverage(shift(['bob'], '2024-11-30'))).toEqual({ ok: false, reason: 'no_current_cpr' });
    expect(shiftCprCoverage(shift(['bob'], '2024-12-01'))).toEqual({ ok: true, coveredBy: ['bob'] });
  });
});
