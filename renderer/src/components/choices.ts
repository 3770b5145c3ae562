import type { TFunction } from 'i18next';
import type { Language } from '../i18n';

/** The option lists several forms share, so a label is worded (and translated) once. */
export const paperSizeOptions = (t: TFunction) =>
  [
    { value: 'letter', label: t('setup.paper.letter') },
    { value: 'a4', label: t('setup.paper.a4') },
  ] as const satisfies readonly { value: 'letter' | 'a4'; label: string }[];

export const languageOptions = (t: TFunction) =>
  [
    { value: 'en', label: t('app.languages.en') },
    { value: 'es', label: t('app.languages.es') },
  ] as const satisfies readonly { value: Language; label: string }[];

/** IANA zones known to this Chromium; Electron ships the same ICU data. */
export function timeZoneOptions(): { value: string; label: string }[] {
  const zones = Intl.supportedValuesOf?.('timeZone') ?? [];
  return (zones.length ? zones : ['UTC']).map((z) => ({ value: z, label: z }));
}
