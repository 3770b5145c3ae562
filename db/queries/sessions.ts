import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Role } from '../../shared/domain/roles';
import type { QueryEnv } from '../engine/types';
import { first } from './util';

export type SessionEndReason = 'sign_out' | 'idle' | 'deactivated' | 'password_reset' | 'closed' | 'password_changed';

/** A session as the dispatcher checks it on every call: with its user and the facility's lock time. */
export interface SessionCheck {
  endedAt: string | null;
  lastSeenAt: string;
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  language: 'en' | 'es' | null;
  mustChangePassword: boolean;
  idleLockMinutes: number | null;
  timeZone: string | null;
  /** Set while the idle lock covers the station: only the same person's password opens it again. */
  lockedAt: string | null;
}

export function sessionQueries(env: QueryEnv) {
  const { sessions, users, facility } = env.t;
  return {
    async insert(tokenHash: string, userId: number, at: string): Promise<void> {
      await env.db().insert(sessions).values({ tokenHash, userId, createdAt: at, lastSeenAt: at });
    },
    async touch(tokenHash: string, at: string): Promise<void> {
      await env.db().update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
    },
    async end(tokenHash: string, reason: SessionEndReason, at: string): Promise<void> {
      await env
        .db()
        .update(sessions)
        .set({ endedAt: at, endReason: reason })
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endedAt)));
    },
    async lock(tokenHash: string, at: string): Promise<void> {
      await env
        .db()
        .update(sessions)
        .set({ lockedAt: at })
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endedAt), isNull(sessions.lockedAt)));
    },
    async unlock(tokenHash: string, at: string): Promise<void> {
      await env.db().update(sessions).set({ lockedAt: null, lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
    },
    async endAllForUser(userId: number, reason: SessionEndReason, at: string, exceptTokenHash: string | null = null): Promise<void> {
      await env
        .db()
        .update(sessions)
        .set({ endedAt: at, endReason: reason })
        .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), exceptTokenHash === null ? undefined : ne(sessions.tokenHash, exceptTokenHash)));
    },
    get(tokenHash: string) {
      return first(env.db().select().from(sessions).where(eq(sessions.tokenHash, tokenHash)));
    },
    /**
     * The per-call check: the session, its user as stored now and the facility's lock time, in one
     * statement. Nothing of it is cached in a station's memory, so a role change, a deactivation or
     * a password reset made at another station applies to this one's next call.
     */
    check(tokenHash: string): Promise<SessionCheck | undefined> {
      return first(
        env
          .db()
          .select({
            endedAt: sessions.endedAt,
            lastSeenAt: sessions.lastSeenAt,
            userId: users.id,
            username: users.username,
            displayName: users.displayName,
            role: users.role,
            active: users.active,
            language: users.language,
            mustChangePassword: users.mustChangePassword,
            idleLockMinutes: facility.idleLockMinutes,
            timeZone: facility.timeZone,
            lockedAt: sessions.lockedAt,
          })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .leftJoin(facility, eq(facility.id, 1))
          .where(eq(sessions.tokenHash, tokenHash)) as Promise<SessionCheck[]>,
      );
    },
  };
}

export function throttleQueries(env: QueryEnv) {
  const { signInThrottle } = env.t;
  return {
    get(usernameKey: string) {
      return first(env.db().select().from(signInThrottle).where(eq(signInThrottle.usernameKey, usernameKey)));
    },
    async put(row: { usernameKey: string; failures: number; lastFailureAt: string; lockedUntil: string | null }): Promise<void> {
      await env
        .db()
        .insert(signInThrottle)
        .values(row)
        .onConflictDoUpdate({
          target: signInThrottle.usernameKey,
          set: { failures: row.failures, lastFailureAt: row.lastFailureAt, lockedUntil: row.lockedUntil },
        });
    },
    async clear(usernameKey: string): Promise<void> {
      await env.db().delete(signInThrottle).where(eq(signInThrottle.usernameKey, usernameKey));
    },
    /** Usernames locked now. */
    async locked(nowIso: string) {
      return env.db().select().from(signInThrottle).where(gt(signInThrottle.lockedUntil, nowIso));
    },
  };
}
