import type { FieldIssue } from '../../result';
import { statusOn, type StatusPeriod } from '../residents/timeline';
import { DAY_MS, formatLocal, localDateOf } from './local-time';
import { expand, type Series } from './recurrence';
import { WallResolver } from './resolver';
import { occupiesTime } from './status';
import { APPOINTMENT_LIMITS, type AppointmentStatus } from './vocabulary';

/**
 * "A resident cannot be in two places at once": clashes between a new or changed appointment
 * (or every occurrence of a new series) and what the resident already has, plus appointments
 * that fall during a hospital stay or a leave. Pure and on plain data, so the handler can load
 * just the resident's rows in the window and check in well under a millisecond.
 *
 * Intervals are half-open [start, end) in epoch ms: back-to-back (one ends as the next starts)
 * is not a clash.
 */

export interface Interval {
  start: number;
  end: number;
}

/** A candidate interval: one appointment, or one occurrence of a series being created or changed. */
export interface CandidateInterval extends Interval {
  /** For a series occurrence: its original local start, so the UI can name it. */
  originalLocal?: string;
}

export interface ScheduledAppointment extends Interval {
  id: number;
  status: AppointmentStatus;
}

export interface ScheduledSeries {
  id: number;
  series: Series;
}

/** What the resident already has: one-off appointments and series (their occurrences are derived). */
export interface ResidentSchedule {
  appointments: readonly ScheduledAppointment[];
  series: readonly ScheduledSeries[];
}

/** What to leave out: the appointment or series being edited, which must not clash with itself. */
export interface Exclusion {
  appointmentId?: number;
  seriesId?: number;
  /** One occurrence being moved: its own old slot is not a clash. */
  occurrence?: { seriesId: number; originalLocal: string };
}

export type ConflictWith =
  | { kind: 'appointment'; id: number; start: number; end: number }
  | { kind: 'occurrence'; seriesId: number; originalLocal: string; start: number; end: number }
  | { kind: 'hospital' | 'leave'; from: string; to: string | null };

export interface Conflict {
  /**
   * What a person acknowledges when saving anyway. One key per thing clashed with: an appointment,
   * a whole series (every clash with the dialysis series is one decision), a hospital stay or a leave.
   */
  key: string;
  code: 'overlaps_appointment' | 'overlaps_series' | 'during_hospital_stay' | 'during_leave';
  /** The candidate interval that clashes. */
  candidate: CandidateInterval;
  with: ConflictWith;
}

export interface ConflictReport {
  /** Overridable clashes, in candidate order. */
  conflicts: Conflict[];
  /**
   * Not overridable: the resident is discharged, deceased or not yet admitted on that date. An
   * appointment for someone the facility no longer (or not yet) cares for is a mistake.
   */
  blocking: FieldIssue[];
}

interface Busy extends Interval {
  with: ConflictWith;
  key: string;
}

/** The longest a busy interval can be; bounds how far back a clash can start. */
const MAX_BUSY_MS = APPOINTMENT_LIMITS.maxDurationMinutes * 60_000;

/**
 * Everything the resident is busy with that could overlap [from, to), sorted by start. Series
 * are expanded over the window only (widened by the longest possible duration), so a resident's
 * two years of series cost a few windowed expansions, not two years of occurrences.
 */
export function busyIntervals(schedule: ResidentSchedule, from: number, to: number, exclude: Exclusion = {}, resolver?: WallResolver): Busy[] {
  const out: Busy[] = [];
  for (const a of schedule.appointments) {
    if (a.id === exclude.appointmentId || !occupiesTime(a.status)) continue;
    if (a.start < to && a.end > from) out.push({ start: a.start, end: a.end, key: `appointment:${a.id}`, with: { kind: 'appointment', id: a.id, start: a.start, end: a.end } });
  }
  for (const s of schedule.series) {
    if (s.id === exclude.seriesId) continue;
    const skip = exclude.occurrence?.seriesId === s.id ? exclude.occurrence.originalLocal : null;
    const r = resolver?.zone === s.series.timeZone ? resolver : undefined;
    for (const o of expand(s.series, from - MAX_BUSY_MS, to, r)) {
      if (o.end <= from || !occupiesTime(o.status)) continue;
      const originalLocal = formatLocal(o.originalWall);
      if (originalLocal === skip) continue;
      out.push({ start: o.start, end: o.end, key: `series:${s.id}`, with: { kind: 'occurrence', seriesId: s.id, originalLocal, start: o.start, end: o.end } });
    }
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

/** First index whose start is ≥ value (busy is sorted by start). */
function lowerBound(busy: readonly Busy[], value: number): number {
  let lo = 0;
  let hi = busy.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (busy[mid]!.start < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Half-open overlap: [a.start, a.end) and [b.start, b.end) share at least one instant. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

function overlapConflicts(candidates: readonly CandidateInterval[], busy: readonly Busy[]): Conflict[] {
  const out: Conflict[] = [];
  for (const c of candidates) {
    // Anything that starts more than the longest duration before c cannot reach it.
    for (let i = lowerBound(busy, c.start - MAX_BUSY_MS); i < busy.length && busy[i]!.start < c.end; i++) {
      const b = busy[i]!;
      if (b.end > c.start) out.push({ key: b.key, code: b.with.kind === 'appointment' ? 'overlaps_appointment' : 'overlaps_series', candidate: c, with: b.with });
    }
  }
  return out;
}

/**
 * Hospital stays and leaves on any facility-calendar date the interval touches; discharged,
 * deceased or not admitted on such a date blocks. Status periods are dates [from, to) as in
 * residents/timeline.
 */
function statusProblems(candidates: readonly CandidateInterval[], periods: readonly StatusPeriod[], resolver: WallResolver, path: string): ConflictReport {
  const conflicts: Conflict[] = [];
  const blocking = new Map<string, FieldIssue>();
  for (const c of candidates) {
    const firstDate = localDateOf(resolver.wallOf(c.start));
    const lastDate = localDateOf(resolver.wallOf(c.end - 1));
    for (let date = firstDate, guard = 0; date <= lastDate && guard < 3; date = localDateOf(Date.parse(`${date}T00:00:00Z`) + DAY_MS), guard++) {
      const status = statusOn(periods, date);
      if (status === 'active') continue;
      if (status === 'hospital' || status === 'leave') {
        const period = periods.find((p) => p.status === status && p.from <= date && (p.to == null || date < p.to))!;
        conflicts.push({
          key: `${status}:${period.from}`,
          code: status === 'hospital' ? 'during_hospital_stay' : 'during_leave',
          candidate: c,
          with: { kind: status, from: period.from, to: period.to ?? null },
        });
        break;
      }
      blocking.set(date, { path, code: 'resident_not_in_care', params: { date, status: status ?? 'not_admitted' } });
      break;
    }
  }
  return { conflicts, blocking: [...blocking.values()] };
}

/**
 * The one call the handler makes before saving: every clash of the candidate intervals (one
 * appointment, or a series' occurrences) with the resident's schedule and status history.
 * `path` names the field the blocking issues go on (default 'residentId': it is the resident who is not in care).
 */
export function checkConflicts(
  candidates: readonly CandidateInterval[],
  schedule: ResidentSchedule,
  context: { timeZone: string; periods: readonly StatusPeriod[]; exclude?: Exclusion; path?: string },
): ConflictReport {
  if (candidates.length === 0) return { conflicts: [], blocking: [] };
  let from = Infinity;
  let to = -Infinity;
  for (const c of candidates) {
    from = Math.min(from, c.start);
    to = Math.max(to, c.end);
  }
  const resolver = new WallResolver(context.timeZone, from - 2 * DAY_MS, to + 2 * DAY_MS);
  const busy = busyIntervals(schedule, from, to, context.exclude, resolver);
  const status = statusProblems(candidates, context.periods, resolver, context.path ?? 'residentId');
  const conflicts = [...overlapConflicts(candidates, busy), ...status.conflicts].sort((a, b) => a.candidate.start - b.candidate.start);
  return { conflicts, blocking: status.blocking };
}

export type OverrideCheck = { ok: true; reason: string | null } | { ok: false; unacknowledged: Conflict[] };

/**
 * Save anyway? Without conflicts, yes (and no reason is recorded). With conflicts, only with a
 * reason and only if every conflict's key was among those the person saw and acknowledged.
 */
export function acceptOverride(conflicts: readonly Conflict[], override: { reason: string; acknowledged: readonly string[] } | null): OverrideCheck {
  if (conflicts.length === 0) return { ok: true, reason: null };
  const seen = new Set(override?.acknowledged ?? []);
  const unacknowledged = override === null ? [...conflicts] : conflicts.filter((c) => !seen.has(c.key));
  if (unacknowledged.length > 0) return { ok: false, unacknowledged };
  return { ok: true, reason: override!.reason };
}

/** The distinct keys to show and to send back as `acknowledged`. */
export function conflictKeys(conflicts: readonly Conflict[]): string[] {
  return [...new Set(conflicts.map((c) => c.key))];
}

/**
 * Conflicts as field issues for a `conflict` error: one per thing clashed with, with what the
 * message needs (the key to acknowledge, and the other interval as ISO instants or dates).
 */
export function conflictIssues(conflicts: readonly Conflict[], path = 'startLocal'): FieldIssue[] {
  const byKey = new Map<string, FieldIssue>();
  for (const c of conflicts) {
    if (byKey.has(c.key)) continue;
    const w = c.with;
    const params: Record<string, string | number> =
      'from' in w
        ? { key: c.key, from: w.from, ...(w.to === null ? {} : { to: w.to }) }
        : { key: c.key, start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString() };
    byKey.set(c.key, { path, code: c.code, params });
  }
  return [...byKey.values()];
}
