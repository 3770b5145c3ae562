/**
 * THE rule for training compliance status. Every screen, print-out and export must come through here so
 * the matrix, the "lapses next" list and the shift coverage check can never disagree.
 *
 * Definitions (all dates are 'YYYY-MM-DD' civil dates):
 * - expiry date = completion date + the course's validity in months (day clamped to month end, so
 *   2024-02-29 + 12 months = 2025-02-28). The record is valid THROUGH THE DAY BEFORE the expiry date;
 *   on the expiry date itself the status is 'expired'.
 * - 'expiring' = still valid and asOf >= expiry − windowDays (with a 30-day window and expiry
 *   2025-03-31, 'expiring' starts on 2025-03-01).
 * - Only records completed on or before asOf count, so the matrix can be reproduced "as of" a past
 *   survey date; of those, the latest completion decides.
 * - The course's CURRENT validity is applied to stored completion dates: records never store an expiry,
 *   so editing a course's validity recomputes every status.
 * - Once-within-N-days-of-hire courses (orientation): 'current' once completed on or before asOf (late
 *   completion still counts), never expire. Not completed: 'expiring' while inside the grace period
 *   (asOf <= hire + N days, dueOn = hire + N days) so it shows up in the to-do list without reading
 *   as a violation; 'missing' from the day after dueOn. Without a hire date there is no grace period
 *   and it is 'missing'.
 * - Licences and certifications (RN/LPN licence, nurse aide registry, driver's licence, food handler…)
 *   carry their own expiry date instead of a validity in months: validity `{ kind: 'until_expiry' }`, and
 *   each record's `completedOn` is the issue date and `expiresOn` the date printed on it. Everything else
 *   is the same rule: only credentials issued on or before asOf count, the latest issued decides (the
 *   later expiry on a tie), it is expired ON its expiry date and expiring inside the window before it.
 *   A credential record without a readable expiry counts as 'missing' — a gap, never a false 'current'.
 */
import { courseAppliesTo } from './catalog';
import type { CourseDefinition, CourseValidity } from './catalog';
import { addDays, addMonths, isIsoDate } from '../dates';
import type { ComplianceStatus, StaffRole } from './vocabulary';

export interface CompletionRecord {
  /** Completion date; for a licence or certification, its issue date. */
  completedOn: string;
  /** Only for 'until_expiry' validity: the expiry date on the credential (first day it is not valid). */
  expiresOn?: string | null;
}

/** What the status rule understands: a course's validity, or a credential that states its own expiry. */
export type StatusValidity = CourseValidity | { kind: 'until_expiry' };

export interface ComplianceInput {
  course: { validity: StatusValidity; roles: CourseDefinition['roles'] };
  role: StaffRole;
  /** Null when unknown (e.g. imported staff); only orientation-style courses need it. */
  hireDate: string | null;
  records: readonly CompletionRecord[];
}

export interface ComplianceResult {
  status: ComplianceStatus;
  /** The completion that decided the status (latest on or before asOf). */
  completedOn?: string;
  /** First day the record is no longer valid; absent for courses that never expire. */
  expiresOn?: string;
  /** Deadline of a not-yet-completed once-within-N-days-of-hire course. */
  dueOn?: string;
}

/** First day on which a completion no longer counts; null for courses that never expire. */
export function expiryOf(completedOn: string, validity: CourseValidity): string | null {
  if (validity.kind === 'once_within_days_of_hire') return null;
  return addMonths(completedOn, validity.months);
}

/**
 * Latest completion on or before asOf. Malformed dates are skipped rather than thrown: one bad stored
 * row must not break the survey print-out, and skipping errs toward showing a gap, never a false 'current'.
 */
export function latestCompletion(records: readonly CompletionRecord[], asOf: string): string | undefined {
  let latest: string | undefined;
  for (const record of records) {
    const date = record.completedOn;
    if (date > asOf || (latest !== undefined && date <= latest) || !isIsoDate(date)) continue;
    latest = date;
  }
  return latest;
}

/** The record that decides: latest completion (issue) on or before asOf; on a tie, the later expiry. */
function latestRecord(records: readonly CompletionRecord[], asOf: string): CompletionRecord | undefined {
  let latest: CompletionRecord | undefined;
  for (const record of records) {
    const date = record.completedOn;
    if (date > asOf || !isIsoDate(date)) continue;
    if (latest === undefined || date > latest.completedOn || (date === latest.completedOn && (record.expiresOn ?? '') > (latest.expiresOn ?? ''))) latest = record;
  }
  return latest;
}

function assertDateArg(name: string, value: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${name} must be a YYYY-MM-DD date, got ${JSON.stringify(value)}`);
}

/**
 * Status from the records alone, ignoring whether the course applies to the role. Used by statusOf
 * and by checks that care whether someone holds a valid certificate (shift CPR coverage).
 */
export function validityStatus(
  validity: StatusValidity,
  hireDate: string | null,
  records: readonly CompletionRecord[],
  asOf: string,
  windowDays: number,
): ComplianceResult {
  assertDateArg('asOf', asOf);
  if (!Number.isInteger(windowDays) || windowDays < 0) {
    throw new RangeError(`windowDays must be a non-negative integer, got ${windowDays}`);
  }
  if (validity.kind === 'until_expiry') {
    const held = latestRecord(records, asOf);
    if (held === undefined) return { status: 'missing' };
    const expiresOn = held.expiresOn;
    if (expiresOn === undefined || expiresOn === null || !isIsoDate(expiresOn)) return { status: 'missing', completedOn: held.completedOn };
    return expiryStatus(held.completedOn, expiresOn, asOf, windowDays);
  }

  const completedOn = latestCompletion(records, asOf);

  if (validity.kind === 'once_within_days_of_hire') {
    if (completedOn !== undefined) return { status: 'current', completedOn };
    if (hireDate === null || !isIsoDate(hireDate)) return { status: 'missing' };
    const dueOn = addDays(hireDate, validity.days);
    return { status: asOf > dueOn ? 'missing' : 'expiring', dueOn };
  }

  if (completedOn === undefined) return { status: 'missing' };
  return expiryStatus(completedOn, addMonths(completedOn, validity.months), asOf, windowDays);
}

/** Expired on the expiry date itself, expiring inside the window before it, current before that. */
function expiryStatus(completedOn: string, expiresOn: string, asOf: string, windowDays: number): ComplianceResult {
  if (asOf >= expiresOn) return { status: 'expired', completedOn, expiresOn };
  if (asOf >= addDays(expiresOn, -windowDays)) return { status: 'expiring', completedOn, expiresOn };
  return { status: 'current', completedOn, expiresOn };
}

/** Status of one staff member × one course as of a date, with an "expiring soon" window in days. */
export function statusOf(input: ComplianceInput, asOf: string, windowDays: number): ComplianceResult {
  assertDateArg('asOf', asOf);
  if (!courseAppliesTo(input.course, input.role)) return { status: 'not_required' };
  return validityStatus(input.course.validity, input.hireDate, input.records, asOf, windowDays);
}

/** True while a certificate is valid on `asOf` ('expiring' is still valid). */
export function isValidOn(result: ComplianceResult): boolean {
  return result.status === 'current' || result.status === 'expiring';
}
