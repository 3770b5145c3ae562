/**
 * CNA in-service hours over a rolling 12 months.
 *
 * Window: completions in (asOf − 12 months, asOf], i.e. from the day after the same calendar date one
 * year earlier through asOf inclusive. asOf 2025-03-15 counts 2024-03-16 … 2025-03-15. The 12 months
 * are subtracted with month-end clamping (2024-02-29 − 12 months = 2023-02-28, so the window starts
 * 2023-03-01). Records dated after asOf are ignored, like everywhere else in this module.
 *
 * Someone employed for less than a year cannot have done a year's hours: for them hours are counted from
 * the hire date, and the minimum is prorated by the whole months employed (12 h a year = 1 h per full
 * month), so an aide hired 13 days ago owes nothing yet and one hired 7 months ago owes 7 h. From the
 * first anniversary on (hire + 12 months ≤ asOf) the full rolling window and the full minimum apply.
 */
import { addDays, addMonths, isIsoDate } from '../dates';
import type { StaffRole } from './vocabulary';

/** Roles whose annual in-service hours are tracked (the federal 12-hour rule is for nurse aides). */
export const IN_SERVICE_ROLES: readonly StaffRole[] = ['cna'];

export interface InServiceRecord {
  completedOn: string;
  /** Null when the record has no hours entered; counts as 0. */
  hours: number | null;
  countsAsInService: boolean;
}

export const DEFAULT_IN_SERVICE_MINIMUM_HOURS = 12;

/** Inclusive bounds of the rolling window ending on asOf. */
export function inServiceWindow(asOf: string): { startsOn: string; endsOn: string } {
  return { startsOn: addDays(addMonths(asOf, -12), 1), endsOn: asOf };
}

/** Summed in hundredths so 0.1 + 0.2 style float noise never shows up as 11.999999 hours. */
export function inServiceHours(records: readonly InServiceRecord[], asOf: string): number {
  const after = addMonths(asOf, -12);
  let hundredths = 0;
  for (const record of records) {
    if (!record.countsAsInService || record.hours === null || !Number.isFinite(record.hours)) continue;
    if (record.completedOn <= after || record.completedOn > asOf) continue;
    hundredths += Math.round(record.hours * 100);
  }
  return hundredths / 100;
}

export interface InServiceStanding {
  hours: number;
  /** The minimum that applies as of asOf: the full minimum after a year employed, else prorated. */
  requiredHours: number;
  shortfall: number;
  /** First day counted: the rolling window's start, or the hire date when that is later. */
  countsFrom: string;
  /** Whole months employed when under a year (0–11); null once the full year applies. */
  monthsEmployed: number | null;
}

/** Whole months from hire to asOf, capped at 12; month ends clamp like addMonths (Jan 31 + 1 = Feb 28). */
function wholeMonthsEmployed(hireDate: string, asOf: string): number {
  let months = 0;
  while (months < 12 && addMonths(hireDate, months + 1) <= asOf) months++;
  return months;
}

/**
 * Hours, the minimum that applies and the shortfall for one aide. A null or later-than-asOf hire date
 * (unknown, or bad data) gets the full window and minimum: the rule never excuses hours it cannot date.
 */
export function inServiceStanding(
  records: readonly InServiceRecord[],
  hireDate: string | null,
  asOf: string,
  minimum: number = DEFAULT_IN_SERVICE_MINIMUM_HOURS,
): InServiceStanding {
  const window = inServiceWindow(asOf);
  const months = hireDate === null || !isIsoDate(hireDate) || hireDate > asOf ? 12 : wholeMonthsEmployed(hireDate, asOf);
  if (months >= 12) {
    const hours = inServiceHours(records, asOf);
    return { hours, requiredHours: minimum, shortfall: inServiceShortfall(hours, minimum), countsFrom: window.startsOn, monthsEmployed: null };
  }
  const from = hireDate! > window.startsOn ? hireDate! : window.startsOn;
  const hours = inServiceHours(
    records.filter((r) => r.completedOn >= from),
    asOf,
  );
  const requiredHours = Math.round((minimum * 100 * months) / 12) / 100;
  return { hours, requiredHours, shortfall: inServiceShortfall(hours, requiredHours), countsFrom: from, monthsEmployed: months };
}

/** Hours still needed to reach the minimum; 0 when met. */
export function inServiceShortfall(hours: number, minimum: number = DEFAULT_IN_SERVICE_MINIMUM_HOURS): number {
  const short = Math.round(minimum * 100) - Math.round(hours * 100);
  return short > 0 ? short / 100 : 0;
}
