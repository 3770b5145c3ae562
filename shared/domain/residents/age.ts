import { formatIsoDate, parseIsoDate, requireIsoDate } from '../dates';

export const MAX_PLAUSIBLE_AGE_YEARS = 120;

// Whole years completed on `onDate`.
//
// Feb 29 birthdays: in a non-leap year the birthday is deemed to be March 1, so on Feb 28 the
// resident is still the younger age. We chose March 1 because it is the rule that never credits a
// year before a full year has elapsed (Feb 28 is one day short of the anniversary), it is the
// statutory rule in England & Wales, Hong Kong and several US states, and it falls straight out of
// comparing (month, day) pairs, so there is no special case to get wrong. Age here is for display
// and rough eligibility hints; a legal determination belongs to whoever owns it.
export function ageOn(dateOfBirth: string, onDate: string): number {
  const birth = requireIsoDate(dateOfBirth, 'dateOfBirth');
  const on = requireIsoDate(onDate, 'onDate');
  if (onDate < dateOfBirth) {
    throw new RangeError(`onDate ${onDate} is before dateOfBirth ${dateOfBirth}`);
  }
  const hadBirthdayThisYear =
    on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthdayThisYear ? 0 : 1);
}

export type DateOfBirthCheck =
  | { ok: true }
  | { ok: false; reason: 'invalid_date' | 'in_future' | 'too_old' };

// A date of birth on today's date is accepted (a newborn is implausible in a care home, but not
// impossible in respite care, and rejecting it would be a data-entry rule, not a fact).
// "Too old" means born strictly before the date exactly 120 years before today; that date itself
// is accepted. The oldest verified human lived to 122, so this catches typos like 1852 for 1952
// while the UI can still offer an override path if one is ever needed.
export function validateDateOfBirth(dateOfBirth: string, today: string): DateOfBirthCheck {
  const todayDate = requireIsoDate(today, 'today');
  if (!parseIsoDate(dateOfBirth)) return { ok: false, reason: 'invalid_date' };
  if (dateOfBirth > today) return { ok: false, reason: 'in_future' };
  if (dateOfBirth < earliestPlausibleBirthDate(todayDate.year, todayDate.month, todayDate.day)) {
    return { ok: false, reason: 'too_old' };
  }
  return { ok: true };
}

function earliestPlausibleBirthDate(year: number, month: number, day: number): string {
  const limitYear = year - MAX_PLAUSIBLE_AGE_YEARS;
  // Sorts before every valid date, so nothing is too old.
  if (limitYear < 1) return '0000';
  // Today = Feb 29 and the limit year is not leap: fall back to Feb 28 (the last real day).
  const limit = parseIsoDate(formatIsoDate({ year: limitYear, month, day }));
  return limit ? formatIsoDate(limit) : formatIsoDate({ year: limitYear, month: 2, day: 28 });
}
