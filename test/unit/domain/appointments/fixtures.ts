import type { Series } from '../../../../shared/domain/appointments/recurrence';

/** A series with no exceptions; tests spread their own changes over it. */
export function series(partial: Partial<Series> & Pick<Series, 'dtstartLocal' | 'rrule' | 'untilLocal'>): Series {
  return { timeZone: 'America/New_York', durationMinutes: 60, exdates: [], rdates: [], overrides: [], ...partial };
}

export const ms = (iso: string) => Date.parse(iso);
export const iso = (epochMs: number) => new Date(epochMs).toISOString();
/** 'YYYY-MM-DDTHH:mm' with 'Z' dropped: instants printed compactly for readable expectations. */
export const z = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 16) + 'Z';
