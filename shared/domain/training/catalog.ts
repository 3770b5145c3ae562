import { z } from 'zod';
import { STAFF_ROLES, staffRoleSchema } from './vocabulary';
import type { StaffRole } from './vocabulary';

export type CourseValidity =
  | { kind: 'months'; months: number }
  /** Done once per employment, due within `days` after the hire date; never expires. */
  | { kind: 'once_within_days_of_hire'; days: number };

export interface CourseDefinition {
  /** Stable identifier used by imports and seeds; names are editable and translatable, codes are not. */
  code: string;
  name: string;
  validity: CourseValidity;
  roles: readonly StaffRole[];
  /** Counts toward the CNA annual in-service hours. */
  countsAsInService: boolean;
}

// Bounds keep a typo in the catalog editor (e.g. 240 months) from silently hiding lapses for decades.
// Strict: a validity with a key it does not know is refused, not silently cut down (issue 16, item 11).
export const courseValiditySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('months'), months: z.number().int().min(1).max(120) }),
  z.strictObject({ kind: z.literal('once_within_days_of_hire'), days: z.number().int().min(0).max(365) }),
]);

export const courseCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

export const courseDefinitionSchema = z.object({
  code: courseCodeSchema,
  name: z.string().trim().min(1).max(120),
  validity: courseValiditySchema,
  roles: z.array(staffRoleSchema).min(1),
  countsAsInService: z.boolean(),
});

const ALL_ROLES: readonly StaffRole[] = STAFF_ROLES;

/**
 * Seed catalog for a new facility; facilities edit it afterwards, so nothing may assume these exact
 * entries exist except by `code`.
 *
 * Role and in-service choices that the handbook leaves open: the general annual topics and CPR/first
 * aid apply to every role (all staff may be the one who finds a resident down, and drivers are alone
 * with residents); in-service credit goes to the facility-run care topics, not to externally certified
 * courses (CPR/BLS, first aid), driving, or pre-service orientation.
 */
export const DEFAULT_COURSE_CATALOG: readonly CourseDefinition[] = [
  { code: 'cpr_bls', name: 'CPR / BLS', validity: { kind: 'months', months: 24 }, roles: ALL_ROLES, countsAsInService: false },
  { code: 'first_aid', name: 'First aid', validity: { kind: 'months', months: 24 }, roles: ALL_ROLES, countsAsInService: false },
  { code: 'infection_control', name: 'Infection control', validity: { kind: 'months', months: 12 }, roles: ALL_ROLES, countsAsInService: true },
  { code: 'fire_safety', name: 'Fire safety', validity: { kind: 'months', months: 12 }, roles: ALL_ROLES, countsAsInService: true },
  { code: 'abuse_neglect_prevention', name: 'Abuse and neglect prevention', validity: { kind: 'months', months: 12 }, roles: ALL_ROLES, countsAsInService: true },
  { code: 'hipaa_privacy', name: 'HIPAA privacy', validity: { kind: 'months', months: 12 }, roles: ALL_ROLES, countsAsInService: true },
  { code: 'dementia_care', name: 'Dementia care', validity: { kind: 'months', months: 12 }, roles: ALL_ROLES, countsAsInService: true },
  { code: 'mechanical_lift', name: 'Mechanical-lift competency', validity: { kind: 'months', months: 12 }, roles: ['cna', 'rn', 'lpn'], countsAsInService: true },
  { code: 'driver_safety', name: 'Driver safety', validity: { kind: 'months', months: 12 }, roles: ['driver'], countsAsInService: false },
  { code: 'new_hire_orientation', name: 'New-hire orientation', validity: { kind: 'once_within_days_of_hire', days: 30 }, roles: ALL_ROLES, countsAsInService: false },
];

/** The course the shift CPR-coverage rule looks at. */
export const CPR_COURSE_CODE = 'cpr_bls';

export function courseAppliesTo(course: Pick<CourseDefinition, 'roles'>, role: StaffRole): boolean {
  return course.roles.includes(role);
}
