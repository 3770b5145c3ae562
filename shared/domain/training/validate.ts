/**
 * Validation of one training record, shared by the entry form and the CSV import so both reject the
 * same things with the same codes (the UI maps codes to translated messages).
 */
import { isIsoDate } from '../dates';

export type TrainingRecordField = 'staffId' | 'courseId' | 'completedOn' | 'hours' | 'provider' | 'certificateNumber';

/**
 * Stable codes. Beyond the basic five, 'invalid_number' (hours that are not a finite number) and
 * 'too_precise' (more than 2 decimals) exist so the message can say what to fix.
 */
export type TrainingIssueCode =
  | 'required'
  | 'invalid_date'
  | 'in_future'
  | 'out_of_range'
  | 'too_long'
  | 'invalid_number'
  | 'too_precise';

export interface TrainingRecordIssue {
  field: TrainingRecordField;
  code: TrainingIssueCode;
}

export interface TrainingRecordInput {
  staffId: string;
  courseId: string;
  completedOn: string;
  /** Optional: certification courses often carry no hours. */
  hours: number | null;
  provider: string | null;
  certificateNumber: string | null;
}

export const TRAINING_RECORD_LIMITS = {
  /** Earlier dates are typos (1925 for 2025), not real certificates. */
  earliestCompletion: '1950-01-01',
  minHours: 0,
  /** One sitting cannot exceed a day. */
  maxHours: 24,
  hoursDecimals: 2,
  certificateNumberMaxChars: 64,
  providerMaxChars: 120,
} as const;

/** Length in code points, so an accented or emoji character counts once, as the user sees it. */
function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function hasAtMostTwoDecimals(value: number): boolean {
  const scaled = value * 100;
  // Tolerance absorbs binary float noise (0.29 * 100 = 28.999999999999996).
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

export function validateHours(hours: number | null): TrainingIssueCode | null {
  if (hours === null) return null;
  if (typeof hours !== 'number' || !Number.isFinite(hours)) return 'invalid_number';
  if (hours < TRAINING_RECORD_LIMITS.minHours || hours > TRAINING_RECORD_LIMITS.maxHours) return 'out_of_range';
  if (!hasAtMostTwoDecimals(hours)) return 'too_precise';
  return null;
}

export function validateCompletedOn(completedOn: string, today: string): TrainingIssueCode | null {
  if (completedOn.trim() === '') return 'required';
  if (!isIsoDate(completedOn)) return 'invalid_date';
  if (completedOn > today) return 'in_future';
  if (completedOn < TRAINING_RECORD_LIMITS.earliestCompletion) return 'out_of_range';
  return null;
}

export function validateOptionalText(text: string | null, max: number): TrainingIssueCode | null {
  if (text === null) return null;
  const trimmed = text.trim();
  return trimmed.length > max && charCount(trimmed) > max ? 'too_long' : null;
}

/** Issues in field order; empty when the record may be saved. `today` is the facility's local date. */
export function validateTrainingRecord(input: TrainingRecordInput, today: string): TrainingRecordIssue[] {
  if (!isIsoDate(today)) throw new RangeError(`today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`);
  const issues: TrainingRecordIssue[] = [];
  const add = (field: TrainingRecordField, code: TrainingIssueCode | null): void => {
    if (code !== null) issues.push({ field, code });
  };
  add('staffId', input.staffId.trim() === '' ? 'required' : null);
  add('courseId', input.courseId.trim() === '' ? 'required' : null);
  add('completedOn', validateCompletedOn(input.completedOn, today));
  add('hours', validateHours(input.hours));
  add('provider', validateOptionalText(input.provider, TRAINING_RECORD_LIMITS.providerMaxChars));
  add('certificateNumber', validateOptionalText(input.certificateNumber, TRAINING_RECORD_LIMITS.certificateNumberMaxChars));
  return issues;
}
