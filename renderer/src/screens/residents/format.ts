import type { CensusRow, Location } from '../../../../shared/contract/residents';
import { formatDate } from '../../../../shared/domain/date-display';
import { t } from '../../i18n';

/** "O'Brien, José (Pepe)": legal family and given name, preferred name when there is one. */
export function residentName(r: Pick<CensusRow, 'legalGiven' | 'legalFamily' | 'preferredName'>): string {
  const base = `${r.legalFamily}, ${r.legalGiven}`;
  return r.preferredName ? `${base} (${r.preferredName})` : base;
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
