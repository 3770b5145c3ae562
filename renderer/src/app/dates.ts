import { formatDate, formatDateTime } from '../../../shared/domain/date-display';
import { useTranslation } from '../i18n';
import { useFacilityFormat } from './facility';

/**
 * The app's one date display (shared/domain/date-display) bound to the reader's language and the
 * facility's clock: `date('2026-12-02')` → "Dec 2, 2026" / "2 dic 2026"; `dateTime(instant)` adds the
 * facility's wall-clock time. Every screen shows dates through these.
 */
export function useDates(): { date(iso: string | null): string; dateTime(instant: string): string } {
  const { i18n } = useTranslation();
  const { timeZone } = useFacilityFormat();
  const lang = i18n.language;
  return { date: (iso) => (iso === null ? '' : formatDate(iso, lang)), dateTime: (instant) => formatDateTime(instant, lang, timeZone) };
}
