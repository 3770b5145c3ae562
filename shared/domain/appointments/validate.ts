import type { z } from 'zod';
import type { FieldIssue } from '../../result';
import { addMonths } from '../dates';
import { formatLocal, isoInstant, localDateOf, localTimeOf, MINUTE_MS, requireLocal, type LocalDateTime } from './local-time';
import { allWalls, type Series } from './recurrence';
import { inspectWall, type FoldChoice, type Shift } from './resolver';
import { formatRule } from './rule';
import type { RecurrenceInput } from './schemas';
import { validateStatusChange } from './status';
import { APPOINTMENT_LIMITS, DEFAULT_SERIES_HORIZON_MONTHS, type AppointmentStatus } from './vocabulary';

/**
 * The rules of appointment input that need the facility: its zone (is 02:30 on that Sunday a real
 * time?) and its settings (how far ahead a series may run). Each returns field issues with stable
 * codes and the params the message needs, or the resolved value. The handler runs these after the
 * contract's schema, so every problem names its field and nothing is written.
 */

export interface FacilityRules {
  timeZone: string;
  /** How many months a series may run from its first occurrence (a facility setting). */
  horizonMonths?: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

const offsetText = (offsetMs: number) => {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(offsetMs) / MINUTE_MS;
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

/**
 * One typed local time → its instant, or the issue to show:
 * - skipped by a spring-forward gap: `local_time_skipped`, with the suggestion (the same time
 *   moved forward by the gap, which is also where a series occurrence at that time lands) and the
 *   missing hour, so the message can say "clocks go from 02:00 to 03:00";
 * - repeated by a fall-back fold, and nobody chose yet: `local_time_ambiguous`, with both instants
 *   and their UTC offsets to offer as the two choices.
 */
export function resolveTyped(path: string, local: LocalDateTime, fold: FoldChoice | null, timeZone: string): Checked<{ instant: number; shift: Shift | null }> {
  const wall = requireLocal(local);
  const seen = inspectWall(timeZone, wall);
  if (seen.kind === 'exists') return { ok: true, value: { instant: seen.instant, shift: null } };
  if (seen.kind === 'gap') {
    const gapMs = seen.gapEnd - seen.gapStart;
    return {
      ok: false,
      issues: [
        {
          path,
          code: 'local_time_skipped',
          params: {
            date: localDateOf(wall),
            time: localTimeOf(wall),
            gapStart: localTimeOf(seen.gapStart),
            gapEnd: localTimeOf(seen.gapEnd),
            suggested: formatLocal(wall + gapMs),
            suggestedTime: localTimeOf(wall + gapMs),
          },
        },
      ],
    };
  }
  if (fold === null) {
    return {
      ok: false,
      issues: [
        {
          path,
          code: 'local_time_ambiguous',
          params: {
            earlier: isoInstant(seen.earlier),
            later: isoInstant(seen.later),
            earlierOffset: offsetText(wall - seen.earlier),
            laterOffset: offsetText(wall - seen.later),
            date: localDateOf(wall),
            time: localTimeOf(wall),
          },
        },
      ],
    };
  }
  return { ok: true, value: { instant: fold === 'earlier' ? seen.earlier : seen.later, shift: 'fold' } };
}

export interface ResolvedTimes {
  start: number;
  end: number;
}

/** Start and end of a one-off appointment (or a moved occurrence) in the facility's zone. */
export function checkAppointmentTimes(
  input: { startLocal: LocalDateTime; endLocal: LocalDateTime; startFold: FoldChoice | null; endFold: FoldChoice | null },
  timeZone: string,
): Checked<ResolvedTimes> {
  const start = resolveTyped('startLocal', input.startLocal, input.startFold, timeZone);
  const end = resolveTyped('endLocal', input.endLocal, input.endFold, timeZone);
  const issues = [...(start.ok ? [] : start.issues), ...(end.ok ? [] : end.issues)];
  if (!start.ok || !end.ok) return { ok: false, issues };
  // Compared as instants, not wall times: 01:50 (first) to 01:10 (second) on a fold night is 20 min.
  const minutes = (end.value.instant - start.value.instant) / MINUTE_MS;
  const durationIssue = durationProblem(minutes);
  if (durationIssue !== null) return { ok: false, issues: [{ path: 'endLocal', ...durationIssue }] };
  return { ok: true, value: { start: start.value.instant, end: end.value.instant } };
}

function durationProblem(minutes: number): Omit<FieldIssue, 'path'> | null {
  if (minutes < 0) return { code: 'end_before_start' };
  if (minutes === 0) return { code: 'same_as_start' };
  if (minutes > APPOINTMENT_LIMITS.maxDurationMinutes) return { code: 'duration_too_long', params: { max: APPOINTMENT_LIMITS.maxDurationMinutes / 60 } };
  return null;
}

/** The series' horizon and "does it generate anything" rules, for a new series or an edited one. */
export function seriesIssues(series: Series, rules: FacilityRules, path = 'recurrence.end'): FieldIssue[] {
  const months = rules.horizonMonths ?? DEFAULT_SERIES_HORIZON_MONTHS;
  const firstDate = series.dtstartLocal.slice(0, 10);
  const lastAllowed = addMonths(firstDate, months);
  const untilDate = series.untilLocal.slice(0, 10);
  if (untilDate < firstDate) return [{ path, code: 'until_before_start' }];
  if (untilDate > lastAllowed) return [{ path, code: 'beyond_horizon', params: { months, lastDate: lastAllowed } }];
  if (allWalls(series).length === 0) return [{ path: 'recurrence', code: 'rule_no_occurrences' }];
  return [];
}

/**
 * A new series from its input. DTSTART becomes the rule's first occurrence at or after the typed
 * start (a Monday/Wednesday rule typed on a Tuesday starts on Wednesday), because iCalendar
 * readers count DTSTART as an occurrence whether or not the rule generates it. A first occurrence
 * typed into a fold with 'later' chosen is kept as an override of that occurrence, since
 * generated occurrences always take the first.
 */
export function checkSeriesInput(
  input: { startLocal: LocalDateTime; endLocal: LocalDateTime; startFold: FoldChoice | null; recurrence: RecurrenceInput },
  rules: FacilityRules,
): Checked<Series> {
  const issues: FieldIssue[] = [];
  const start = resolveTyped('startLocal', input.startLocal, input.startFold, rules.timeZone);
  if (!start.ok) issues.push(...start.issues);
  const startWall = requireLocal(input.startLocal);
  const minutes = (requireLocal(input.endLocal) - startWall) / MINUTE_MS;
  const durationIssue = durationProblem(minutes);
  if (durationIssue !== null) issues.push({ path: 'endLocal', ...durationIssue });
  if (issues.length > 0) return { ok: false, issues };

  const r = input.recurrence;
  const rrule = formatRule({ freq: r.freq, interval: r.interval, byDay: r.byDay, byMonthDay: r.byMonthDay, bySetPos: r.bySetPos });
  const base: Series = { dtstartLocal: input.startLocal, timeZone: rules.timeZone, rrule, untilLocal: '', durationMinutes: minutes, exdates: [], rdates: [], overrides: [] };
  let untilLocal: string;
  let endPath: string;
  if (r.end.kind === 'until') {
    untilLocal = `${r.end.date}T23:59:59`;
    endPath = 'recurrence.end.date';
  } else {
    // COUNT is turned into the until of its last occurrence: stored rules carry no COUNT, so
    // a later split only moves the until and never has to recount.
    const startDate = input.startLocal.slice(0, 10);
    const probeUntil = `${addMonths(addMonths(startDate, rules.horizonMonths ?? DEFAULT_SERIES_HORIZON_MONTHS), 1)}T23:59:59`;
    const probe = allWalls({ ...base, untilLocal: probeUntil });
    const last = probe[r.end.count - 1];
    // None at all → the "no occurrences" rule below; fewer than asked within a month past the
    // horizon → the count runs past it.
    untilLocal = probe.length === 0 ? `${startDate}T23:59:59` : last === undefined ? probeUntil : formatLocal(last, { seconds: true });
    endPath = 'recurrence.end.count';
  }
  const series: Series = { ...base, untilLocal };
  const ruleIssues = seriesIssues(series, rules, endPath);
  if (ruleIssues.length > 0) return { ok: false, issues: ruleIssues };
  const first = allWalls(series, { exdates: false, rdates: false })[0]!;
  const normalized: Series = { ...series, dtstartLocal: formatLocal(first) };
  if (input.startFold === 'later' && first === startWall && start.ok && start.value.shift === 'fold') {
    return {
      ok: true,
      value: { ...normalized, overrides: [{ originalLocal: normalized.dtstartLocal, startLocal: normalized.dtstartLocal, startFold: 'later', durationMinutes: null, status: null }] },
    };
  }
  return { ok: true, value: normalized };
}

/** A status change as field issues on 'status' (empty = allowed). */
export function statusChangeIssues(from: AppointmentStatus, to: AppointmentStatus, timing: { startMs: number; nowMs: number }): FieldIssue[] {
  const check = validateStatusChange(from, to, timing);
  if (check.ok) return [];
  const code = { same_status: 'status_unchanged', final_status: 'status_final', not_allowed: 'status_not_allowed', not_yet_started: 'status_not_yet_started' }[check.reason];
  return [{ path: 'status', code }];
}

/** "Family informed" cannot be recorded for a moment that has not happened yet. */
export function familyInformedIssues(input: { informedAt: string }, nowMs: number): FieldIssue[] {
  return Date.parse(input.informedAt) > nowMs ? [{ path: 'informedAt', code: 'date_in_future' }] : [];
}

/**
 * A schema that also runs the facility rules, for a form that knows the zone (and for tests):
 * the issues arrive as zod custom issues whose params carry the code and its message params.
 */
export function withFacilityRules<S extends z.ZodType<{ startLocal: string; endLocal: string; startFold: FoldChoice | null; endFold?: FoldChoice | null; recurrence?: RecurrenceInput }>>(schema: S, rules: FacilityRules) {
  return schema.superRefine((value, ctx) => {
    const checked =
      value.recurrence === undefined
        ? checkAppointmentTimes({ startLocal: value.startLocal, endLocal: value.endLocal, startFold: value.startFold, endFold: value.endFold ?? null }, rules.timeZone)
        : checkSeriesInput({ startLocal: value.startLocal, endLocal: value.endLocal, startFold: value.startFold, recurrence: value.recurrence }, rules);
    if (checked.ok) return;
    for (const issue of checked.issues) {
      ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.code, params: { code: issue.code, ...issue.params } });
    }
  });
}
