import { addDays, calendarDateIn } from '../dates';
import { instantOfWall } from './zoned';

/** A shift pattern as the facility settings hold it: wall times 'HH:MM'; one crossing midnight ends the next day. */
export interface ShiftTimes {
  start: string;
  end: string;
}

const FALLBACK_MS = 8 * 60 * 60_000;

/**
 * When the shift running at `now` ends, in the facility's zone (emergency access lasts until then).
 * Shifts are tried on the facility's calendar day and the day before (a night shift that began
 * yesterday); DST gaps and folds resolve like every wall time (zoned.ts). When no shift covers
 * `now` (a gap in the pattern), the next shift boundary; with no shifts at all, eight hours.
 */
export function shiftEndAt(now: Date, shifts: readonly ShiftTimes[], timeZone: string): string {
  const nowMs = now.getTime();
  const today = calendarDateIn(now, timeZone);
  let running: number | null = null;
  let nextBoundary: number | null = null;
  for (const day of [addDays(today, -1), today, addDays(today, 1)]) {
    for (const s of shifts) {
      const start = Date.parse(instantOfWall(day, s.start, timeZone));
      const end = Date.parse(instantOfWall(s.end > s.start ? day : addDays(day, 1), s.end, timeZone));
      if (start <= nowMs && nowMs < end) running = running === null ? end : Math.min(running, end);
      for (const b of [start, end]) if (b > nowMs) nextBoundary = nextBoundary === null ? b : Math.min(nextBoundary, b);
    }
  }
  return new Date(running ?? nextBoundary ?? nowMs + FALLBACK_MS).toISOString();
}
