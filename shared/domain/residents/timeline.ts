import { isIsoDate } from '../dates';
import type { ResidentStatus } from './vocabulary';

// A period covers the days [from, to): `to` is the day the next period starts, so consecutive
// periods share a boundary date and every day belongs to exactly one period. On the day of a
// change the new status applies ("where is the resident tonight").
// A missing or null `to` means the period is still open.
export interface StatusPeriod {
  status: ResidentStatus;
  from: string;
  to?: string | null;
  bedId?: string | null;
  note?: string | null;
}

// Finds the period in force on `date`. If bad data makes periods overlap, the one that started
// last wins, because it reflects the most recent recorded change.
export function periodOn<P extends StatusPeriod>(periods: readonly P[], date: string): P | null {
  let found: P | null = null;
  for (const period of periods) {
    const covers = period.from <= date && (period.to == null || date < period.to);
    if (covers && (found === null || period.from >= found.from)) found = period;
  }
  return found;
}

// null before admission (or in a gap in the record).
export function statusOn(periods: readonly StatusPeriod[], date: string): ResidentStatus | null {
  return periodOn(periods, date)?.status ?? null;
}

const ALLOWED_NEXT: Readonly<Record<ResidentStatus, readonly ResidentStatus[]>> = {
  active: ['hospital', 'leave', 'discharged', 'deceased'],
  // Back from hospital is a return to 'active'; it is not a readmission because the bed was held.
  hospital: ['active', 'discharged', 'deceased'],
  leave: ['active', 'discharged', 'deceased'],
  // Readmission: a discharged resident comes back as the same person with the same record.
  discharged: ['active'],
  deceased: [],
};

export function allowedNextStatuses(status: ResidentStatus): readonly ResidentStatus[] {
  return ALLOWED_NEXT[status];
}

export type TransitionError =
  | 'invalid_date'
  | 'final_status'
  | 'same_status'
  | 'not_allowed'
  | 'before_current_start'
  | 'in_future';

export type TransitionCheck = { ok: true } | { ok: false; reason: TransitionError };

// Reasons are checked in this order, so the first one reported is the most fundamental:
// a malformed date, then whether the change makes sense at all, then whether its date does.
// A change on the same day the current period started is allowed (sent to hospital on the day
// of admission); it leaves a zero-length period that statusOn never reports.
// A room move with unchanged status is not a status transition and is reported as 'same_status'.
export function validateTransition(
  current: { status: ResidentStatus; since: string },
  next: { status: ResidentStatus; date: string },
  today: string,
): TransitionCheck {
  if (!isIsoDate(current.since) || !isIsoDate(next.date) || !isIsoDate(today)) {
    return { ok: false, reason: 'invalid_date' };
  }
  if (current.status === 'deceased') return { ok: false, reason: 'final_status' };
  if (current.status === next.status) return { ok: false, reason: 'same_status' };
  if (!ALLOWED_NEXT[current.status].includes(next.status)) return { ok: false, reason: 'not_allowed' };
  if (next.date < current.since) return { ok: false, reason: 'before_current_start' };
  if (next.date > today) return { ok: false, reason: 'in_future' };
  return { ok: true };
}

export type TimelineProblem =
  | { kind: 'invalid_date'; index: number }
  | { kind: 'empty_period'; index: number }
  | { kind: 'out_of_order'; index: number }
  | { kind: 'gap_or_overlap'; index: number }
  | { kind: 'open_before_last'; index: number }
  | { kind: 'invalid_transition'; index: number };

// Checks a stored history (ordered oldest first): well-formed dates, contiguous periods and only
// allowed status changes between them. Consecutive periods with the same status are fine — that
// is a room move. `index` points at the offending period.
export function timelineProblems(periods: readonly StatusPeriod[]): TimelineProblem[] {
  const problems: TimelineProblem[] = [];
  periods.forEach((period, index) => {
    if (!isIsoDate(period.from) || (period.to != null && !isIsoDate(period.to))) {
      problems.push({ kind: 'invalid_date', index });
      return;
    }
    if (period.to != null && period.to < period.from) problems.push({ kind: 'empty_period', index });
    const previous = index > 0 ? periods[index - 1] : undefined;
    if (!previous) return;
    if (previous.to == null) {
      problems.push({ kind: 'open_before_last', index: index - 1 });
    } else if (period.from < previous.from) {
      problems.push({ kind: 'out_of_order', index });
    } else if (period.from !== previous.to) {
      problems.push({ kind: 'gap_or_overlap', index });
    }
    if (previous.status !== period.status && !ALLOWED_NEXT[previous.status].includes(period.status)) {
      problems.push({ kind: 'invalid_transition', index });
    }
  });
  return problems;
}

// The census counts the residents the facility is responsible for tonight. A resident in hospital
// keeps a held bed and returns without readmission, and a resident on leave of absence is expected
// back, so both stay on the census (as in the usual nursing-home midnight census, where the bed-hold
// is what is being counted). Discharged and deceased residents are off the census; their records stay.
// The vocabulary has no "hospital without bed hold": when the bed is released, record a discharge.
const ON_CENSUS: ReadonlySet<ResidentStatus> = new Set(['active', 'hospital', 'leave']);

export function isOnCensus(status: ResidentStatus): boolean {
  return ON_CENSUS.has(status);
}

// Hospital (bed held) and leave keep the bed assigned so it cannot be given to someone else;
// discharge and death free it.
export function occupiesBed(status: ResidentStatus): boolean {
  return ON_CENSUS.has(status);
}
