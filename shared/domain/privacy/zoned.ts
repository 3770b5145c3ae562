import { resolverAround } from '../appointments/resolver';
import { parseLocal } from '../appointments/local-time';
import { addDays } from '../dates';

/**
 * The instant a wall-clock time on a calendar date means in the facility's zone (a time skipped by
 * a spring-forward gap moves forward, a repeated one takes its first occurrence: the resolver's rule).
 */
export function instantOfWall(date: string, time: string, timeZone: string): string {
  const wall = parseLocal(`${date}T${time}`);
  if (wall === null) throw new RangeError(`Not a date and time: ${date} ${time}`);
  return new Date(resolverAround(timeZone, wall).instant(wall)).toISOString();
}

/** The facility's calendar days `from`..`to` (inclusive) as instants [fromAt, toAt). */
export function dayRangeInstants(from: string | undefined, to: string | undefined, timeZone: string): { fromAt?: string; toAt?: string } {
  const out: { fromAt?: string; toAt?: string } = {};
  if (from) out.fromAt = instantOfWall(from, '00:00', timeZone);
  if (to) out.toAt = instantOfWall(addDays(to, 1), '00:00', timeZone);
  return out;
}
