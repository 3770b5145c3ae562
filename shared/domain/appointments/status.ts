import type { AppointmentStatus } from './vocabulary';

// Completed, cancelled, no-show and rescheduled are outcomes: each is a fact a surveyor may ask
// about, so none is overwritten by another status. A rescheduled appointment points at its
// replacement (a new appointment); a mistaken outcome is corrected by "entered in error", which
// keeps the history, never by changing the status back.
const ALLOWED_NEXT: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = {
  scheduled: ['confirmed', 'completed', 'cancelled', 'no_show', 'rescheduled'],
  confirmed: ['completed', 'cancelled', 'no_show', 'rescheduled'],
  completed: [],
  cancelled: [],
  no_show: [],
  rescheduled: [],
};

/** Statuses in which the appointment is still going to happen: it occupies the resident's time. */
const OPEN: ReadonlySet<AppointmentStatus> = new Set(['scheduled', 'confirmed']);

export function allowedNextAppointmentStatuses(status: AppointmentStatus): readonly AppointmentStatus[] {
  return ALLOWED_NEXT[status];
}

export function isOpenStatus(status: AppointmentStatus): boolean {
  return OPEN.has(status);
}

export function isFinalStatus(status: AppointmentStatus): boolean {
  return ALLOWED_NEXT[status].length === 0;
}

/**
 * Whether an appointment in this status still takes up the resident's time for conflict checks.
 * A completed appointment did take the time, so a new one placed over it is still a clash (it is
 * usually a data-entry mistake); cancelled, no-show and rescheduled ones freed it.
 */
export function occupiesTime(status: AppointmentStatus): boolean {
  return status === 'scheduled' || status === 'confirmed' || status === 'completed';
}

export type StatusChangeError = 'same_status' | 'final_status' | 'not_allowed' | 'not_yet_started';
export type StatusChangeCheck = { ok: true } | { ok: false; reason: StatusChangeError };

/**
 * Checks one status change. Completed and no-show are things that happened, so they cannot be
 * recorded before the appointment's start (`startMs` and `nowMs` are epoch milliseconds).
 * Order of reasons: the most fundamental first.
 */
export function validateStatusChange(
  from: AppointmentStatus,
  to: AppointmentStatus,
  timing: { startMs: number; nowMs: number },
): StatusChangeCheck {
  if (from === to) return { ok: false, reason: 'same_status' };
  if (isFinalStatus(from)) return { ok: false, reason: 'final_status' };
  if (!ALLOWED_NEXT[from].includes(to)) return { ok: false, reason: 'not_allowed' };
  if ((to === 'completed' || to === 'no_show') && timing.nowMs < timing.startMs) return { ok: false, reason: 'not_yet_started' };
  return { ok: true };
}
