import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Role } from '../../shared/domain/roles';
import type { QueryEnv } from '../engine/types';
import { bool, first } from './util';

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
  const { sessions } = env.t;
  // On every call of every station: hand-written and prepared once (drizzle's query building alone
  // cost more than the lookup). Column names are the schema's.
  const checkStatement = env.statement(
    `SELECT s.ended_at, s.last_seen_at, u.id, u.username, u.display_name, u.role, u.active, u.language, u.must_change_password, f.idle_lock_minutes, f.time_zone, s.locked_at
     FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN facility f ON f.id = 1
     WHERE s.token_hash = @tokenHash`,
  );
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
    /** Ends every open session (after a restore: sessions in the copy may have been signed out since). */
    async endAll(reason: SessionEndReason, at: string): Promise<void> {
      await env.db().update(sessions).set({ endedAt: at, endReason: reason }).where(isNull(sessions.endedAt));
    },
    get(tokenHash: string) {
      return first(env.db().select().from(sessions).where(eq(sessions.tokenHash, tokenHash)));
    },
    /**
     * The per-call check: the session, its user as stored now and the facility's lock time, in one
     * statement. Nothing of it is cached in a station's memory, so a role change, a deactivation or
     * a password reset made at another station applies to this one's next call.
     */
    async check(tokenHash: string): Promise<SessionCheck | undefined> {
      const r = (await checkStatement.rows({ tokenHash }))[0] as
        | [string | null, string, number, string, string, SessionCheck['role'], unknown, SessionCheck['language'], unknown, number | null, string | null, string | null]
        | undefined;
      if (!r) return undefined;
      return {
        endedAt: r[0],
        lastSeenAt: r[1],
        userId: r[2],
        username: r[3],
        displayName: r[4],
        role: r[5],
        active: bool(r[6]),
        language: r[7],
        mustChangePassword: bool(r[8]),
        idleLockMinutes: r[9],
        timeZone: r[10],
        lockedAt: r[11] ?? null,
      };
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
