import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { StaffRole } from '../../shared/domain/training/vocabulary';
import type { QueryEnv } from '../engine/types';
import { first } from './util';

/**
 * In-service sessions: one class, many attendees. The attendance is the training records that point at
 * the session, so these queries only add the session row and read records by session_id. Part of `q.training`.
 */

export interface SessionWrite {
  courseId: number;
  heldOn: string;
  hours: number;
  instructor: string;
  location: string | null;
}

export interface SessionRow extends SessionWrite {
  id: number;
  courseName: string;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  voidedAt: string | null;
  voidReason: string | null;
  /** Live records of the session: who it counts for now. */
  attendeeCount: number;
}

export interface AttendeeRow {
  recordId: number;
  staffId: number;
  name: string;
  employeeId: string;
  role: StaffRole;
  unitName: string | null;
  voidedAt: string | null;
  voidReason: string | null;
}

export function sessionQueries(env: QueryEnv) {
  const { courses, staff, trainingRecords, trainingSessions, units, users } = env.t;
  const liveCount = sql<number>`(SELECT count(*) FROM training_records r WHERE r.session_id = ${trainingSessions.id} AND r.voided_at IS NULL)`;
  const sessionColumns = {
    id: trainingSessions.id,
    courseId: trainingSessions.courseId,
    courseName: courses.name,
    heldOn: trainingSessions.heldOn,
    hours: trainingSessions.hours,
    instructor: trainingSessions.instructor,
    location: trainingSessions.location,
    createdBy: trainingSessions.createdBy,
    createdByName: users.displayName,
    createdAt: trainingSessions.createdAt,
    voidedAt: trainingSessions.voidedAt,
    voidReason: trainingSessions.voidReason,
    attendeeCount: liveCount,
  };
  // PostgreSQL returns count(*) as bigint text; both engines agree once it is a number.
  const toRow = (r: Omit<SessionRow, 'attendeeCount'> & { attendeeCount: number | string }): SessionRow => ({ ...r, attendeeCount: Number(r.attendeeCount) });

  return {
    async insertSession(s: SessionWrite, by: number | null, at: string): Promise<number> {
      return (await env.db().insert(trainingSessions).values({ ...s, createdBy: by, createdAt: at }).returning({ id: trainingSessions.id }))[0]!.id;
    },
    async getSession(id: number): Promise<SessionRow | undefined> {
      const row = await first(
        env
          .db()
          .select(sessionColumns)
          .from(trainingSessions)
          .innerJoin(courses, eq(courses.id, trainingSessions.courseId))
          .leftJoin(users, eq(users.id, trainingSessions.createdBy))
          .where(eq(trainingSessions.id, id)),
      );
      return row ? toRow(row) : undefined;
    },
    /** Newest first. */
    async listSessions(p: { offset: number; limit: number; includeVoided: boolean; courseId: number | null }) {
      const conditions: (SQL | undefined)[] = [p.includeVoided ? undefined : isNull(trainingSessions.voidedAt), p.courseId === null ? undefined : eq(trainingSessions.courseId, p.courseId)];
      const where = and(...conditions);
      const rows = await env
        .db()
        .select(sessionColumns)
        .from(trainingSessions)
        .innerJoin(courses, eq(courses.id, trainingSessions.courseId))
        .leftJoin(users, eq(users.id, trainingSessions.createdBy))
        .where(where)
        .orderBy(desc(trainingSessions.heldOn), desc(trainingSessions.id))
        .limit(p.limit)
        .offset(p.offset);
      const total = (await first(env.db().select({ n: count() }).from(trainingSessions).where(where)))?.n ?? 0;
      return { rows: rows.map(toRow), total };
    },
    /** Every record of a session, live or voided, by name. */
    async attendance(sessionId: number): Promise<AttendeeRow[]> {
      return await env
        .db()
        .select({
          recordId: trainingRecords.id,
          staffId: staff.id,
          name: staff.name,
          employeeId: staff.employeeId,
          role: staff.role,
          unitName: units.name,
          voidedAt: trainingRecords.voidedAt,
          voidReason: trainingRecords.voidReason,
        })
        .from(trainingRecords)
        .innerJoin(staff, eq(staff.id, trainingRecords.staffId))
        .leftJoin(units, eq(units.id, staff.unitId))
        .where(eq(trainingRecords.sessionId, sessionId))
        .orderBy(asc(env.d.ciOrder(staff.name)), asc(staff.id));
    },
    /** Of `staffIds`, those who already have a live record of the course on that date (the duplicate rule). */
    async recordedOn(courseId: number, completedOn: string, staffIds: readonly number[]): Promise<Set<number>> {
      if (staffIds.length === 0) return new Set();
      const rows = await env
        .db()
        .select({ staffId: trainingRecords.staffId })
        .from(trainingRecords)
        .where(and(eq(trainingRecords.courseId, courseId), eq(trainingRecords.completedOn, completedOn), isNull(trainingRecords.voidedAt), inArray(trainingRecords.staffId, [...new Set(staffIds)])));
      return new Set(rows.map((r) => r.staffId));
    },
    /** Which of `ids` are staff members: one query for a whole attendance list. */
    async existingStaff(ids: readonly number[]): Promise<Set<number>> {
      if (ids.length === 0) return new Set();
      const rows = await env.db().select({ id: staff.id }).from(staff).where(inArray(staff.id, [...new Set(ids)]));
      return new Set(rows.map((r) => r.id));
    },
    async voidSession(id: number, by: number | null, reason: string, at: string): Promise<void> {
      await env.db().update(trainingSessions).set({ voidedAt: at, voidedBy: by, voidReason: reason }).where(eq(trainingSessions.id, id));
    },
    /** Voids the session's live records in the caller's transaction; returns their ids. */
    async voidSessionRecords(sessionId: number, by: number | null, reason: string, at: string): Promise<number[]> {
      const rows = await env
        .db()
        .update(trainingRecords)
        .set({ voidedAt: at, voidedBy: by, voidReason: reason, updatedAt: at, version: sql`${trainingRecords.version} + 1` })
        .where(and(eq(trainingRecords.sessionId, sessionId), isNull(trainingRecords.voidedAt)))
        .returning({ id: trainingRecords.id });
      return rows.map((r) => r.id).sort((a, b) => a - b);
    },
  };
}
