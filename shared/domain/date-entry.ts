/**
 * Reading a date as a person types it, in the facility's order (05/12/1941 is May 12 in a facility
 * that writes month first, 5 December in one that writes day first), checked at every keystroke so
 * a wrong date is named while the person is still in the field: month 13, day 45, 30 February, a
 * two-digit year, a year no resident or record can have. A browser date input turns "13/45/2026"
 * into the year 52026 or 275760; this never guesses. Pure, so every date field behaves the same and
 * the rules are tested on their own.
 */
import { daysInMonth, formatIsoDate } from './dates';

/** Which number comes first when a date is typed; ISO 'YYYY-MM-DD' is always accepted as well. */
export type DateOrder = 'mdy' | 'dmy';

export type DateEntryProblem =
  | 'date_format' // characters or a shape no date has
  | 'date_not_real' // month 13, day 45, 30 February
  | 'date_two_digit_year' // never guessed: 41 could be 1941 or 2041
  | 'date_year_range' // { min, max } years
  | 'date_too_early' // { date }: before the earliest date this field allows
  | 'date_too_late' // { date }: after the latest date this field allows
  | 'date_incomplete'; // left with part of a date in it

export type DateEntry =
  | { kind: 'empty' }
  /** Could still become a date: no message while the person is typing it. */
  | { kind: 'partial'; problem: 'date_incomplete' | 'date_two_digit_year' }
  | { kind: 'date'; iso: string }
  | { kind: 'invalid'; code: DateEntryProblem; params?: Record<string, string | number> };

/** The earliest and latest dates a field accepts, 'YYYY-MM-DD'. */
export interface DateBounds {
  min: string;
  max: string;
}

/** Dates nobody at a care facility writes: before 1900 or after 2099 is a typing slip. */
export const PLAUSIBLE_DATES: DateBounds = { min: '1900-01-01', max: '2099-12-31' };

/**
 * The facility's typing order. The facility has no setting of its own yet, so its default
 * language stands in for it: English → month first (US forms), Spanish → day first.
 */
export function dateOrderFor(facilityLanguage: string): DateOrder {
  return facilityLanguage === 'es' ? 'dmy' : 'mdy';
}

/** How a stored date is written back into a field: '05/12/1941' (mdy) or '12/05/1941' (dmy). */
export function typedDateText(iso: string, order: DateOrder): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return order === 'mdy' ? `${m[2]}/${m[3]}/${m[1]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

const SEPARATOR = /[/.\-\s]+/;
const year = (iso: string) => Number(iso.slice(0, 4));

interface Pieces {
  y: string;
  m: string;
  d: string;
  /** A month or day is checked once it is complete: two digits, or a separator after it. */
  mDone: boolean;
  dDone: boolean;
  /** Every piece is there (a one-digit day counts once the person has left the field). */
  complete: boolean;
}

/** Splits what was typed into year, month and day, or says no date has this shape. */
function piecesOf(t: string, order: DateOrder, final: boolean): Pieces | 'format' | 'maybe_year' {
  const endsOpen = /[/.\-\s]$/.test(t);
  const parts = t.split(SEPARATOR).filter((p) => p !== '');
  if (parts.length > 3 || (parts.length === 3 && endsOpen)) return 'format';
  const [first = '', second = '', third = ''] = parts;
  if (parts.length === 1 && !endsOpen) {
    // Digits only, MMDDYYYY or DDMMYYYY, as a quick typist enters a date of birth. "19" or "2026"
    // may be the start of a year-first date instead, so it is not judged until a fifth digit.
    if (first.length > 8) return 'format';
    if (first.length <= 4 && /^(19|20)/.test(first)) return 'maybe_year';
    const [a, b] = [first.slice(0, 2), first.slice(2, 4)];
    const [m, d] = order === 'mdy' ? [a, b] : [b, a];
    return { y: first.slice(4), m, d, mDone: m.length === 2, dDone: d.length === 2, complete: first.length === 8 };
  }
  if (/^\d{4}$/.test(first)) {
    // Year first is ISO 'YYYY-MM-DD', the same in every order.
    if (second.length > 2 || third.length > 2) return 'format';
    return {
      y: first,
      m: second,
      d: third,
      mDone: second.length === 2 || parts.length > 2 || (parts.length === 2 && endsOpen),
      dDone: third.length === 2 || (final && third !== ''),
      complete: third.length === 2 || (final && third !== ''),
    };
  }
  if (first.length > 2 || second.length > 2) return 'format';
  const aDone = first.length === 2 || parts.length > 1 || endsOpen;
  const bDone = second !== '' && (second.length === 2 || parts.length > 2 || endsOpen);
  const [m, d, mDone, dDone] = order === 'mdy' ? [first, second, aDone, bDone] : [second, first, bDone, aDone];
  return { y: third, m, d, mDone, dDone, complete: third.length >= 4 };
}

/**
 * Reads `text`. With `final` (the person left the field, or submits), a date that is only begun is
 * reported; while typing it is `partial` and quiet.
 */
export function readTypedDate(text: string, order: DateOrder, bounds: DateBounds = PLAUSIBLE_DATES, final = false): DateEntry {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  if (/[^0-9/.\-\s]/.test(t)) return { kind: 'invalid', code: 'date_format' };
  const p = piecesOf(t, order, final);
  if (p === 'format') return { kind: 'invalid', code: 'date_format' };
  if (p === 'maybe_year') return partialOrFinal(final, 'date_incomplete');
  if ((p.mDone && !inRange(p.m, 12)) || (p.dDone && !inRange(p.d, 31))) return { kind: 'invalid', code: 'date_not_real' };
  const [minYear, maxYear] = [year(bounds.min), year(bounds.max)];
  if (p.y.length > 4 || (p.y.length === 4 && (Number(p.y) < minYear || Number(p.y) > maxYear))) {
    return { kind: 'invalid', code: 'date_year_range', params: { min: minYear, max: maxYear } };
  }
  if (!p.complete) return partialOrFinal(final, p.y.length === 2 && p.m !== '' && p.d !== '' ? 'date_two_digit_year' : 'date_incomplete');
  const [yy, mm, dd] = [Number(p.y), Number(p.m), Number(p.d)];
  if (!inRange(p.m, 12) || !inRange(p.d, daysInMonth(yy, mm))) return { kind: 'invalid', code: 'date_not_real' };
  const iso = formatIsoDate({ year: yy, month: mm, day: dd });
  if (iso < bounds.min) return { kind: 'invalid', code: 'date_too_early', params: { date: bounds.min } };
  if (iso > bounds.max) return { kind: 'invalid', code: 'date_too_late', params: { date: bounds.max } };
  return { kind: 'date', iso };
}

function inRange(digits: string, max: number): boolean {
  const n = Number(digits);
  return digits !== '' && n >= 1 && n <= max;
}

function partialOrFinal(final: boolean, problem: 'date_incomplete' | 'date_two_digit_year'): DateEntry {
  return final ? { kind: 'invalid', code: problem } : { kind: 'partial', problem };
}
