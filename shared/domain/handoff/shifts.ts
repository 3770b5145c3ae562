/**
 * The shift timeline: which shift is on now, which came before and which comes next, and when each
 * begins and ends as instants in the facility's zone. Pure, with the clock and zone injected.
 *
 * A shift that crosses midnight (Night 23:00–07:00) belongs to the date it starts on (DOMAIN.md):
 * at 02:00 on Mar 3 the shift being worked is "Night, Mar 2". Shifts of a day are ordered by their
 * start time; the one before the first shift of a day is the last shift of the day before.
 */
import { addDays } from '../dates';
import { DAY_MS, parseLocal } from '../appointments/local-time';
import { WallResolver } from '../appointments/resolver';

export interface ShiftDef {
  id: number;
  name: string;
  /** 'HH:MM', facility wall time. */
  start: string;
  end: string;
  sortOrder: number;
}

/** One shift on one date: the key of every note, sheet and acknowledgment. */
export interface ShiftRef {
  shiftId: number;
  /** The date the shift starts on, 'YYYY-MM-DD'. */
  date: string;
}

export const crossesMidnight = (s: Pick<ShiftDef, 'start' | 'end'>): boolean => s.end <= s.start;

/** The shift's wall-clock window (wall ms, see appointments/local-time): [from, until). */
export function shiftWall(s: Pick<ShiftDef, 'start' | 'end'>, date: string): { from: number; until: number } {
  const from = parseLocal(`${date}T${s.start}`);
  const until = parseLocal(`${crossesMidnight(s) ? addDays(date, 1) : date}T${s.end}`);
  if (from === null || until === null) throw new RangeError(`Not a shift window: ${date} ${s.start}–${s.end}`);
  return { from, until };
}

/**
 * The shift's window as instants (ISO, UTC). A start inside a daylight-saving gap moves forward as
 * the clocks do; in a fold the first of the two instants is taken (the appointments resolver's rule).
 */
export function shiftWindow(s: Pick<ShiftDef, 'start' | 'end'>, date: string, timeZone: string): { from: string; until: string } {
  const wall = shiftWall(s, date);
  const r = new WallResolver(timeZone, wall.from, wall.until);
  return { from: new Date(r.instant(wall.from)).toISOString(), until: new Date(r.instant(wall.until)).toISOString() };
}

/** A day's shifts in the order they are worked: by start time, then the facility's order. */
export function dayOrder<S extends Pick<ShiftDef, 'id' | 'start' | 'sortOrder'>>(shifts: readonly S[]): S[] {
  return [...shifts].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.sortOrder - b.sortOrder || a.id - b.id));
}

/**
 * The shift being worked at `now`: the latest-starting shift whose window holds the facility's wall
 * clock; in a gap between shifts (a facility whose pattern leaves hours uncovered), the shift that
 * began last. Null only when there are no shifts at all.
 */
export function shiftAt(shifts: readonly ShiftDef[], timeZone: string, now: Date): ShiftRef | null {
  if (shifts.length === 0) return null;
  const nowMs = now.getTime();
  const resolver = new WallResolver(timeZone, nowMs - 2 * DAY_MS, nowMs + 2 * DAY_MS);
  const wall = resolver.wallOf(nowMs);
  const today = new Date(wall).toISOString().slice(0, 10);
  let holding: { ref: ShiftRef; from: number } | null = null;
  let began: { ref: ShiftRef; from: number } | null = null;
  for (const date of [addDays(today, -1), today]) {
    for (const s of shifts) {
      const w = shiftWall(s, date);
      if (w.from > wall) continue;
      const ref = { shiftId: s.id, date };
      if (wall < w.until && (holding === null || w.from > holding.from)) holding = { ref, from: w.from };
      if (began === null || w.from > began.from) began = { ref, from: w.from };
    }
  }
  return (holding ?? began)?.ref ?? null;
}

function position(shifts: readonly ShiftDef[], ref: ShiftRef): { ordered: ShiftDef[]; index: number } {
  const ordered = dayOrder(shifts);
  const index = ordered.findIndex((s) => s.id === ref.shiftId);
  if (index < 0) throw new RangeError(`No shift ${ref.shiftId}`);
  return { ordered, index };
}

/** The shift handed over into `ref`: the one before it that day, or the last one of the day before. */
export function previousShift(shifts: readonly ShiftDef[], ref: ShiftRef): ShiftRef {
  const { ordered, index } = position(shifts, ref);
  return index > 0 ? { shiftId: ordered[index - 1]!.id, date: ref.date } : { shiftId: ordered.at(-1)!.id, date: addDays(ref.date, -1) };
}

/** The shift `ref` hands over to. */
export function nextShift(shifts: readonly ShiftDef[], ref: ShiftRef): ShiftRef {
  const { ordered, index } = position(shifts, ref);
  return index < ordered.length - 1 ? { shiftId: ordered[index + 1]!.id, date: ref.date } : { shiftId: ordered[0]!.id, date: addDays(ref.date, 1) };
}

/** Orders shift refs as they are worked (date, then start time): negative when `a` comes first. */
export function compareShiftRefs(shifts: readonly ShiftDef[], a: ShiftRef, b: ShiftRef): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const ordered = dayOrder(shifts);
  return ordered.findIndex((s) => s.id === a.shiftId) - ordered.findIndex((s) => s.id === b.shiftId);
}

/**
 * The date a sheet or a note may be asked for: null when it is inside `range` days of today,
 * otherwise the bounds to name in the refusal.
 */
export function dateOutsideRange(date: string, today: string, range: { back: number; ahead: number }): { min: string; max: string } | null {
  const min = addDays(today, -range.back);
  const max = addDays(today, range.ahead);
  return date < min || date > max ? { min, max } : null;
}

/**
 * The date an action's due time falls on during a shift: the shift's own date, or the next day for
 * a time after midnight in a shift that crosses it (a 02:00 recheck in the 23:00–07:00 Night shift).
 */
export function dueDateIn(s: Pick<ShiftDef, 'start' | 'end'>, date: string, time: string): string {
  return crossesMidnight(s) && time < s.start ? addDays(date, 1) : date;
}
