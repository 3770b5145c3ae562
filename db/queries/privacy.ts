import { and, count, desc, eq, gt, isNull, type SQL } from 'drizzle-orm';
import type { QueryEnv } from '../engine/types';
import { first } from './util';

/** Authorised prints awaiting their outcome, by the SHA-256 of main's one-time token. */
export function printJobQueries(env: QueryEnv) {
  const { printJobs } = env.t;
  return {
    async insert(j: { tokenHash: string; userId: number; document: string; at: string }): Promise<void> {
      await env.db().insert(printJobs).values({ tokenHash: j.tokenHash, userId: j.userId, document: j.document, issuedAt: j.at });
    },
    /** Marks the job finished and returns it; undefined when unknown or already finished (the token is one-time). */
    async finish(tokenHash: string, saved: boolean, at: string) {
      return first(
        env
          .db()
          .update(printJobs)
          .set({ finishedAt: at, saved })
          .where(and(eq(printJobs.tokenHash, tokenHash), isNull(printJobs.finishedAt)))
          .returning({ userId: printJobs.userId, document: printJobs.document }),
      );
    },
  };
}

/** Failed sign-ins per station (see sign_in_throttle for per-username). */
export function stationThrottleQueries(env: QueryEnv) {
  const { stationThrottle } = env.t;
  return {
    get(station: string) {
      return first(env.db().select().from(stationThrottle).where(eq(stationThrottle.station, station)));
    },
    async put(row: { station: string; failures: number; lastFailureAt: string; lockedUntil: string | null }): Promise<void> {
      await env
        .db()
        .insert(stationThrottle)
        .values(row)
        .onConflictDoUpdate({ target: stationThrottle.station, set: { failures: row.failures, lastFailureAt: row.lastFailureAt, lockedUntil: row.lockedUntil } });
    },
    async clear(station: string): Promise<void> {
      await env.db().delete(stationThrottle).where(eq(stationThrottle.station, station));
    },
    /** Stations locked now, newest first. */
    async locked(nowIso: string) {
      return env.db().select().from(stationThrottle).where(gt(stationThrottle.lockedUntil, nowIso)).orderBy(desc(stationThrottle.lastFailureAt));
    },
  };
}

export interface EmergencyGrantRow {
  id: number;
  userId: number;
  userName: string | null;
  residentId: number;
  residentName: string | null;
  reason: string;
  station: string | null;
  startedAt: string;
  expiresAt: string;
  reviewedBy: number | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
}

/** Emergency access ("break the glass") grants. */
export function emergencyQueries(env: QueryEnv) {
  const { emergencyAccess, users, residents } = env.t;
  return {
    async insert(g: { userId: number; residentId: number; reason: string; station: string; at: string; expiresAt: string }): Promise<number> {
      const rows = await env
        .db()
        .insert(emergencyAccess)
        .values({ userId: g.userId, residentId: g.residentId, reason: g.reason, station: g.station, startedAt: g.at, expiresAt: g.expiresAt })
        .returning({ id: emergencyAccess.id });
      return rows[0]!.id;
    },
    /** The grant that lets this person read this resident now, if any. */
    active(userId: number, residentId: number, nowIso: string) {
      return first(
        env
          .db()
          .select({ id: emergencyAccess.id, expiresAt: emergencyAccess.expiresAt })
          .from(emergencyAccess)
          .where(and(eq(emergencyAccess.userId, userId), eq(emergencyAccess.residentId, residentId), gt(emergencyAccess.expiresAt, nowIso)))
          .orderBy(desc(emergencyAccess.expiresAt))
          .limit(1),
      );
    },
    get(id: number) {
      return first(env.db().select().from(emergencyAccess).where(eq(emergencyAccess.id, id)));
    },
    /** The administrator's review list: newest first, unreviewed only unless asked. */
    async list(p: { offset: number; limit: number; unreviewedOnly: boolean }): Promise<{ rows: EmergencyGrantRow[]; total: number }> {
      const where: SQL | undefined = p.unreviewedOnly ? isNull(emergencyAccess.reviewedAt) : undefined;
      const reviewer = env.t.users;
      const rows = await env
        .db()
        .select({
          id: emergencyAccess.id,
          userId: emergencyAccess.userId,
          userName: users.displayName,
          residentId: emergencyAccess.residentId,
          legalFamily: residents.legalFamily,
          legalGiven: residents.legalGiven,
          reason: emergencyAccess.reason,
          station: emergencyAccess.station,
          startedAt: emergencyAccess.startedAt,
          expiresAt: emergencyAccess.expiresAt,
          reviewedBy: emergencyAccess.reviewedBy,
          reviewedAt: emergencyAccess.reviewedAt,
        })
        .from(emergencyAccess)
        .leftJoin(users, eq(users.id, emergencyAccess.userId))
        .leftJoin(residents, eq(residents.id, emergencyAccess.residentId))
        .where(where)
        .orderBy(desc(emergencyAccess.startedAt), desc(emergencyAccess.id))
        .limit(p.limit)
        .offset(p.offset);
      // Reviewer names in a second, small query: one join of users twice needs an alias per engine.
      const ids = [...new Set(rows.map((r) => r.reviewedBy).filter((x): x is number => x !== null))];
      const names = new Map<number, string>();
      for (const id of ids) {
        const u = await first(env.db().select({ name: reviewer.displayName }).from(reviewer).where(eq(reviewer.id, id)));
        if (u) names.set(id, u.name);
      }
      const total = (await first(env.db().select({ n: count() }).from(emergencyAccess).where(where)))?.n ?? 0;
      return {
        rows: rows.map(({ legalFamily, legalGiven, ...r }) => ({
          ...r,
          residentName: legalFamily === null || legalGiven === null ? null : `${legalFamily}, ${legalGiven}`,
          reviewedByName: r.reviewedBy === null ? null : (names.get(r.reviewedBy) ?? null),
        })),
        total: Number(total),
      };
    },
    async review(id: number, by: number, at: string): Promise<boolean> {
      const rows = await env
        .db()
        .update(emergencyAccess)
        .set({ reviewedBy: by, reviewedAt: at })
        .where(and(eq(emergencyAccess.id, id), isNull(emergencyAccess.reviewedAt)))
        .returning({ id: emergencyAccess.id });
      return rows.length === 1;
    },
    async countUnreviewed(): Promise<number> {
      return Number((await first(env.db().select({ n: count() }).from(emergencyAccess).where(isNull(emergencyAccess.reviewedAt))))?.n ?? 0);
    },
  };
}
