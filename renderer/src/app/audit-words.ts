import type { Words } from '../../../shared/domain/privacy/audit-labels';
import { useTranslation } from '../i18n';
import { useDates } from './dates';

/** The audit labels' words in the renderer: i18next in the reader's language, the app's one date display. */
export function useAuditWords(): Words {
  const { t, i18n } = useTranslation();
  const { date, dateTime } = useDates();
  return {
    t: (keys, params) => t(typeof keys === 'string' ? keys : [...keys], params ?? {}),
    has: (key) => i18n.exists(key),
    date: (iso) => date(iso),
    dateTime,
  };
}
