import { and, asc, count, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { CourseValidity } from '../../shared/domain/training/catalog';
import { DEFAULT_COURSE_CATALOG } from '../../shared/domain/training/catalog';
import type { StaffRole } from '../../shared/domain/training/vocabulary';
import type { QueryEnv } from '../engine/types';
import { credentialQueries } from './training-credentials';
import { sessionQueries } from './training-sessions';
import { first } from './util';

export interface StaffRow {
  id: number;
  name: string;
  role: StaffRole;
  employeeId: string;
  hireDate: string;
  unitId: number | null;
  unitName: string | null;
  active: boolean;
  userId: number | null;
  userName: string | null;
  version: number;
}

export interface StaffWrite {
  name: string;
  role: StaffRole;
  employeeId: string;
  hireDate: string;
  unitId: number | null;
  userId: number | null;
}

export interface CourseRow {
  id: number;
  code: string;
  name: string;
  validity: CourseValidity;
  roles: StaffRole[];
  countsAsInService: boolean;
  active: boolean;
  version: number;
}

export interface CourseWrite {
  name: string;
  validity: CourseValidity;
  roles: readonly StaffRole[];
  countsAsInService: boolean;
  active: boolean;
}

export interface RecordWrite {
  staffId: number;
  courseId: number;
  completedOn: string;
  hours: number | null;
  provider: string | null;
  certificateNumber: string | null;
}

export interface RecordRow extends RecordWrite {
  id: number;
  version: number;
  courseName: string;
  verifiedBy: number | null;
  verifiedByName: string | null;
  source: 'entry' | 'import' | 'session';
  /** The in-service session the record is attendance at (source 'session'). */
  sessionId: number | null;
  createdAt: string;
  voidedAt: string | null;
  voidReason: string | null;
}

export interface CertificateWrite {
  recordId: number;
  fileName: string;
  mimeType: 'application/pdf' | 'image/png' | 'image/jpeg';
  sizeBytes: number;
  sha256: string;
  data: Buffer;
}

/** An import row ready to insert (ids resolved, validated by the shared rule): the same shape as a manual record. */
export type ImportInsert = RecordWrite;

/** Staff as the matrix and lists need them: one query, no per-cell lookups. */
export interface RosterRow {
  id: number;
  name: string;
  employeeId: string;
  role: StaffRole;
  hireDate: string;
  unitId: number | null;
  unitName: string | null;
}

export const toValidity = (kind: 'months' | 'once_within_days_of_hire', value: number): CourseValidity =>
  kind === 'months' ? { kind, months: value } : { kind, days: value };

const validityColumns = (v: CourseValidity) => ({
  validityKind: v.kind,
  validityValue: v.kind === 'months' ? v.months : v.days,
});

export function trainingQueries(env: QueryEnv) {
  const { courseRoles, courses, shiftSchedules, shiftScheduleStaff, staff, trainingCertificates, trainingRecords, units, users } = env.t;
  const staffColumns = {
    id: staff.id,
    name: staff.name,
    role: staff.role,
    employeeId: staff.employeeId,
    hireDate: staff.hireDate,
    unitId: staff.unitId,
    unitName: units.name,
    active: staff.active,
    userId: staff.userId,
    userName: users.displayName,
    version: staff.version,
  };
  const nameOrder = env.d.kind === 'pg' ? 'lower(s.name)' : 's.name COLLATE NOCASE';

  // Hot path of the matrix, lapsing list and coverage: the latest live completion per staff × course
  // as of a date, straight off the covering index training_records_live_unique. Raw rows, no mapping.
  const latestStmt = env.statement(
    `SELECT staff_id, course_id, MAX(completed_on) FROM training_records
     WHERE voided_at IS NULL AND completed_on <= @asOf GROUP BY staff_id, course_id`,
  );
  const rosterStmt = env.statement(
    `SELECT s.id, s.name, s.employee_id, s.role, s.hire_date, s.unit_id, u.name
     FROM staff s LEFT JOIN units u ON u.id = s.unit_id
     WHERE s.active = TRUE AND s.hire_date <= @asOf
     ORDER BY ${nameOrder}, s.id`,
  );

  function getStaff(id: number): Promise<StaffRow | undefined> {
    return first(
      env
        .db()
        .select(staffColumns)
        .from(staff)
        .leftJoin(units, eq(units.id, staff.unitId))
        .leftJoin(users, eq(users.id, staff.userId))
        .where(eq(staff.id, id)) as Promise<StaffRow[]>,
    );
  }

  async function listCourses(includeInactive: boolean): Promise<CourseRow[]> {
    const db = env.db();
    const rows = await db
      .select()
      .from(courses)
      .where(includeInactive ? undefined : eq(courses.active, true))
      .orderBy(asc(courses.sortOrder), asc(courses.id));
    const roleRows = await db.select().from(courseRoles).orderBy(asc(courseRoles.courseId), asc(courseRoles.role));
    const rolesByCourse = new Map<number, StaffRole[]>();
    for (const r of roleRows) {
      const list = rolesByCourse.get(r.courseId) ?? [];
      list.push(r.role);
      rolesByCourse.set(r.courseId, list);
    }
    return rows.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      validity: toValidity(c.validityKind, c.validityValue),
      roles: rolesByCourse.get(c.id) ?? [],
      countsAsInService: c.countsAsInService,
      active: c.active,
      version: c.version,
    }));
  }

  async function setRoles(courseId: number, roles: readonly StaffRole[]): Promise<void> {
    const db = env.db();
    await db.delete(courseRoles).where(eq(courseRoles.courseId, courseId));
    const unique = [...new Set(roles)];
    if (unique.length > 0) await db.insert(courseRoles).values(unique.map((role) => ({ courseId, role })));
  }

  async function insertCourse(c: CourseWrite & { code: string }, at: string): Promise<number> {
    const db = env.db();
    const sortOrder = ((await first(db.select({ n: sql<number>`coalesce(max(${courses.sortOrder}), -1)` }).from(courses)))?.n ?? -1) + 1;
    const id = (
      await db
        .insert(courses)
        .values({ code: c.code, name: c.name, ...validityColumns(c.validity), countsAsInService: c.countsAsInService, active: c.active, sortOrder, createdAt: at, updatedAt: at })
        .returning({ id: courses.id })
    )[0]!.id;
    await setRoles(id, c.roles);
    return id;
  }

  const recordColumns = {
    id: trainingRecords.id,
    staffId: trainingRecords.staffId,
    courseId: trainingRecords.courseId,
    courseName: courses.name,
    completedOn: trainingRecords.completedOn,
    hours: trainingRecords.hours,
    provider: trainingRecords.provider,
    certificateNumber: trainingRecords.certificateNumber,
    verifiedBy: trainingRecords.verifiedBy,
    verifiedByName: users.displayName,
    source: trainingRecords.source,
    sessionId: trainingRecords.sessionId,
    createdAt: trainingRecords.createdAt,
    voidedAt: trainingRecords.voidedAt,
    voidReason: trainingRecords.voidReason,
    version: trainingRecords.version,
  };

  function getRecord(id: number): Promise<RecordRow | undefined> {
    return first(
      env
        .db()
        .select(recordColumns)
        .from(trainingRecords)
        .innerJoin(courses, eq(courses.id, trainingRecords.courseId))
        .leftJoin(users, eq(users.id, trainingRecords.verifiedBy))
        .where(eq(trainingRecords.id, id)),
    );
  }

  /**
   * Bulk insert for imports, sessions and the demo. Hand-written and prepared once per chunk size: building
   * 100,000 rows through drizzle's query builder took most of a 100,000-row import (5,000 rows/s); one
   * prepared multi-row INSERT per 500 rows is what keeps the import above 50,000 rows/s. The values every
   * row shares (verifier, source, session, time) are one parameter each.
   */
  const insertStatements = new Map<string, ReturnType<QueryEnv['statement']>>();
  // Every raw statement returns rows (better-sqlite3 refuses all() on one that does not): without ids, only the id column.
  const insertStatement = (size: number, returning: boolean) => {
    const key = `${size}${returning ? 'r' : ''}`;
    let s = insertStatements.get(key);
    if (!s) {
      const values = Array.from({ length: size }, (_, i) => `(@s${i}, @c${i}, @d${i}, @h${i}, @p${i}, @n${i}, CAST(@v AS INTEGER), @src, CAST(@sid AS INTEGER), @at, @at)`);
      s = env.statement(
        `INSERT INTO training_records (staff_id, course_id, completed_on, hours, provider, certificate_number, verified_by, source, session_id, created_at, updated_at)
         VALUES ${values.join(', ')} RETURNING id${returning ? ', staff_id, course_id, completed_on' : ''}`,
      );
      insertStatements.set(key, s);
    }
    return s;
  };
  const INSERT_CHUNK = 500;
  // Parameter names per row, built once rather than 600,000 times for a 100,000-row import.
  const PARAM_NAMES = Array.from({ length: INSERT_CHUNK }, (_, i) => [`s${i}`, `c${i}`, `d${i}`, `h${i}`, `p${i}`, `n${i}`] as const);

  /**
   * Inserts the rows in chunks, in the caller's transaction; returns their ids in the order of `rows` (a
   * chunk's staff × course × date is unique among live records), or only how many when `withIds` is false.
   */
  async function insertRecords(rows: readonly RecordWrite[], verifiedBy: number | null, source: 'entry' | 'import' | 'session', at: string, sessionId: number | null = null, withIds = true): Promise<number[]> {
    const ids: number[] = [];
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      const params: Record<string, unknown> = { v: verifiedBy, src: source, sid: sessionId, at };
      for (let i = 0; i < chunk.length; i++) {
        const r = chunk[i]!;
        const [s, c, d, h, p, n] = PARAM_NAMES[i]!;
        params[s] = r.staffId;
        params[c] = r.courseId;
        params[d] = r.completedOn;
        params[h] = r.hours;
        params[p] = r.provider;
        params[n] = r.certificateNumber;
      }
      const returned = (await insertStatement(chunk.length, withIds).rows(params)) as [number, number, number, string][];
      if (!withIds) continue;
      const byKey = new Map(returned.map(([id, s, c, d]) => [`${s}|${c}|${d}`, id]));
      for (const r of chunk) ids.push(byKey.get(`${r.staffId}|${r.courseId}|${r.completedOn}`)!);
    }
    return ids;
  }

  const latestOfStmt = env.statement(
    `SELECT staff_id, course_id, MAX(completed_on) FROM training_records
     WHERE voided_at IS NULL AND completed_on <= @asOf AND staff_id = @staffId GROUP BY staff_id, course_id`,
  );

  return {
    ...credentialQueries(env),
    ...sessionQueries(env),
    /**
     * Writes the default catalog into a facility that has no courses yet. Called when the facility is
     * created (and by the demo generator); a facility that edited its catalog is never touched again.
     */
    async ensureDefaultCatalog(at: string): Promise<number> {
      const existing = (await first(env.db().select({ n: count() }).from(courses)))?.n ?? 0;
      if (existing > 0) return 0;
      for (const c of DEFAULT_COURSE_CATALOG) await insertCourse({ ...c, active: true }, at);
      return DEFAULT_COURSE_CATALOG.length;
    },

    // ---- staff
    getStaff,
    async listStaff(p: { offset: number; limit: number; query?: string | undefined; unitId: number | null; role: StaffRole | null; includeInactive: boolean }) {
      const q = p.query?.trim();
      const conditions: (SQL | undefined)[] = [
        p.includeInactive ? undefined : eq(staff.active, true),
        p.unitId === null ? undefined : eq(staff.unitId, p.unitId),
        p.role === null ? undefined : eq(staff.role, p.role),
        q ? or(env.d.containsText(staff.name, q), env.d.containsText(staff.employeeId, q)) : undefined,
      ];
      const where = and(...conditions);
      const rows = (await env
        .db()
        .select(staffColumns)
        .from(staff)
        .leftJoin(units, eq(units.id, staff.unitId))
        .leftJoin(users, eq(users.id, staff.userId))
        .where(where)
        .orderBy(asc(env.d.ciOrder(staff.name)), asc(staff.id))
        .limit(p.limit)
        .offset(p.offset)) as StaffRow[];
      const total = (await first(env.db().select({ n: count() }).from(staff).where(where)))?.n ?? 0;
      return { rows, total };
    },
    async insertStaff(s: StaffWrite, at: string): Promise<number> {
      return (await env.db().insert(staff).values({ ...s, createdAt: at, updatedAt: at }).returning({ id: staff.id }))[0]!.id;
    },
    /** false: the record changed since the editor read `expectedVersion`; nothing written. */
    async updateStaff(id: number, s: StaffWrite, at: string, expectedVersion: number): Promise<boolean> {
      const rows = await env
        .db()
        .update(staff)
        .set({ ...s, updatedAt: at, version: sql`${staff.version} + 1` })
        .where(and(eq(staff.id, id), eq(staff.version, expectedVersion)))
        .returning({ id: staff.id });
      return rows.length === 1;
    },
    async setStaffActive(id: number, active: boolean, at: string): Promise<void> {
      await env
        .db()
        .update(staff)
        .set({ active, updatedAt: at, version: sql`${staff.version} + 1` })
        .where(eq(staff.id, id));
    },
    async employeeIdTaken(employeeId: string, exceptId: number | null): Promise<boolean> {
      const row = await first(env.db().select({ id: staff.id }).from(staff).where(env.d.ciEquals(staff.employeeId, employeeId)));
      return row !== undefined && row.id !== exceptId;
    },
    async userLinkedElsewhere(userId: number, exceptId: number | null): Promise<boolean> {
      const row = await first(env.db().select({ id: staff.id }).from(staff).where(eq(staff.userId, userId)));
      return row !== undefined && row.id !== exceptId;
    },
    async unitExists(id: number): Promise<boolean> {
      return (await first(env.db().select({ id: units.id }).from(units).where(eq(units.id, id)))) !== undefined;
    },
    /** The staff record linked to a user account (My training), if any. */
    async staffOfUser(userId: number): Promise<StaffRow | undefined> {
      return first(
        env
          .db()
          .select(staffColumns)
          .from(staff)
          .leftJoin(units, eq(units.id, staff.unitId))
          .leftJoin(users, eq(users.id, staff.userId))
          .where(eq(staff.userId, userId)) as Promise<StaffRow[]>,
      );
    },
    async userExists(id: number): Promise<boolean> {
      return (await first(env.db().select({ id: users.id }).from(users).where(eq(users.id, id)))) !== undefined;
    },
    /** Active staff hired on or before `asOf`, by name: the people a matrix as of that date lists. */
    async roster(asOf: string): Promise<RosterRow[]> {
      return ((await rosterStmt.rows({ asOf })) as [number, string, string, StaffRole, string, number | null, string | null][]).map((r) => ({
        id: r[0],
        name: r[1],
        employeeId: r[2],
        role: r[3],
        hireDate: r[4],
        unitId: r[5],
        unitName: r[6],
      }));
    },
    async activeStaffNames(ids: readonly number[]): Promise<Map<number, string>> {
      if (ids.length === 0) return new Map();
      const rows = await env
        .db()
        .select({ id: staff.id, name: staff.name })
        .from(staff)
        .where(inArray(staff.id, [...ids]));
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    // ---- courses
    listCourses,
    async getCourse(id: number): Promise<CourseRow | undefined> {
      return (await listCourses(true)).find((c) => c.id === id);
    },
    async courseCodeTaken(code: string): Promise<boolean> {
      return (await first(env.db().select({ id: courses.id }).from(courses).where(eq(courses.code, code)))) !== undefined;
    },
    insertCourse,
    async updateCourse(id: number, c: CourseWrite, at: string): Promise<void> {
      await env
        .db()
        .update(courses)
        .set({ name: c.name, ...validityColumns(c.validity), countsAsInService: c.countsAsInService, active: c.active, updatedAt: at, version: sql`${courses.version} + 1` })
        .where(eq(courses.id, id));
      await setRoles(id, c.roles);
    },

    // ---- records
    getRecord,
    async listRecords(p: { staffId: number; offset: number; limit: number; includeVoided: boolean }) {
      const where = and(eq(trainingRecords.staffId, p.staffId), p.includeVoided ? undefined : isNull(trainingRecords.voidedAt));
      const rows = await env
        .db()
        .select(recordColumns)
        .from(trainingRecords)
        .innerJoin(courses, eq(courses.id, trainingRecords.courseId))
        .leftJoin(users, eq(users.id, trainingRecords.verifiedBy))
        .where(where)
        .orderBy(desc(trainingRecords.completedOn), desc(trainingRecords.id))
        .limit(p.limit)
        .offset(p.offset);
      const total = (await first(env.db().select({ n: count() }).from(trainingRecords).where(where)))?.n ?? 0;
      return { rows, total };
    },
    /** A live record with the same staff, course and date (the duplicate rule), other than `exceptId`. */
    async findLiveDuplicate(staffId: number, courseId: number, completedOn: string, exceptId: number | null): Promise<number | null> {
      const row = await first(
        env
          .db()
          .select({ id: trainingRecords.id })
          .from(trainingRecords)
          .where(and(eq(trainingRecords.staffId, staffId), eq(trainingRecords.courseId, courseId), eq(trainingRecords.completedOn, completedOn), isNull(trainingRecords.voidedAt))),
      );
      return row !== undefined && row.id !== exceptId ? row.id : null;
    },
    async insertRecord(r: RecordWrite, verifiedBy: number | null, at: string): Promise<number> {
      return (await insertRecords([r], verifiedBy, 'entry', at))[0]!;
    },
    /** false: the record changed since the editor read `expectedVersion`; nothing written. */
    async updateRecord(id: number, r: RecordWrite, verifiedBy: number | null, at: string, expectedVersion: number): Promise<boolean> {
      const rows = await env
        .db()
        .update(trainingRecords)
        .set({ ...r, verifiedBy, updatedAt: at, version: sql`${trainingRecords.version} + 1` })
        .where(and(eq(trainingRecords.id, id), eq(trainingRecords.version, expectedVersion)))
        .returning({ id: trainingRecords.id });
      return rows.length === 1;
    },
    async voidRecord(id: number, by: number | null, reason: string, at: string): Promise<void> {
      await env
        .db()
        .update(trainingRecords)
        .set({ voidedAt: at, voidedBy: by, voidReason: reason, updatedAt: at, version: sql`${trainingRecords.version} + 1` })
        .where(eq(trainingRecords.id, id));
    },
    /** [staffId, courseId, latest completion] for every pair with a live record on or before asOf. */
    async latestCompletions(asOf: string): Promise<[number, number, string][]> {
      return (await latestStmt.rows({ asOf })) as [number, number, string][];
    },
    /** The same for one person (My training, transport's check). */
    async latestCompletionsOf(staffId: number, asOf: string): Promise<[number, number, string][]> {
      return (await latestOfStmt.rows({ asOf, staffId })) as [number, number, string][];
    },
    /** Live completions of the given staff on or before `through`, any course: evidence for checks on several dates. */
    async completionsThrough(staffIds: readonly number[], through: string): Promise<{ staffId: number; courseId: number; completedOn: string }[]> {
      if (staffIds.length === 0) return [];
      return await env
        .db()
        .select({ staffId: trainingRecords.staffId, courseId: trainingRecords.courseId, completedOn: trainingRecords.completedOn })
        .from(trainingRecords)
        .where(and(inArray(trainingRecords.staffId, [...new Set(staffIds)]), isNull(trainingRecords.voidedAt), lte(trainingRecords.completedOn, through)));
    },
    /** Live completions of one course by the given staff, on or before asOf. */
    async completionsOf(courseId: number, staffIds: readonly number[], asOf: string): Promise<{ staffId: number; completedOn: string }[]> {
      if (staffIds.length === 0) return [];
      return await env
        .db()
        .select({ staffId: trainingRecords.staffId, completedOn: trainingRecords.completedOn })
        .from(trainingRecords)
        .where(and(eq(trainingRecords.courseId, courseId), inArray(trainingRecords.staffId, [...staffIds]), isNull(trainingRecords.voidedAt), lte(trainingRecords.completedOn, asOf)));
    },
    /** Earliest live completion per staff of one course (orientation: was it within the deadline?). */
    async firstCompletions(courseId: number, asOf: string): Promise<Map<number, string>> {
      const rows = await env
        .db()
        .select({ staffId: trainingRecords.staffId, first: sql<string>`min(${trainingRecords.completedOn})` })
        .from(trainingRecords)
        .where(and(isNull(trainingRecords.voidedAt), eq(trainingRecords.courseId, courseId), lte(trainingRecords.completedOn, asOf)))
        .groupBy(trainingRecords.staffId);
      return new Map(rows.map((r) => [r.staffId, r.first]));
    },
    /** Live in-service completions (course counts toward in-service) in (after, through], everyone's or one person's. */
    async inServiceCompletions(after: string, through: string, staffId: number | null = null): Promise<{ staffId: number; completedOn: string; hours: number | null }[]> {
      return await env
        .db()
        .select({ staffId: trainingRecords.staffId, completedOn: trainingRecords.completedOn, hours: trainingRecords.hours })
        .from(trainingRecords)
        .innerJoin(courses, eq(courses.id, trainingRecords.courseId))
        .where(
          and(
            isNull(trainingRecords.voidedAt),
            eq(courses.countsAsInService, true),
            sql`${trainingRecords.completedOn} > ${after}`,
            lte(trainingRecords.completedOn, through),
            staffId === null ? undefined : eq(trainingRecords.staffId, staffId),
          ),
        );
    },

    // ---- certificates
    async insertCertificate(c: CertificateWrite, by: number | null, at: string): Promise<number> {
      return (await env.db().insert(trainingCertificates).values({ ...c, uploadedAt: at, uploadedBy: by }).returning({ id: trainingCertificates.id }))[0]!.id;
    },
    getCertificate(id: number) {
      return first(env.db().select().from(trainingCertificates).where(eq(trainingCertificates.id, id)));
    },
    async certificatesOf(recordIds: readonly number[]) {
      if (recordIds.length === 0) return [];
      return await env
        .db()
        .select({
          id: trainingCertificates.id,
          recordId: trainingCertificates.recordId,
          fileName: trainingCertificates.fileName,
          mimeType: trainingCertificates.mimeType,
          sizeBytes: trainingCertificates.sizeBytes,
        })
        .from(trainingCertificates)
        .where(inArray(trainingCertificates.recordId, [...recordIds]))
        .orderBy(asc(trainingCertificates.id));
    },

    // ---- shift schedules
    async getSchedule(shiftId: number, date: string): Promise<{ entered: boolean; staffIds: number[] }> {
      const db = env.db();
      const header = await first(
        db
          .select({ id: shiftSchedules.id })
          .from(shiftSchedules)
          .where(and(eq(shiftSchedules.shiftId, shiftId), eq(shiftSchedules.date, date))),
      );
      if (!header) return { entered: false, staffIds: [] };
      const staffIds = (
        await db.select({ staffId: shiftScheduleStaff.staffId }).from(shiftScheduleStaff).where(eq(shiftScheduleStaff.scheduleId, header.id)).orderBy(asc(shiftScheduleStaff.staffId))
      ).map((r) => r.staffId);
      return { entered: true, staffIds };
    },
    async setSchedule(shiftId: number, date: string, staffIds: readonly number[], by: number | null, at: string): Promise<void> {
      const db = env.db();
      const header = (
        await db
          .insert(shiftSchedules)
          .values({ shiftId, date, enteredAt: at, enteredBy: by })
          .onConflictDoUpdate({ target: [shiftSchedules.shiftId, shiftSchedules.date], set: { enteredAt: at, enteredBy: by } })
          .returning({ id: shiftSchedules.id })
      )[0]!;
      await db.delete(shiftScheduleStaff).where(eq(shiftScheduleStaff.scheduleId, header.id));
      const unique = [...new Set(staffIds)];
      if (unique.length > 0) await db.insert(shiftScheduleStaff).values(unique.map((staffId) => ({ scheduleId: header.id, staffId })));
    },
    /** shiftId → on-duty staff ids, for every shift with a schedule entered on `date`. */
    async schedulesOn(date: string): Promise<Map<number, number[]>> {
      const rows = await env
        .db()
        .select({ shiftId: shiftSchedules.shiftId, staffId: shiftScheduleStaff.staffId })
        .from(shiftSchedules)
        .leftJoin(shiftScheduleStaff, eq(shiftScheduleStaff.scheduleId, shiftSchedules.id))
        .where(eq(shiftSchedules.date, date));
      const out = new Map<number, number[]>();
      for (const { shiftId, staffId } of rows) {
        const list = out.get(shiftId) ?? [];
        if (staffId !== null) list.push(staffId);
        out.set(shiftId, list);
      }
      return out;
    },
    async staffExist(ids: readonly number[]): Promise<boolean> {
      if (ids.length === 0) return true;
      const unique = [...new Set(ids)];
      return ((await first(env.db().select({ n: count() }).from(staff).where(inArray(staff.id, unique))))?.n ?? 0) === unique.length;
    },

    // ---- import
    /** Every employee id (as written) → staff id, active or not: an LMS export has leavers too. */
    async employeeIdMap(): Promise<Map<string, number>> {
      const rows = await env.db().select({ employeeId: staff.employeeId, id: staff.id }).from(staff);
      return new Map(rows.map((r) => [r.employeeId, r.id]));
    },
    /** "staffId|courseId|date" → record id of live records in a date range, for duplicate detection. */
    async liveKeysBetween(from: string, through: string): Promise<Map<string, number>> {
      const rows = await env
        .db()
        .select({ s: trainingRecords.staffId, c: trainingRecords.courseId, d: trainingRecords.completedOn, id: trainingRecords.id })
        .from(trainingRecords)
        .where(and(isNull(trainingRecords.voidedAt), sql`${trainingRecords.completedOn} >= ${from}`, lte(trainingRecords.completedOn, through)));
      const out = new Map<string, number>();
      for (const r of rows) out.set(`${r.s}|${r.c}|${r.d}`, r.id);
      return out;
    },
    /** Many records at once (the demo facility); the caller's transaction makes it all-or-nothing. */
    insertRecords,
    /** Bulk insert for an import; the caller's transaction makes it all-or-nothing. */
    async insertImported(rows: readonly ImportInsert[], verifiedBy: number | null, at: string): Promise<number> {
      await insertRecords(rows, verifiedBy, 'import', at, null, false);
      return rows.length;
    },
    async countRecords(): Promise<number> {
      return (await first(env.db().select({ n: count() }).from(trainingRecords)))?.n ?? 0;
    },
  };
}
export type TrainingQueries = ReturnType<typeof trainingQueries>;
