import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateHours, validateTrainingRecord } from '../../../../shared/domain/training/validate';
import type { TrainingRecordInput } from '../../../../shared/domain/training/validate';

const today = '2025-03-15';
const valid: TrainingRecordInput = {
  staffId: 's1',
  courseId: 'c1',
  completedOn: '2025-03-01',
  hours: 2.5,
  provider: 'American Red Cross',
  certificateNumber: 'ARC-123',
};
const issues = (patch: Partial<TrainingRecordInput>) => validateTrainingRecord({ ...valid, ...patch }, today);

describe('validateTrainingRecord', () => {
  it('accepts a valid record, with or without optional fields', () => {
    expect(issues({})).toEqual([]);
    expect(issues({ hours: null, provider: null, certificateNumber: null })).toEqual([]);
    expect(issues({ provider: '', certificateNumber: '   ' })).toEqual([]);
  });

  it('requires staff, course and completion date', () => {
    expect(issues({ staffId: '', courseId: ' ', completedOn: '' })).toEqual([
      { field: 'staffId', code: 'required' },
      { field: 'courseId', code: 'required' },
      { field: 'completedOn', code: 'required' },
    ]);
  });

  it('completion date: today ok, tomorrow in_future, 1950-01-01 ok, 1949-12-31 out_of_range, bad invalid_date', () => {
    expect(issues({ completedOn: today })).toEqual([]);
    expect(issues({ completedOn: '2025-03-16' })).toEqual([{ field: 'completedOn', code: 'in_future' }]);
    expect(issues({ completedOn: '1950-01-01' })).toEqual([]);
    expect(issues({ completedOn: '1949-12-31' })).toEqual([{ field: 'completedOn', code: 'out_of_range' }]);
    for (const bad of ['2025-02-29', '03/01/2025', '2025-3-1', 'yesterday']) {
      expect(issues({ completedOn: bad }), bad).toEqual([{ field: 'completedOn', code: 'invalid_date' }]);
    }
  });

  it('hours: 0 and 24 ok, outside out_of_range, > 2 decimals too_precise, NaN invalid_number', () => {
    expect(issues({ hours: 0 })).toEqual([]);
    expect(issues({ hours: 24 })).toEqual([]);
    expect(issues({ hours: 0.29 })).toEqual([]);
    expect(issues({ hours: 1.01 })).toEqual([]);
    expect(issues({ hours: -0.01 })).toEqual([{ field: 'hours', code: 'out_of_range' }]);
    expect(issues({ hours: 24.01 })).toEqual([{ field: 'hours', code: 'out_of_range' }]);
    expect(issues({ hours: 1.005 })).toEqual([{ field: 'hours', code: 'too_precise' }]);
    expect(issues({ hours: Number.NaN })).toEqual([{ field: 'hours', code: 'invalid_number' }]);
    expect(issues({ hours: Number.POSITIVE_INFINITY })).toEqual([{ field: 'hours', code: 'invalid_number' }]);
  });

  it('text limits count characters (code points) after trimming', () => {
    expect(issues({ certificateNumber: 'x'.repeat(64) })).toEqual([]);
    expect(issues({ certificateNumber: ` ${'x'.repeat(64)} ` })).toEqual([]);
    expect(issues({ certificateNumber: 'x'.repeat(65) })).toEqual([{ field: 'certificateNumber', code: 'too_long' }]);
    expect(issues({ provider: 'é'.repeat(120) })).toEqual([]);
    expect(issues({ provider: '😀'.repeat(120) })).toEqual([]);
    expect(issues({ provider: 'p'.repeat(121) })).toEqual([{ field: 'provider', code: 'too_long' }]);
  });

  it('reports several issues at once in field order', () => {
    expect(issues({ staffId: '', hours: 30, provider: 'p'.repeat(200) }).map((i) => i.field)).toEqual([
      'staffId',
      'hours',
      'provider',
    ]);
  });

  it('rejects a malformed today', () => {
    expect(() => validateTrainingRecord(valid, '15/03/2025')).toThrow(RangeError);
  });

  it('property: every hundredth from 0 to 24 is valid hours', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2400 }), (n) => validateHours(n / 100) === null));
  });

  it('property: a thousandth off the hundredths grid is too_precise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2399 }), fc.integer({ min: 1, max: 9 }), (n, k) => {
        expect(validateHours(n / 100 + k / 1000)).toBe('too_precise');
      }),
    );
  });
});
