import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapColumns, normalizeLabel } from '../../../../shared/domain/csv/columns';

const wanted = {
  employeeId: ['employee id', 'emp id', 'id'],
  course: ['course', 'training'],
  completedOn: ['completed on', 'completion date', 'date'],
  hours: ['hours'],
};

describe('normalizeLabel', () => {
  it('ignores case, accents, whitespace and punctuation', () => {
    expect(normalizeLabel('  Employee ID ')).toBe('employeeid');
    expect(normalizeLabel('employee_id')).toBe('employeeid');
    expect(normalizeLabel('EMPLOYEE-ID')).toBe('employeeid');
    expect(normalizeLabel('Prévention de l’abus')).toBe('preventiondelabus');
    expect(normalizeLabel('Ｃｅｒｔ #')).toBe('cert');
  });

  it('keeps non-Latin letters and digits', () => {
    expect(normalizeLabel('Курс 1')).toBe('курс1');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeLabel(normalizeLabel(s)) === normalizeLabel(s)));
  });
});

describe('mapColumns', () => {
  it('maps by alias regardless of case, spacing and accents', () => {
    const result = mapColumns(['Hours', 'COURSE', 'Employee_ID', 'Completion Date'], wanted);
    expect(result).toEqual({
      ok: true,
      mapping: { employeeId: 2, course: 1, completedOn: 3, hours: 0 },
      missing: [],
      conflicts: [],
    });
  });

  it('prefers earlier aliases over later ones', () => {
    const result = mapColumns(['Date', 'Completed on', 'ID', 'Emp ID', 'Course'], wanted);
    expect(result.mapping.completedOn).toBe(1);
    expect(result.mapping.employeeId).toBe(3);
  });

  it('lists missing required fields in wanted order and is not ok', () => {
    const result = mapColumns(['Course'], wanted);
    expect(result.ok).toBe(false);
    expect(result.missing).toEqual(['employeeId', 'completedOn', 'hours']);
  });

  it('only counts required fields as missing when a required list is given', () => {
    const result = mapColumns(['emp id', 'course', 'date'], wanted, undefined, {
      required: ['employeeId', 'course', 'completedOn'],
    });
    expect(result.ok).toBe(true);
    expect(result.mapping.hours).toBeUndefined();
    expect(result.missing).toEqual([]);
  });

  it('never maps one column to two fields; duplicate labels go left to right', () => {
    const twoWanted = { first: ['name'], second: ['name'] };
    expect(mapColumns(['Name', 'name'], twoWanted).mapping).toEqual({ first: 0, second: 1 });
    const single = mapColumns(['Name'], twoWanted);
    expect(single.mapping).toEqual({ first: 0, second: undefined });
    expect(single.missing).toEqual(['second']);
  });

  it('applies overrides before guessing and keeps guesses off overridden columns', () => {
    const result = mapColumns(['Date', 'Training date', 'Course', 'ID', 'Hours'], wanted, { completedOn: 1, course: 0 });
    expect(result.mapping.completedOn).toBe(1);
    expect(result.mapping.course).toBe(0);
    // "Course" column left unclaimed by auto-detection for course because the user decided.
    expect(result.mapping.employeeId).toBe(3);
    expect(result.ok).toBe(true);
  });

  it('treats a null override as "not in this file" even when a header would match', () => {
    const result = mapColumns(['ID', 'Course', 'Date', 'Hours'], wanted, { hours: null });
    expect(result.mapping.hours).toBeUndefined();
    expect(result.missing).toEqual(['hours']);
  });

  it('rejects out-of-range, non-integer and clashing overrides as conflicts', () => {
    const result = mapColumns(['ID', 'Course', 'Date'], wanted, {
      employeeId: 5,
      course: 1.5,
      completedOn: 2,
      hours: 2,
    });
    expect(result.conflicts).toEqual(['employeeId', 'course', 'hours']);
    expect(result.mapping).toEqual({ employeeId: undefined, course: undefined, completedOn: 2, hours: undefined });
    expect(result.missing).toEqual(['employeeId', 'course', 'hours']);
    expect(result.ok).toBe(false);
  });

  it('handles an empty header and aliases that normalize to nothing', () => {
    expect(mapColumns([], { a: ['x'] })).toEqual({ ok: false, mapping: { a: undefined }, missing: ['a'], conflicts: [] });
    expect(mapColumns(['', '--'], { a: ['--', ''] }).mapping.a).toBeUndefined();
  });

  it('property: mapped columns are distinct, in range, and match an alias or an override', () => {
    const labels = ['ID', 'Emp ID', 'Course', 'Training', 'Date', 'Completed on', 'Hours', 'Other', ''];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...labels), { maxLength: 10 }), (header) => {
        const result = mapColumns(header, wanted);
        const used = Object.values(result.mapping).filter((v): v is number => v !== undefined);
        expect(new Set(used).size).toBe(used.length);
        for (const [field, index] of Object.entries(result.mapping)) {
          if (index === undefined) continue;
          expect(index).toBeGreaterThanOrEqual(0);
          expect(index).toBeLessThan(header.length);
          const aliases = wanted[field as keyof typeof wanted].map(normalizeLabel);
          expect(aliases).toContain(normalizeLabel(header[index] ?? ''));
        }
        expect(result.ok).toBe(result.missing.length === 0);
      }),
    );
  });
});
