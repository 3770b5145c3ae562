import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../open';
import { sessions, signInThrottle } from '../schema';

export type SessionEndReason = 'sign_out' | 'idle' | 'deactivated' | 'password_reset' | 'closed';

export function sessionQueries(db: Db) {
  return {
    insert(tokenHash: string, userId: number, at: string): void {
      db.insert(sessions).values({ tokenHash, userId, createdAt: at, lastSeenAt: at }).run();
    },
    touch(tokenHash: string, at: string): void {
      db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash)).run();
    },
    end(tokenHash: string, reason: SessionEndReason, at: string): void {
      db.update(sessions)
        .set({ endedAt: at, endReason: reason })
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endedAt)))
        .run();
    },
    endAllForUser(userId: number, reason: SessionEndReason, at: string): void {
      db.update(sessions)
        .set({ endedAt: at, endReason: reason })
        .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
        .run();
    },
    get(tokenHash: string) {
      return db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).get();
    },
  };
}

export function throttleQueries(db: Db) {
  return {
    get(usernameKey: string) {
      return db.select().from(signInThrottle).where(eq(signInThrottle.usernameKey, usernameKey)).get();
    },
    put(row: { usernameKey: string; failures: number; lastFailureAt: string; lockedUntil: string | null }): void {
      db.insert(signInThrottle)
        .values(row)
        .onConflictDoUpdate({
          target: signInThrottle.usernameKey,
          set: { failures: row.failures, lastFailureAt: row.lastFailureAt, lockedUntil: row.lockedUntil },
        })
        .run();
    },
    clear(usernameKey: string): void {
      db.delete(signInThrottle).where(eq(signInThrottle.usernameKey, usernameKey)).run();
    },
  };
}
