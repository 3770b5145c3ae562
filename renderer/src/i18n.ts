import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { formatClock } from '../../shared/domain/date-display';
import { catalogs } from '../../shared/i18n';
import { localShiftName } from '../../shared/i18n/shift-names';
import type { AppError, FieldIssue } from '../../shared/result';

export type Language = 'en' | 'es';
const STORAGE_KEY = 'caredesk.language';

export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'es') return stored;
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: catalogs.en }, es: { translation: catalogs.es } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}
document.documentElement.lang = i18next.language;

export { useTranslation };
export const t = i18next.t.bind(i18next);

let facilityTimeZone: string | undefined;
/** The facility's zone, for every time the app shows (set once the facility is known). */
export function setFacilityTimeZone(tz: string | undefined): void {
  facilityTimeZone = tz;
}

/** "14:02" (or "2:02 PM") in the facility's zone, in the current language. */
export function clockTime(iso: string): string {
  return formatClock(iso, i18next.language, facilityTimeZone);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The words for an error from main: its message key with its params, in the current language. */
export function errorText(error: AppError): string {
  // Instants in a message (who changed a record at what time, since when the server is gone) read as clock times.
  const params = Object.fromEntries(Object.entries(error.params ?? {}).map(([k, v]) => [k, typeof v === 'string' && ISO_INSTANT.test(v) ? clockTime(v) : v]));
  return i18next.t(error.message, { ...params, defaultValue: i18next.t('error.internal') });
}

/** Areas whose catalogs carry their own field codes under `<area>.field`; the shared `field` block wins. */
const AREA_FIELD_CODES = ['training', 'transport', 'recovery'];

export function fieldText(issue: FieldIssue): string {
  const keys = [`field.${issue.code}`, ...AREA_FIELD_CODES.map((area) => `${area}.field.${issue.code}`)];
  return i18next.t(keys, { ...issue.params, defaultValue: i18next.t('field.invalid') });
}

/** Maps field issues to { 'path': message } for react-aria's Form validationErrors. */
export function fieldErrors(error: AppError | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of error?.fields ?? []) out[f.path] ??= fieldText(f);
  return out;
}

/** A shift's name as the reader says it (the wizard's defaults translated; a facility's own names as written). */
export function shiftName(name: string): string {
  return localShiftName(name, i18next.language);
}
