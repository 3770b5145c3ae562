import type { CensusRow, Location } from '../../../../shared/contract/residents';
import { calendarDateIn } from '../../../../shared/domain/dates';
import { t } from '../../i18n';

/** "O'Brien, José (Pepe)": legal family and given name, preferred name when there is one. */
export function residentName(r: Pick<CensusRow, 'legalGiven' | 'legalFamily' | 'preferredName'>): string {
  const base = `${r.legalFamily}, ${r.legalGiven}`;
  return r.preferredName ? `${base} (${r.preferredName})` : base;
}

// Building an Intl.DateTimeFormat costs far more than using one; the census formats thousands of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A calendar date in the reader's language; UTC on both sides so no zone shifts the day. */
export function formatDate(iso: string, language: string): string {
  let f = formatters.get(language);
  if (!f) formatters.set(language, (f = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' })));
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return f.format(new Date(Date.UTC(y, m - 1, d)));
}

export function dobWithAge(r: Pick<CensusRow, 'dateOfBirth' | 'age'>, language: string): string {
  return t('residents.dobWithAge', { dob: formatDate(r.dateOfBirth, language), age: r.age });
}

export function placeText(l: Location | null): string {
  return l ? t('residents.place', { unit: l.unitName, room: l.roomLabel, bed: l.bedLabel }) : t('residents.noBed');
}

export function roomText(l: Location | null): string {
  return l ? `${l.roomLabel}-${l.bedLabel}` : t('residents.noBed');
}

export function allergyText(a: CensusRow['allergies']): string {
  if (a.state === 'not_recorded') return t('residents.allergy.notRecorded');
  if (a.state === 'nka') return t('residents.allergy.nka');
  return a.text ?? '';
}

/**
 * Today in the facility's time zone, as the default for date fields: main measures "in the future"
 * against the facility's day, and a station whose clock zone differs must not default to tomorrow.
 */
export function localToday(timeZone?: string): string {
  return calendarDateIn(new Date(), timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}
