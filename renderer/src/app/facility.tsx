import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Facility } from '../../../shared/contract/facility';
import { dateOrderFor, type DateOrder } from '../../../shared/domain/date-entry';
import { addMonths, calendarDateIn } from '../../../shared/domain/dates';
import { call } from '../api/client';
import { useTranslation } from '../i18n';

/** How this facility writes dates and tells time, for every field and every date shown. */
export interface FacilityFormat {
  dateOrder: DateOrder;
  timeZone: string;
}

const FacilityFormatContext = createContext<FacilityFormat | null>(null);

/**
 * Loads the facility's format once per sign-in and holds the screens until it is known, so a date
 * field never starts in one order and switches to another under the person's fingers.
 */
export function FacilityFormatProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<FacilityFormat | null>(null);
  useEffect(() => {
    void call('facility.get', {}).then((r) => setFormat(r.ok ? formatOf(r.value) : fallback()));
  }, []);
  if (!format) return <p className="loading">{t('app.loading')}</p>;
  return <FacilityFormatContext.Provider value={format}>{children}</FacilityFormatContext.Provider>;
}

export function formatOf(f: Pick<Facility, 'defaultLanguage' | 'timeZone'>): FacilityFormat {
  return { dateOrder: dateOrderFor(f.defaultLanguage), timeZone: f.timeZone };
}

// Outside a signed-in shell (or if the facility could not be read): the computer's own zone, and
// the order of the language on screen.
function fallback(): FacilityFormat {
  return { dateOrder: dateOrderFor(document.documentElement.lang), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}

export function useFacilityFormat(): FacilityFormat {
  return useContext(FacilityFormatContext) ?? fallback();
}

/**
 * Today in the facility's time zone: main measures "in the future" against the facility's day, and
 * a station whose clock zone differs must not offer tomorrow.
 */
export function useFacilityToday(): string {
  return calendarDateIn(new Date(), useFacilityFormat().timeZone);
}

/** A date of birth: not in the future, at most 120 years ago (main's own rule). */
export function dateOfBirthBounds(today: string) {
  return { min: addMonths(today, -120 * 12), max: today };
}
