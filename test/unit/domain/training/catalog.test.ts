import { describe, expect, it } from 'vitest';
import {
  CPR_COURSE_CODE,
  DEFAULT_COURSE_CATALOG,
  courseAppliesTo,
  courseDefinitionSchema,
  courseValiditySchema,
} from '../../../../shared/domain/training/catalog';
import type { CourseDefinition } from '../../../../shared/domain/training/catalog';
import { STAFF_ROLES, isExpiringWindow, isStaffRole, staffRoleSchema } from '../../../../shared/domain/training/vocabulary';

const byCode = (code: string): CourseDefinition => {
  const course = DEFAULT_COURSE_CATALOG.find((c) => c.code === code);
  if (course === undefined) throw new Error(code);
  return course;
};

describe('vocabulary', () => {
  it('has the eight roles and validates them', () => {
    expect(STAFF_ROLES).toEqual(['rn', 'lpn', 'cna', 'med_tech', 'activities', 'driver', 'coordinator', 'administrator']);
    expect(isStaffRole('cna')).toBe(true);
    expect(isStaffRole('CNA')).toBe(false);
    expect(staffRoleSchema.safeParse('driver').success).toBe(true);
    expect(isExpiringWindow(60)).toBe(true);
    expect(isExpiringWindow(45)).toBe(false);
  });
});

describe('default catalog', () => {
  it('has unique codes, all valid by the catalog schema', () => {
    const codes = DEFAULT_COURSE_CATALOG.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const course of DEFAULT_COURSE_CATALOG) {
      expect(courseDefinitionSchema.safeParse(course).success, course.code).toBe(true);
    }
  });

  it('has the handbook validity periods', () => {
    const months = Object.fromEntries(
      DEFAULT_COURSE_CATALOG.filter((c) => c.validity.kind === 'months').map((c) => [
        c.code,
        c.validity.kind === 'months' ? c.validity.months : 0,
      ]),
    );
    expect(months).toEqual({
      cpr_bls: 24,
      first_aid: 24,
      infection_control: 12,
      fire_safety: 12,
      abuse_neglect_prevention: 12,
      hipaa_privacy: 12,
      dementia_care: 12,
      mechanical_lift: 12,
      driver_safety: 12,
    });
    expect(byCode('new_hire_orientation').validity).toEqual({ kind: 'once_within_days_of_hire', days: 30 });
  });

  it('applies role-specific courses only to their roles', () => {
    expect([...byCode('mechanical_lift').roles].sort()).toEqual(['cna', 'lpn', 'rn']);
    expect(byCode('driver_safety').roles).toEqual(['driver']);
    expect(courseAppliesTo(byCode('mechanical_lift'), 'driver')).toBe(false);
    expect(courseAppliesTo(byCode('mechanical_lift'), 'cna')).toBe(true);
    for (const role of STAFF_ROLES) expect(courseAppliesTo(byCode('new_hire_orientation'), role)).toBe(true);
  });

  it('has the CPR course the coverage rule looks for', () => {
    expect(byCode(CPR_COURSE_CODE).validity).toEqual({ kind: 'months', months: 24 });
  });

  it('rejects nonsense validity in edited catalogs', () => {
    expect(courseValiditySchema.safeParse({ kind: 'months', months: 0 }).success).toBe(false);
    expect(courseValiditySchema.safeParse({ kind: 'months', months: 1.5 }).success).toBe(false);
    expect(courseValiditySchema.safeParse({ kind: 'once_within_days_of_hire', days: -1 }).success).toBe(false);
    expect(courseValiditySchema.safeParse({ kind: 'weeks', weeks: 3 }).success).toBe(false);
  });
});
