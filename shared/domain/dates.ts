/**
 * Calendar-date arithmetic on 'YYYY-MM-DD' strings. Dates of birth, status dates and training
 * completions are civil dates with no time or zone, so this works on day numbers instead of Date
 * objects: no time zone or DST can move a date.
 * Valid ISO strings compare correctly with < and >, which the rest of the module relies on.
 */

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}
export type CalendarDate = CivilDate;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function civil(year: number, month: number, day: number): CivilDate | null {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Strict: exactly 'YYYY-MM-DD' and a real calendar day (no 2023-02-29). */
export function parseIsoDate(text: string): CivilDate | null {
  // Char-code checks instead of a regex: this runs for every record of the matrix and every import row.
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return null;
  return civil(year, month, day);
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && parseIsoDate(value) !== null;
}

/**
 * The dates a view may be asked "as of" (a survey date, a shift date). Before 1950 no training record
 * can exist (completions before it are refused as typos), and past 2199 nothing is a plan; outside them
 * the date arithmetic would also leave the four-digit years ISO dates have (0001-01-01 − 12 months).
 * A half-typed year (0002, 0202 on the way to 2026) is outside too, so the screens wait for a whole date.
 */
export const AS_OF_RANGE = { min: '1950-01-01', max: '2199-12-31' } as const;

export function isAsOfDate(value: unknown): value is string {
  return isIsoDate(value) && value >= AS_OF_RANGE.min && value <= AS_OF_RANGE.max;
}

export function formatIsoDate(date: CivilDate): string {
  const y = String(date.year).padStart(4, '0');
  const m = String(date.month).padStart(2, '0');
  const d = String(date.day).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function requireIso(text: string): CivilDate {
  const date = parseIsoDate(text);
  if (date === null) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(text)}`);
  return date;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian, integers only.
function toDayNumber({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function addDays(iso: string, days: number): string {
  return formatIsoDate(fromDayNumber(toDayNumber(requireIso(iso)) + days));
}

/**
 * Same rule as date-fns addMonths: the day is clamped to the end of a shorter month, so
 * 2024-02-29 + 12 months = 2025-02-28 and 2024-01-31 + 1 month = 2024-02-29.
 */
export function addMonths(iso: string, months: number): string {
  const { year, month, day } = requireIso(iso);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(requireIso(to)) - toDayNumber(requireIso(from));
}

/** Like parseIsoDate, for callers whose input was validated already: a bad date is a bug, so it throws. */
export function requireIsoDate(value: string, name: string): CivilDate {
  const parsed = parseIsoDate(value);
  if (!parsed) throw new RangeError(`${name} is not a valid YYYY-MM-DD date: ${JSON.stringify(value)}`);
  return parsed;
}

// "Today" for a date of birth or a status change is the facility's calendar date, not the
// server's or UTC's: at 20:00 in Chicago it is already tomorrow in UTC.
// Building an Intl.DateTimeFormat costs tens of microseconds; a facility has one zone, so keep it.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function calendarDateIn(instant: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}
