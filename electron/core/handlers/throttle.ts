import { err, type Err } from '../../../shared/result';
import type { HandlerContext } from '../context';

/**
 * Password guessing, slowed twice over: per typed username (existing or not, so the throttle
 * reveals nothing) and per station, whatever names are typed there. Both lock for 30 s once their
 * free attempts are used, doubling with each further failure up to 15 minutes. A station's count
 * starts again after 15 quiet minutes; a username's when that person signs in.
 */
export const USERNAME_FREE_ATTEMPTS = 5;
export const STATION_FREE_ATTEMPTS = 10;
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;
export const STATION_QUIET_MS = 15 * 60_000;

export const usernameKey = (u: string) => u.normalize('NFKC').toLowerCase();

const lockFor = (failures: number, free: number) => (failures >= free ? Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - free)) : 0);

function throttled(ctx: HandlerContext, until: string): Err {
  return err('throttled', 'auth.throttled', { params: { seconds: Math.ceil((Date.parse(until) - ctx.now.getTime()) / 1000) } });
}

/** The refusal to give instead of checking a password now, if this station or username is locked. */
export async function lockedOut(ctx: HandlerContext, key: string): Promise<Err | null> {
  const station = await ctx.q.stationThrottle.get(ctx.station);
  const user = await ctx.q.throttle.get(key);
  const until = [station?.lockedUntil, user?.lockedUntil].filter((u): u is string => !!u && u > ctx.nowIso).sort().at(-1);
  return until ? throttled(ctx, until) : null;
}

/**
 * Counts one failed password (sign-in, unlock, password change) against the username and the
 * station, and puts it in the audit trail. Runs in its own transaction after the call's rollback.
 */
export async function recordFailure(ctx: HandlerContext, o: { key: string; userId: number | null; method: string; entity: string; entityId: number | null; outcome: string }): Promise<void> {
  const prev = await ctx.q.throttle.get(o.key);
  const failures = (prev?.failures ?? 0) + 1;
  const userLock = lockFor(failures, USERNAME_FREE_ATTEMPTS);
  await ctx.q.throttle.put({ usernameKey: o.key, failures, lastFailureAt: ctx.nowIso, lockedUntil: userLock ? new Date(ctx.now.getTime() + userLock).toISOString() : null });
  const station = await ctx.q.stationThrottle.get(ctx.station);
  const quiet = station && ctx.now.getTime() - Date.parse(station.lastFailureAt) > STATION_QUIET_MS;
  const stationFailures = (station && !quiet ? station.failures : 0) + 1;
  const stationLock = lockFor(stationFailures, STATION_FREE_ATTEMPTS);
  await ctx.q.stationThrottle.put({ station: ctx.station, failures: stationFailures, lastFailureAt: ctx.nowIso, lockedUntil: stationLock ? new Date(ctx.now.getTime() + stationLock).toISOString() : null });
  await ctx.q.audit.insert({ at: ctx.nowIso, userId: o.userId, method: o.method, entity: o.entity, entityId: o.entityId === null ? null : String(o.entityId), before: null, after: { outcome: o.outcome, failures }, station: ctx.station });
}
