import { z } from 'zod';

export const STAFF_ROLES = [
  'rn',
  'lpn',
  'cna',
  'med_tech',
  'activities',
  'driver',
  'coordinator',
  'administrator',
] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffRoleSchema = z.enum(STAFF_ROLES);

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/**
 * Status of one staff member × one course. 'not_required' is for matrix cells where the course does not
 * apply to the person's role; the other four are the survey-facing states.
 */
export const COMPLIANCE_STATUSES = ['current', 'expiring', 'expired', 'missing', 'not_required'] as const;

export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/** The statuses that need attention (what an administrator works through before a survey). */
export const ATTENTION_STATUSES: readonly ComplianceStatus[] = ['expiring', 'expired', 'missing'];

/** "Expiring soon" window choices offered in the UI, in days. */
export const EXPIRING_WINDOWS = [30, 60, 90] as const;

export type ExpiringWindowDays = (typeof EXPIRING_WINDOWS)[number];

export const DEFAULT_EXPIRING_WINDOW: ExpiringWindowDays = 30;

export function isExpiringWindow(value: unknown): value is ExpiringWindowDays {
  return typeof value === 'number' && (EXPIRING_WINDOWS as readonly number[]).includes(value);
}
