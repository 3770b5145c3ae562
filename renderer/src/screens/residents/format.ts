import type { CensusRow, Location } from '../../../../shared/contract/residents';
import { formatDate } from '../../../../shared/domain/date-display';
import i18next from 'i18next';
import { t } from '../../i18n';

/** "O'Brien, José (Pepe)": legal family and given name, preferred name when there is one. */
export function residentName(r: Pick<CensusRow, 'legalGiven' | 'legalFamily' | 'preferredName'>): string {
  const base = `${r.legalFamily}, ${r.legalGiven}`;
  return r.preferredName ? `${base} (${r.preferredName})` : base;
}

const DOB = '\u0001';
const AGE = '\u0002';
const dobTemplates = new Map<string, string>();
i18next.on('languageChanged', () => dobTemplates.clear());

/**
 * "Mar 4, 1941 (85 y)". The census writes one per row in view: the words around the date and age are
 * looked up once per language (as a template), not through i18next's interpolation on every row.
 */
export function dobWithAge(r: Pick<CensusRow, 'dateOfBirth' | 'age'>, language: string): string {
  let template = dobTemplates.get(i18next.language);
  if (template === undefined) dobTemplates.set(i18next.language, (template = t('residents.dobWithAge', { dob: DOB, age: AGE })));
  return template.replace(DOB, () => formatDate(r.dateOfBirth, language)).replace(AGE, () => String(r.age));
}

export function placeText(l: Location | null): string {
  return l ? t('residents.place', { unit: l.unitName, room: l.roomLabel, bed: l.bedLabel }) : t('residents.noBed');
}

export function roomText(l: Location | null): string {
  return l ? `${l.roomLabel}-${l.bedLabel}` : t('residents.noBed');
}
