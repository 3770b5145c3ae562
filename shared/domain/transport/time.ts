/**
 * Instants for transport rules. Payloads carry UTC ISO strings (transport-neutral, like every other
 * area); the rules turn them into epoch milliseconds once and compare numbers. All intervals are
 * half-open, [from, until): a trip ending at 10:00 and one starting at 10:00 do not overlap.
 */
import { calendarDateIn } from '../dates';

export const MINUTE_MS = 60_000;

/** Epoch ms of a UTC ISO instant; throws on garbage, because the contract validated it already. */
export function toMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO instant: ${JSON.stringify(iso)}`);
  return ms;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

export function addMinutes(iso: string, minutes: number): string {
  return toIso(toMs(iso) + minutes * MINUTE_MS);
}

/** Half-open overlap. An empty interval (from == until) overlaps nothing. */
export function overlaps(aFrom: number, aUntil: number, bFrom: number, bUntil: number): boolean {
  return aFrom < bUntil && bFrom < aUntil && aFrom < aUntil && bFrom < bUntil;
}

// Building an Intl.DateTimeFormat costs tens of microseconds; a facility has one zone, so keep it.
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** 'HH:mm' on the facility's wall clock: the time people read in messages and on the manifest. */
export function localTime(ms: number, timeZone: string): string {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(timeZone, format);
  }
  return format.format(new Date(ms));
}

/** The facility's calendar date of an instant ('YYYY-MM-DD'). */
export function localDate(ms: number, timeZone: string): string {
  return calendarDateIn(new Date(ms), timeZone);
}

/**
 * Every facility calendar date the interval [from, until) touches, in order. A trip from 22:00 to
 * 01:30 touches two dates; one ending exactly at midnight touches only the first.
 */
export function localDatesOf(from: number, until: number, timeZone: string): string[] {
  const last = localDate(Math.max(from, until - 1), timeZone);
  const dates = [localDate(from, timeZone)];
  // Step by 6 hours: short enough never to skip a date (even across a DST change), and trips span hours.
  for (let t = from + 6 * 60 * MINUTE_MS; dates[dates.length - 1]! < last; t += 6 * 60 * MINUTE_MS) {
    const d = localDate(Math.min(t, Math.max(from, until - 1)), timeZone);
    if (d !== dates[dates.length - 1]) dates.push(d);
  }
  return dates;
}
