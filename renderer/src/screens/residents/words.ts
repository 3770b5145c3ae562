import i18next from 'i18next';
import { t } from '../../i18n';

const cache = new Map<string, string>();
i18next.on('languageChanged', () => cache.clear());

/**
 * The translation of a key without interpolation, kept per language: a census page renders the
 * same few dozen words (statuses, risks, code statuses, severities) hundreds of times, and each
 * lookup through i18next costs more than the cell it fills.
 */
export function word(key: string): string {
  const id = `${i18next.language}\u0000${key}`;
  let w = cache.get(id);
  if (w === undefined) cache.set(id, (w = (t as (k: string) => string)(key)));
  return w;
}
