/**
 * Shift CPR coverage: every shift needs at least one person on duty with a valid CPR/BLS certificate.
 *
 * What counts is holding a valid certificate on the shift date ('current' or 'expiring'), regardless of
 * whether the catalog requires CPR for that person's role. A schedule that was entered but lists nobody
 * is a failure, not "unknown": only a missing schedule (null) is unknown.
 */
import type { CourseValidity } from './catalog';
import { isValidOn, validityStatus } from './status';
import type { CompletionRecord } from './status';

export interface ShiftCoverageInput {
  shiftDate: string;
  /** Staff ids on duty; null when no schedule has been entered for the shift. */
  onDutyStaffIds: readonly string[] | null;
  /** Validity of the CPR course from the facility's catalog (code 'cpr_bls'). */
  cprValidity: CourseValidity;
  /** CPR completions per staff id; staff without an entry have none. */
  cprRecordsByStaffId: ReadonlyMap<string, readonly CompletionRecord[]>;
}

export type ShiftCoverageResult =
  | { ok: true; coveredBy: string[] }
  | { ok: false; reason: 'no_current_cpr' }
  | { ok: 'unknown' };

export function shiftCprCoverage(input: ShiftCoverageInput): ShiftCoverageResult {
  if (input.onDutyStaffIds === null) return { ok: 'unknown' };
  const coveredBy: string[] = [];
  for (const staffId of new Set(input.onDutyStaffIds)) {
    const records = input.cprRecordsByStaffId.get(staffId) ?? [];
    // The window only splits current/expiring, both valid, so its value does not matter here.
    if (isValidOn(validityStatus(input.cprValidity, null, records, input.shiftDate, 0))) coveredBy.push(staffId);
  }
  return coveredBy.length > 0 ? { ok: true, coveredBy } : { ok: false, reason: 'no_current_cpr' };
}
