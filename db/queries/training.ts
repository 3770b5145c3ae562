import { and, asc, count, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { CourseValidity } from '../../shared/domain/training/catalog';
import { DEFAULT_COURSE_CATALOG } from '../../shared/domain/training/catalog';
import type { StaffRole } from '../../shared/domain/training/vocabulary';
import type { Db } from '../open';
import { containsText } from './like';
import {
  courseRoles,
  courses,
  shiftSchedules,
  shiftScheduleStaff,
  staff,
  trainingCertificates,
  trainingRecords,
  units,
  users,
} from '../schema';

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
  courseName: string;
  verifiedBy: number | null;
  verifiedByName: string | null;
  source: 'entry' | 'import';
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
};

const toValidity = (kind: 'months' | 'once_within_days_of_hire', value: number): CourseValidity =>
  kind === 'months' ? { kind, months: value } : { kind, days: value };

const validityColumns = (v: CourseValidity) => ({
  validityKind: v.kind,
  validityValue: v.kind === 'months' ? v.months : v.days,
});

export function trainingQueries(db: Db) {
  const sqlite = db.$client;

  // Hot path of the matrix, lapsing list and coverage: the latest live completion per staff × course
  // as of a date, straight off the covering index training_records_live_unique. Raw rows, no mapping.
  const latestStmt = sqlite
    .prepare<[string], [number, number, string]>(
      `SELECT staff_id, course_id, MAX(completed_on) FROM training_records
       WHERE voided_at IS NULL AND completed_on <= ? GROUP BY staff_id, course_id`,
    )
    .raw(true);

  const rosterStmt = sqlite
    .prepare<[string], [number, string, string, StaffRole, string, number | null, string | null]>(
      `SELECT s.id, s.name, s.employee_id, s.role, s.hire_date, s.unit_id, u.name
       FROM staff s LEFT JOIN units u ON u.id = s.unit_id
       WHERE s.active = 1 AND s.hire_date <= ?
       ORDER BY s.name COLLATE NOCASE, s.id`,
    )
    .raw(true);

  const insertRecordStmt = sqlite.prepare(
    `INSERT INTO training_records (staff_id, course_id, completed_on, hours, provider, certificate_number, verified_by, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  function getStaff(id: number): StaffRow | undefined {
    return db
      .select(staffColumns)
      .from(staff)
      .leftJoin(units, eq(units.id, staff.unitId))
      .leftJoin(users, eq(users.id, staff.userId))
      .where(eq(staff.id, id))
      .get() as StaffRow | undefined;
  }

  function listCourses(includeInactive: boolean): CourseRow[] {
    const rows = db
      .select()
      .from(courses)
      .where(includeInactive ? undefined : eq(courses.active, true))
      .orderBy(asc(courses.sortOrder), asc(courses.id))
      .all();
    const roleRows = db.select().from(courseRoles).all();
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
    }));
  }

  function setRoles(courseId: number, roles: readonly StaffRole[]): void {
    db.delete(courseRoles).where(eq(courseRoles.courseId, courseId)).run();
    for (const role of new Set(roles)) db.insert(courseRoles).values({ courseId, role }).run();
  }

  function insertCourse(c: CourseWrite & { code: string }, at: string): number {
    const sortOrder = (db.select({ n: sql<number>`coalesce(max(${courses.sortOrder}), -1)` }).from(courses).get()?.n ?? -1) + 1;
    const id = db
      .insert(courses)
      .values({ code: c.code, name: c.name, ...validityColumns(c.validity), countsAsInService: c.countsAsInService, active: c.active, sortOrder, createdAt: at, updatedAt: at })
      .returning({ id: courses.id })
      .get().id;
    setRoles(id, c.roles);
    return id;
  }

  function getRecord(id: number): RecordRow | undefined {
    return db
      .select({
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
        createdAt: trainingRecords.createdAt,
        voidedAt: trainingRecords.voidedAt,
        voidReason: trainingRecords.voidReason,
      })
      .from(trainingRecords)
      .innerJoin(courses, eq(courses.id, trainingRecords.courseId))
      .leftJoin(users, eq(users.id, trainingRecords.verifiedBy))
      .where(eq(trainingRecords.id, id))
      .get();
  }

  return {
    /**
     * Writes the default catalog into a facility that has no courses yet. Called when the facility is
     * created (and by the demo generator); a facility that edited its catalog is never touched again.
     */
    ensureDefaultCatalog(at: string): number {
      const existing = db.select({ n: count() }).from(courses).get()?.n ?? 0;
      if (existing > 0) return 0;
      for (const c of DEFAULT_COURSE_CATALOG) insertCourse({ ...c, active: true }, at);
      return DEFAULT_COURSE_CATALOG.length;
    },

    // ---- staff
    getStaff,
    listStaff(p: { offset: number; limit: number; query?: string | undefined; unitId: number | null; role: StaffRole | null; includeInactive: boolean }) {
      const q = p.query?.trim();
      const conditions: (SQL | undefined)[] = [
        p.includeInactive ? undefined : eq(staff.active, true),
        p.unitId === null ? undefined : eq(staff.unitId, p.unitId),
        p.role === null ? undefined : eq(staff.role, p.role),
        q ? or(containsText(staff.name, q), containsText(staff.employeeId, q)) : undefined,
      ];
      const where = and(...conditions);
      const rows = db
        .select(staffColumns)
        .from(staff)
        .leftJoin(units, eq(units.id, staff.unitId))
        .leftJoin(users, eq(users.id, staff.userId))
        .where(where)
        .orderBy(asc(sql`${staff.name} COLLATE NOCASE`), asc(staff.id))
        .limit(p.limit)
        .offset(p.offset)
        .all() as StaffRow[];
      const total = db.select({ n: count() }).from(staff).where(where).get()?.n ?? 0;
      return { rows, total };
    },
    insertStaff(s: StaffWrite, at: string): number {
      return db.insert(staff).values({ ...s, createdAt: at, updatedAt: at }).returning({ id: staff.id }).get().id;
    },
    updateStaff(id: number, s: StaffWrite, at: string): void {
      db.update(staff).set({ ...s, updatedAt: at }).where(eq(staff.id, id)).run();
    },
    setStaffActive(id: number, active: boolean, at: string): void {
      db.update(staff).set({ active, updatedAt: at }).where(eq(staff.id, id)).run();
    },
    employeeIdTaken(employeeId: string, exceptId: number | null): boolean {
      const row = db
        .select({ id: staff.id })
        .from(staff)
        .where(sql`${staff.employeeId} = ${employeeId} COLLATE NOCASE`)
        .get();
      return row !== undefined && row.id !== exceptId;
    },
    userLinkedElsewhere(userId: number, exceptId: number | null): boolean {
      const row = db.select({ id: staff.id }).from(staff).where(eq(staff.userId, userId)).get();
      return row !== undefined && row.id !== exceptId;
    },
    unitExists(id: number): boolean {
      return db.select({ id: units.id }).from(units).where(eq(units.id, id)).get() !== undefined;
    },
    userExists(id: number): boolean {
      return db.select({ id: users.id }).from(users).where(eq(users.id, id)).get() !== undefined;
    },
    /** Active staff hired on or before `asOf`, by name: the people a matrix as of that date lists. */
    roster(asOf: string): RosterRow[] {
      return rosterStmt.all(asOf).map((r) => ({ id: r[0], name: r[1], employeeId: r[2], role: r[3], hireDate: r[4], unitId: r[5], unitName: r[6] }));
    },
    activeStaffNames(ids: readonly number[]): Map<number, string> {
      if (ids.length === 0) return new Map();
      const rows = db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, [...ids])).all();
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    // ---- courses
    listCourses,
    getCourse(id: number): CourseRow | undefined {
      return listCourses(true).find((c) => c.id === id);
    },
    courseCodeTaken(code: string): boolean {
      return db.select({ id: courses.id }).from(courses).where(eq(courses.code, code)).get() !== undefined;
    },
    insertCourse,
    updateCourse(id: number, c: CourseWrite, at: string): void {
      db.update(courses)
        .set({ name: c.name, ...validityColumns(c.validity), countsAsInService: c.countsAsInService, active: c.active, updatedAt: at })
        .where(eq(courses.id, id))
        .run();
      setRoles(id, c.roles);
    },

    // ---- records
    getRecord,
    listRecords(p: { staffId: number; offset: number; limit: number; includeVoided: boolean }) {
      const where = and(eq(trainingRecords.staffId, p.staffId), p.includeVoided ? undefined : isNull(trainingRecords.voidedAt));
      const ids = db
        .select({ id: trainingRecords.id })
        .from(trainingRecords)
        .where(where)
        .orderBy(sql`${trainingRecords.completedOn} DESC`, sql`${trainingRecords.id} DESC`)
        .limit(p.limit)
        .offset(p.offset)
        .all()
        .map((r) => r.id);
      const rows = ids.map((id) => getRecord(id)).filter((r): r is RecordRow => r !== undefined);
      const total = db.select({ n: count() }).from(trainingRecords).where(where).get()?.n ?? 0;
      return { rows, total };
    },
    /** A live record with the same staff, course and date (the duplicate rule), other than `exceptId`. */
    findLiveDuplicate(staffId: number, courseId: number, completedOn: string, exceptId: number | null): number | null {
      const row = db
        .select({ id: trainingRecords.id })
        .from(trainingRecords)
        .where(
          and(
            eq(trainingRecords.staffId, staffId),
            eq(trainingRecords.courseId, courseId),
            eq(trainingRecords.completedOn, completedOn),
            isNull(trainingRecords.voidedAt),
          ),
        )
        .get();
      return row !== undefined && row.id !== exceptId ? row.id : null;
    },
    insertRecord(r: RecordWrite, verifiedBy: number | null, at: string): number {
      return Number(insertRecordStmt.run(r.staffId, r.courseId, r.completedOn, r.hours, r.provider, r.certificateNumber, verifiedBy, 'entry', at, at).lastInsertRowid);
    },
    updateRecord(id: number, r: RecordWrite, verifiedBy: number | null, at: string): void {
      db.update(trainingRecords).set({ ...r, verifiedBy, updatedAt: at }).where(eq(trainingRecords.id, id)).run();
    },
    voidRecord(id: number, by: number | null, reason: string, at: string): void {
      db.update(trainingRecords).set({ voidedAt: at, voidedBy: by, voidReason: reason, updatedAt: at }).where(eq(trainingRecords.id, id)).run();
    },
    /** [staffId, courseId, latest completion] for every pair with a live record on or before asOf. */
    latestCompletions(asOf: string): [number, number, string][] {
      return latestStmt.all(asOf);
    },
    /** Live completions of one course by the given staff, on or before asOf. */
    completionsOf(courseId: number, staffIds: readonly number[], asOf: string): { staffId: number; completedOn: string }[] {
      if (staffIds.length === 0) return [];
      return db
        .select({ staffId: trainingRecords.staffId, completedOn: trainingRecords.completedOn })
        .from(trainingRecords)
        .where(
          and(
            eq(trainingRecords.courseId, courseId),
            inArray(trainingRecords.staffId, [...staffIds]),
            isNull(trainingRecords.voidedAt),
            sql`${trainingRecords.completedOn} <= ${asOf}`,
          ),
        )
        .all();
    },
    /** Earliest live completion per staff of one course (orientation: was it within the deadline?). */
    firstCompletions(courseId: number, asOf: string): Map<number, string> {
      const rows = sqlite
        .prepare<[number, string], [number, string]>(
          'SELECT staff_id, MIN(completed_on) FROM training_records WHERE voided_at IS NULL AND course_id = ? AND completed_on <= ? GROUP BY staff_id',
        )
        .raw(true)
        .all(courseId, asOf);
      return new Map(rows);
    },
    /** Live in-service completions (course counts toward in-service) in (after, through]. */
    inServiceCompletions(after: string, through: string): { staffId: number; completedOn: string; hours: number | null }[] {
      return sqlite
        .prepare<[string, string], [number, string, number | null]>(
          `SELECT r.staff_id, r.completed_on, r.hours FROM training_records r JOIN courses c ON c.id = r.course_id
           WHERE r.voided_at IS NULL AND c.counts_as_in_service = 1 AND r.completed_on > ? AND r.completed_on <= ?`,
        )
        .raw(true)
        .all(after, through)
        .map((r) => ({ staffId: r[0], completedOn: r[1], hours: r[2] }));
    },

    // ---- certificates
    insertCertificate(c: CertificateWrite, by: number | null, at: string): number {
      return db.insert(trainingCertificates).values({ ...c, uploadedAt: at, uploadedBy: by }).returning({ id: trainingCertificates.id }).get().id;
    },
    getCertificate(id: number) {
      return db.select().from(trainingCertificates).where(eq(trainingCertificates.id, id)).get();
    },
    certificatesOf(recordIds: readonly number[]) {
      if (recordIds.length === 0) return [];
      return db
        .select({
          id: trainingCertificates.id,
          recordId: trainingCertificates.recordId,
          fileName: trainingCertificates.fileName,
          mimeType: trainingCertificates.mimeType,
          sizeBytes: trainingCertificates.sizeBytes,
        })
        .from(trainingCertificates)
        .where(inArray(trainingCertificates.recordId, [...recordIds]))
        .orderBy(asc(trainingCertificates.id))
        .all();
    },

    // ---- shift schedules
    getSchedule(shiftId: number, date: string): { entered: boolean; staffIds: number[] } {
      const header = db
        .select({ id: shiftSchedules.id })
        .from(shiftSchedules)
        .where(and(eq(shiftSchedules.shiftId, shiftId), eq(shiftSchedules.date, date)))
        .get();
      if (!header) return { entered: false, staffIds: [] };
      const staffIds = db
        .select({ staffId: shiftScheduleStaff.staffId })
        .from(shiftScheduleStaff)
        .where(eq(shiftScheduleStaff.scheduleId, header.id))
        .orderBy(asc(shiftScheduleStaff.staffId))
        .all()
        .map((r) => r.staffId);
      return { entered: true, staffIds };
    },
    setSchedule(shiftId: number, date: string, staffIds: readonly number[], by: number | null, at: string): void {
      const header = db
        .insert(shiftSchedules)
        .values({ shiftId, date, enteredAt: at, enteredBy: by })
        .onConflictDoUpdate({ target: [shiftSchedules.shiftId, shiftSchedules.date], set: { enteredAt: at, enteredBy: by } })
        .returning({ id: shiftSchedules.id })
        .get();
      db.delete(shiftScheduleStaff).where(eq(shiftScheduleStaff.scheduleId, header.id)).run();
      for (const staffId of new Set(staffIds)) db.insert(shiftScheduleStaff).values({ scheduleId: header.id, staffId }).run();
    },
    /** shiftId → on-duty staff ids, for every shift with a schedule entered on `date`. */
    schedulesOn(date: string): Map<number, number[]> {
      const rows = sqlite
        .prepare<[string], [number, number | null]>(
          `SELECT h.shift_id, s.staff_id FROM shift_schedules h LEFT JOIN shift_schedule_staff s ON s.schedule_id = h.id WHERE h.date = ?`,
        )
        .raw(true)
        .all(date);
      const out = new Map<number, number[]>();
      for (const [shiftId, staffId] of rows) {
        const list = out.get(shiftId) ?? [];
        if (staffId !== null) list.push(staffId);
        out.set(shiftId, list);
      }
      return out;
    },
    staffExist(ids: readonly number[]): boolean {
      if (ids.length === 0) return true;
      const unique = [...new Set(ids)];
      return (db.select({ n: count() }).from(staff).where(inArray(staff.id, unique)).get()?.n ?? 0) === unique.length;
    },

    // ---- import
    /** Every employee id (as written) → staff id, active or not: an LMS export has leavers too. */
    employeeIdMap(): Map<string, number> {
      const rows = sqlite.prepare<[], [string, number]>('SELECT employee_id, id FROM staff').raw(true).all();
      return new Map(rows);
    },
    /** "staffId|courseId|date" → record id of live records in a date range, for duplicate detection. */
    liveKeysBetween(from: string, through: string): Map<string, number> {
      const rows = sqlite
        .prepare<[string, string], [number, number, string, number]>(
          'SELECT staff_id, course_id, completed_on, id FROM training_records WHERE voided_at IS NULL AND completed_on >= ? AND completed_on <= ?',
        )
        .raw(true)
        .all(from, through);
      const out = new Map<string, number>();
      for (const [s, c, d, id] of rows) out.set(`${s}|${c}|${d}`, id);
      return out;
    },
    /** Bulk insert for an import; the caller's transaction makes it all-or-nothing. */
    insertImported(rows: readonly ImportInsert[], verifiedBy: number | null, at: string): number {
      for (const r of rows) {
        insertRecordStmt.run(r.staffId, r.courseId, r.completedOn, r.hours, r.provider, r.certificateNumber, verifiedBy, 'import', at, at);
      }
      return rows.length;
    },
    countRecords(): number {
      return db.select({ n: count() }).from(trainingRecords).get()?.n ?? 0;
    },
  };
}
export type TrainingQueries = ReturnType<typeof trainingQueries>;
