import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { AllergyRecord } from '../../../../shared/domain/residents/allergies';
import {
  allergyRecordSchema,
  isoDateSchema,
  residentStatusSchema,
  statusPeriodSchema,
} from '../../../../shared/domain/residents/schemas';
import type { StatusPeriod } from '../../../../shared/domain/residents/timeline';

// Compile-time: parsed values are usable where the rule modules expect them.
const _allergy: AllergyRecord = {} as z.infer<typeof allergyRecordSchema>;
const _period: StatusPeriod = {} as z.infer<typeof statusPeriodSchema>;
void _allergy;
void _period;

describe('schemas', () => {
  it('isoDateSchema is strict', () => {
    expect(isoDateSchema.safeParse('2024-02-29').success).toBe(true);
    expect(isoDateSchema.safeParse('2023-02-29').success).toBe(false);
    expect(isoDateSchema.safeParse('2024-02-29T00:00:00Z').success).toBe(false);
    expect(isoDateSchema.safeParse(20240229).success).toBe(false);
  });

  it('enum schemas accept only vocabulary values', () => {
    expect(residentStatusSchema.safeParse('hospital').success).toBe(true);
    expect(residentStatusSchema.safeParse('in_hospital').success).toBe(false);
  });

  it('allergy records keep NKA and not-recorded distinct', () => {
    expect(allergyRecordSchema.parse({ state: 'not_recorded' })).toEqual({ state: 'not_recorded' });
    expect(allergyRecordSchema.parse({ state: 'nka', recordedOn: '2025-01-01' })).toEqual({
      state: 'nka',
      recordedOn: '2025-01-01',
    });
    expect(allergyRecordSchema.safeParse({ state: 'nka' }).success).toBe(false);
    expect(allergyRecordSchema.safeParse({ state: 'listed', items: [] }).success).toBe(false);
    expect(allergyRecordSchema.safeParse({ state: 'unknown' }).success).toBe(false);
  });

  it('allergy items need a substance and a known severity', () => {
    const ok = { state: 'listed', items: [{ substance: ' Penicillin ', reaction: '', severity: 'severe' }] };
    expect(allergyRecordSchema.parse(ok)).toEqual({
      state: 'listed',
      items: [{ substance: 'Penicillin', reaction: '', severity: 'severe' }],
    });
    expect(allergyRecordSchema.safeParse({ state: 'listed', items: [{ substance: '  ', reaction: '', severity: 'severe' }] }).success).toBe(false);
    expect(allergyRecordSchema.safeParse({ state: 'listed', items: [{ substance: 'x', reaction: '', severity: 'deadly' }] }).success).toBe(false);
  });

  it('status periods cannot end before they start', () => {
    expect(statusPeriodSchema.safeParse({ status: 'active', from: '2025-01-01' }).success).toBe(true);
    expect(statusPeriodSchema.safeParse({ status: 'active', from: '2025-01-01', to: null, bedId: null }).success).toBe(true);
    expect(statusPeriodSchema.safeParse({ status: 'active', from: '2025-01-02', to: '2025-01-01' }).success).toBe(false);
  });
});
