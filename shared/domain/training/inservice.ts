/**
 * CNA in-service hours over a rolling 12 months.
 *
 * Window: completions in (asOf − 12 months, asOf], i.e. from the day after the same calendar date one
 * year earlier through asOf inclusive. asOf 2025-03-15 counts 2024-03-16 … 2025-03-15. The 12 months
 * are subtracted with month-end clamping (2024-02-29 − 12 months = 2023-02-28, so the window starts
 * 2023-03-01). Records dated after asOf are ignored, like everywhere else in this module.
 */
import { addDays, addMonths } from '../dates';

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

/** Hours still needed to reach the minimum; 0 when met. */
export function inServiceShortfall(hours: number, minimum: number = DEFAULT_IN_SERVICE_MINIMUM_HOURS): number {
  const short = Math.round(minimum * 100) - Math.round(hours * 100);
  return short > 0 ? short / 100 : 0;
}
