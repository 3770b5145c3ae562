/**
 * CSV import of training records: parsed rows (csv/parse) + a column mapping (csv/columns) →
 * validated candidates, per-cell errors with the file's line numbers, and in-file duplicates.
 *
 * Decisions a caller relies on:
 * - Cells are trimmed; rows whose cells are all blank are skipped silently (spreadsheet padding).
 * - Employee ids match exactly after trimming, falling back to a case-insensitive match. Leading zeros
 *   are significant (Excel dropping them shows up as 'unknown_employee', which is the right prompt).
 * - Courses match by code or name ignoring case, accents, spaces and punctuation ("CPR/BLS" = "cpr bls");
 *   a key shared by two different courses is 'ambiguous_course' rather than a guess.
 * - Dates: year-first (YYYY-MM-DD) always; day-month dates (03/04/2026) by the file's date format — the
 *   caller's choice, else the one every date of the file agrees on (csv/dates). When neither decides it
 *   the rows are read month-first and `dates.state` is 'unconfirmed': a preview may show that reading,
 *   a commit must not write it. Anything else is 'invalid_date'.
 * - Hours: optional; '.' or ',' as decimal separator.
 * - A row with any error is left out of `rows`; all of its errors are reported.
 * - Duplicates are valid rows repeating (staffId, courseId, completedOn) of an earlier valid row in the
 *   same file: the first is kept in `rows`, the repeats are listed in `duplicates` and left out. Matching
 *   against records already in the database is the caller's job.
 */
import { normalizeLabel } from '../csv/columns';
import { detectDateFormat, parseDateAs, resolveDateReading, type DateReading, type ImportDateFormat } from '../csv/dates';
import type { CsvRow } from '../csv/parse';
import { parseIsoDate } from '../dates';
import { TRAINING_RECORD_LIMITS, validateCompletedOn, validateHours, validateOptionalText } from './validate';
import type { TrainingIssueCode, TrainingRecordInput } from './validate';

export const TRAINING_IMPORT_FIELDS = [
  'employeeId',
  'course',
  'completedOn',
  'hours',
  'provider',
  'certificateNumber',
] as const;

export type TrainingImportField = (typeof TRAINING_IMPORT_FIELDS)[number];

export const TRAINING_IMPORT_REQUIRED: readonly TrainingImportField[] = ['employeeId', 'course', 'completedOn'];

/** Header aliases for mapColumns, most specific first (a bare "id" or "date" is the last resort). */
export const TRAINING_IMPORT_ALIASES: Readonly<Record<TrainingImportField, readonly string[]>> = {
  employeeId: ['employee id', 'employee number', 'employee no', 'emp id', 'staff id', 'badge number', 'badge', 'id'],
  course: ['course', 'course code', 'course name', 'training', 'training name', 'class'],
  completedOn: ['completed on', 'completion date', 'date completed', 'completed', 'training date', 'date'],
  hours: ['hours', 'credit hours', 'ceu hours', 'contact hours', 'duration hours', 'duration'],
  provider: ['provider', 'training provider', 'trainer', 'instructor', 'vendor', 'issued by'],
  certificateNumber: ['certificate number', 'certificate no', 'cert number', 'cert no', 'certificate', 'cert'],
};

export type TrainingImportErrorCode = TrainingIssueCode | 'unknown_employee' | 'unknown_course' | 'ambiguous_course';

export interface TrainingImportError {
  line: number;
  field: TrainingImportField;
  code: TrainingImportErrorCode;
  /** The trimmed cell text, for showing next to the message. */
  value: string;
}

/** A record as the manual form would send it, plus the CSV line it came from. */
export interface TrainingImportCandidate extends TrainingRecordInput {
  line: number;
}

export interface TrainingImportDuplicate {
  line: number;
  /** Line of the earlier row that is kept. */
  firstLine: number;
}

export interface TrainingImportResult {
  rows: TrainingImportCandidate[];
  errors: TrainingImportError[];
  duplicates: TrainingImportDuplicate[];
  /** How the completion dates were read. */
  dates: DateReading;
}

export interface TrainingImportInput {
  rows: readonly CsvRow[];
  mapping: Readonly<Record<TrainingImportField, number | undefined>>;
  /** Employee id as HR writes it → staff id. */
  staffByEmployeeId: ReadonlyMap<string, string>;
  /** Course code and/or name (raw; normalized here) → course id. */
  courseByKey: ReadonlyMap<string, string>;
  /** Facility-local date; completions after it are 'in_future'. */
  today: string;
  /** The person's choice of day-month order; null to detect it from the file. */
  dateFormat?: ImportDateFormat | null;
}

/** Lookup keys for courseByKey: every course under its code and its name. */
export function buildCourseKeyMap(courses: readonly { id: string; code: string; name: string }[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const course of courses) {
    map.set(course.code, course.id);
    map.set(course.name, course.id);
  }
  return map;
}

/** Normalized key → id, with null marking keys claimed by two different ids. */
function foldKeys(source: ReadonlyMap<string, string>, fold: (key: string) => string): Map<string, string | null> {
  const folded = new Map<string, string | null>();
  for (const [key, id] of source) {
    const k = fold(key);
    if (k === '') continue;
    const existing = folded.get(k);
    folded.set(k, existing === undefined || existing === id ? id : null);
  }
  return folded;
}

const HOURS = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/** The trimmed cells of one column, for date-format detection. */
export function* columnCells(rows: readonly CsvRow[], index: number | undefined): Generator<string> {
  if (index === undefined) return;
  for (const row of rows) yield (row.cells[index] ?? '').trim();
}

function isBlankRow(cells: readonly string[]): boolean {
  for (const cell of cells) {
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      // Same whitespace set as String.prototype.trim for the characters spreadsheets emit.
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xa0 && c !== 0xfeff) return false;
    }
  }
  return true;
}

export function importTrainingRows(input: TrainingImportInput): TrainingImportResult {
  const { mapping, today } = input;
  if (parseIsoDate(today) === null) throw new RangeError(`today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`);

  const staffExact = input.staffByEmployeeId;
  const staffFolded = foldKeys(staffExact, (key) => key.trim().toLowerCase());
  const courses = foldKeys(input.courseByKey, normalizeLabel);
  // Files repeat the same few course labels thousands of times; normalizing each once keeps 100k rows fast.
  const courseCache = new Map<string, string | null | false>(); // false: no such course
  // Same for dates: a file usually holds a few hundred distinct session dates.
  const dateCache = new Map<string, { iso: string | null; code: TrainingIssueCode | null }>();
  const dates = resolveDateReading(detectDateFormat(columnCells(input.rows, mapping.completedOn)), input.dateFormat ?? null);

  const rows: TrainingImportCandidate[] = [];
  const errors: TrainingImportError[] = [];
  const duplicates: TrainingImportDuplicate[] = [];
  const firstLineByKey = new Map<string, number>();

  const iEmployee = mapping.employeeId;
  const iCourse = mapping.course;
  const iDate = mapping.completedOn;
  const iHours = mapping.hours;
  const iProvider = mapping.provider;
  const iCert = mapping.certificateNumber;

  for (const row of input.rows) {
    const cells = row.cells;
    if (isBlankRow(cells)) continue;
    const cell = (index: number | undefined): string => (index === undefined ? '' : (cells[index] ?? '').trim());
    const line = row.line;
    const errorCountBefore = errors.length;
    const fail = (field: TrainingImportField, code: TrainingImportErrorCode, value: string): void => {
      errors.push({ line, field, code, value });
    };

    const employee = cell(iEmployee);
    let staffId: string | undefined;
    if (employee === '') fail('employeeId', 'required', employee);
    else {
      staffId = staffExact.get(employee) ?? staffFolded.get(employee.toLowerCase()) ?? undefined;
      if (staffId === undefined) fail('employeeId', 'unknown_employee', employee);
    }

    const courseText = cell(iCourse);
    let courseId: string | undefined;
    if (courseText === '') fail('course', 'required', courseText);
    else {
      let match = courseCache.get(courseText);
      if (match === undefined) {
        const found = courses.get(normalizeLabel(courseText));
        match = found === undefined ? false : found;
        courseCache.set(courseText, match);
      }
      if (match === null) fail('course', 'ambiguous_course', courseText);
      else if (match === false) fail('course', 'unknown_course', courseText);
      else courseId = match;
    }

    const dateText = cell(iDate);
    let completedOn: string | null = null;
    if (dateText === '') fail('completedOn', 'required', dateText);
    else {
      let parsed = dateCache.get(dateText);
      if (parsed === undefined) {
        const iso = parseDateAs(dateText, dates.format);
        parsed = { iso, code: iso === null ? 'invalid_date' : validateCompletedOn(iso, today) };
        dateCache.set(dateText, parsed);
      }
      if (parsed.code !== null) fail('completedOn', parsed.code, dateText);
      else completedOn = parsed.iso;
    }

    const hoursText = cell(iHours);
    let hours: number | null = null;
    if (hoursText !== '') {
      hours = HOURS.test(hoursText) ? Number(hoursText.replace(',', '.')) : Number.NaN;
      const code = validateHours(hours);
      if (code !== null) fail('hours', code, hoursText);
    }

    const provider = cell(iProvider);
    const providerCode = validateOptionalText(provider, TRAINING_RECORD_LIMITS.providerMaxChars);
    if (providerCode !== null) fail('provider', providerCode, provider);

    const certificate = cell(iCert);
    const certificateCode = validateOptionalText(certificate, TRAINING_RECORD_LIMITS.certificateNumberMaxChars);
    if (certificateCode !== null) fail('certificateNumber', certificateCode, certificate);

    if (errors.length > errorCountBefore || staffId === undefined || courseId === undefined || completedOn === null) {
      continue;
    }

    const key = `${staffId}\u0000${courseId}\u0000${completedOn}`;
    const firstLine = firstLineByKey.get(key);
    if (firstLine !== undefined) {
      duplicates.push({ line, firstLine });
      continue;
    }
    firstLineByKey.set(key, line);
    rows.push({
      line,
      staffId,
      courseId,
      completedOn,
      hours,
      provider: provider === '' ? null : provider,
      certificateNumber: certificate === '' ? null : certificate,
    });
  }

  return { rows, errors, duplicates, dates };
}
