import { createHash } from 'node:crypto';
import { languageOf } from '../../../shared/i18n/training';
import type { ImportPreview, MatrixOutput, StatusCounts } from '../../../shared/contract/training';
import { mapColumns } from '../../../shared/domain/csv/columns';
import { parseCsv } from '../../../shared/domain/csv/parse';
import { CPR_COURSE_CODE } from '../../../shared/domain/training/catalog';
import { checkCertificate, sniffCertificateType } from '../../../shared/domain/training/certificate';
import { certificateFileName } from '../../../shared/domain/privacy/upload-names';
import { pdfActiveContent } from '../pdf-active-content';
import { shiftCprCoverage } from '../../../shared/domain/training/coverage';
import { matrixCsv } from '../../../shared/domain/training/export';
import {
  TRAINING_IMPORT_ALIASES,
  TRAINING_IMPORT_REQUIRED,
  buildCourseKeyMap,
  importTrainingRows,
  type TrainingImportField,
} from '../../../shared/domain/training/import';
import { addDays, addMonths } from '../../../shared/domain/dates';
import type { ImportDateFormat } from '../../../shared/domain/csv/dates';
import { DEFAULT_IN_SERVICE_MINIMUM_HOURS, IN_SERVICE_ROLES, inServiceStanding, inServiceWindow } from '../../../shared/domain/training/inservice';
import { cellsFor, countCell, emptyCounts, lapsingFrom, matchesStatus } from '../../../shared/domain/training/matrix';
import { expiryOf, statusOf } from '../../../shared/domain/training/status';
import { validateTrainingRecord } from '../../../shared/domain/training/validate';
import type { StaffRole } from '../../../shared/domain/training/vocabulary';
import { err, fieldError, ok, type Err, type FieldIssue, type Result } from '../../../shared/result';
import type { CourseRow, RecordRow, RecordWrite, StaffWrite } from '../../../db/queries/training';
import { defineHandlers, type HandlerContext } from '../context';
import { credentialHandlers } from './training-credentials';
import { loadColumns, loadLatest } from './training-columns';
import { remindersHandlers } from './training-reminders';
import { sessionHandlers } from './training-sessions';
import { changedElsewhere } from './versions';

/** Import previews list at most this many row errors and duplicates; counts are always complete. */
const PREVIEW_LIST_LIMIT = 500;

async function recordOut(ctx: HandlerContext, r: RecordRow, course: CourseRow | undefined) {
  const certificates = (await ctx.q.training.certificatesOf([r.id])).map(({ id, fileName, mimeType, sizeBytes }) => ({ id, fileName, mimeType, sizeBytes }));
  return {
    id: r.id,
    staffId: r.staffId,
    courseId: r.courseId,
    courseName: r.courseName,
    completedOn: r.completedOn,
    expiresOn: course ? expiryOf(r.completedOn, course.validity) : null,
    hours: r.hours,
    provider: r.provider,
    certificateNumber: r.certificateNumber,
    verifiedBy: r.verifiedBy,
    verifiedByName: r.verifiedByName,
    source: r.source,
    sessionId: r.sessionId,
    createdAt: r.createdAt,
    voidedAt: r.voidedAt,
    voidReason: r.voidReason,
    version: r.version,
    certificates,
  };
}

/** Shared checks for create and update: the shared record rule, then references and duplicates. */
async function checkRecord(ctx: HandlerContext, input: RecordWrite, exceptId: number | null): Promise<Err | null> {
  const issues = validateTrainingRecord(
    {
      staffId: String(input.staffId),
      courseId: String(input.courseId),
      completedOn: input.completedOn,
      hours: input.hours,
      provider: input.provider,
      certificateNumber: input.certificateNumber,
    },
    ctx.today,
  );
  const fields: FieldIssue[] = issues.map((i) => ({ path: i.field, code: i.code }));
  if (!(await ctx.q.training.getStaff(input.staffId))) fields.push({ path: 'staffId', code: 'unknown_staff' });
  if (!(await ctx.q.training.getCourse(input.courseId))) fields.push({ path: 'courseId', code: 'unknown_course' });
  if (fields.length > 0) return err('validation', 'error.validation', { fields });
  if ((await ctx.q.training.findLiveDuplicate(input.staffId, input.courseId, input.completedOn, exceptId)) !== null) {
    return fieldError('completedOn', 'duplicate_record');
  }
  return null;
}

async function checkStaff(ctx: HandlerContext, s: StaffWrite, exceptId: number | null): Promise<Err | null> {
  const fields: FieldIssue[] = [];
  if (await ctx.q.training.employeeIdTaken(s.employeeId, exceptId)) fields.push({ path: 'employeeId', code: 'duplicate' });
  if (s.unitId !== null && !(await ctx.q.training.unitExists(s.unitId))) fields.push({ path: 'unitId', code: 'invalid_choice' });
  if (s.userId !== null) {
    if (!(await ctx.q.training.userExists(s.userId))) fields.push({ path: 'userId', code: 'invalid_choice' });
    else if (await ctx.q.training.userLinkedElsewhere(s.userId, exceptId)) fields.push({ path: 'userId', code: 'duplicate' });
  }
  if (s.hireDate > ctx.today) fields.push({ path: 'hireDate', code: 'in_future' });
  return fields.length > 0 ? err('validation', 'error.validation', { fields }) : null;
}

interface MatrixQuery {
  asOf: string;
  windowDays: number;
  unitId: number | null;
  role: StaffRole | null;
  status: MatrixOutput['rows'][number]['cells'][number]['status'] | 'attention' | null;
}

/** The whole filtered matrix: bulk reads (roster, columns, latest completions and credentials), then statusOf per cell in memory. */
async function computeMatrix(ctx: HandlerContext, f: MatrixQuery) {
  const courses = await loadColumns(ctx);
  const roster = (await ctx.q.training.roster(f.asOf)).filter((s) => (f.unitId === null || s.unitId === f.unitId) && (f.role === null || s.role === f.role));
  const latest = await loadLatest(ctx, courses, f.asOf);
  const byCourse = courses.map(() => emptyCounts());
  const byUnit = new Map<number | null, StatusCounts & { unitName: string | null }>();
  const all = emptyCounts();
  const rows: MatrixOutput['rows'] = [];
  for (const person of roster) {
    const cells = cellsFor(person, courses, latest, f.asOf, f.windowDays);
    if (!matchesStatus(cells, f.status)) continue;
    let unit = byUnit.get(person.unitId);
    if (unit === undefined) byUnit.set(person.unitId, (unit = { ...emptyCounts(), unitName: person.unitName }));
    cells.forEach((cell, i) => {
      countCell(byCourse[i]!, cell.status);
      countCell(unit, cell.status);
      countCell(all, cell.status);
    });
    rows.push({ staffId: person.id, name: person.name, employeeId: person.employeeId, role: person.role, unitId: person.unitId, cells });
  }
  return { courses, rows, byCourse, byUnit, all };
}

/** Every shift's CPR coverage on a date (the training rule); the handoff sheet and Today board print the same. */
export async function shiftCoverage(ctx: HandlerContext, date: string) {
  const shifts = await ctx.q.facility.shifts();
  const schedules = await ctx.q.training.schedulesOn(date);
  const cpr = (await ctx.q.training.listCourses(true)).find((c) => c.code === CPR_COURSE_CODE);
  const onDutyIds = [...new Set([...schedules.values()].flat())];
  const names = await ctx.q.training.activeStaffNames(onDutyIds);
  const cprRecordsByStaffId = new Map<string, { completedOn: string }[]>();
  if (cpr) {
    for (const r of await ctx.q.training.completionsOf(cpr.id, onDutyIds, date)) {
      const key = String(r.staffId);
      const list = cprRecordsByStaffId.get(key) ?? [];
      list.push({ completedOn: r.completedOn });
      cprRecordsByStaffId.set(key, list);
    }
  }
  return shifts.map((s) => {
    const onDuty = schedules.get(s.id) ?? null;
    const coverage = cpr
      ? shiftCprCoverage({ shiftDate: date, onDutyStaffIds: onDuty === null ? null : onDuty.map(String), cprValidity: cpr.validity, cprRecordsByStaffId })
      : ({ ok: 'unknown' } as const);
    const covered = new Set(coverage.ok === true ? coverage.coveredBy : []);
    return {
      shiftId: s.id,
      shiftName: s.name,
      start: s.start,
      end: s.end,
      date,
      result: coverage.ok === true ? ('ok' as const) : coverage.ok === false ? ('warning' as const) : ('unknown' as const),
      onDuty: (onDuty ?? []).map((id) => ({ staffId: id, name: names.get(id) ?? String(id), cprValid: covered.has(String(id)) })),
    };
  });
}

type ImportOverride = Partial<Record<TrainingImportField, number | null>>;

/** Parse, map, validate and find duplicates; shared by preview and commit so both see the same thing. */
async function analyseImport(ctx: HandlerContext, csv: string, override: ImportOverride, dateFormat: ImportDateFormat | null) {
  const parsed = parseCsv(csv);
  if (!parsed.ok) return { error: fieldError('csv', parsed.code === 'empty' ? 'csv_empty' : parsed.code, parsed.code === 'empty' ? undefined : { line: parsed.line }) };
  const mapped = mapColumns(parsed.header, TRAINING_IMPORT_ALIASES, override, { required: TRAINING_IMPORT_REQUIRED });
  const courses = await ctx.q.training.listCourses(true);
  const staffByEmployeeId = new Map<string, string>();
  for (const [employeeId, id] of await ctx.q.training.employeeIdMap()) staffByEmployeeId.set(employeeId, String(id));
  const result = importTrainingRows({
    rows: parsed.rows,
    mapping: mapped.mapping,
    staffByEmployeeId,
    courseByKey: buildCourseKeyMap(courses.map((c) => ({ id: String(c.id), code: c.code, name: c.name }))),
    today: ctx.today,
    dateFormat,
  });
  let from: string | null = null;
  let through: string | null = null;
  for (const r of result.rows) {
    if (from === null || r.completedOn < from) from = r.completedOn;
    if (through === null || r.completedOn > through) through = r.completedOn;
  }
  const existing = from !== null && through !== null ? await ctx.q.training.liveKeysBetween(from, through) : new Map<string, number>();
  const fresh: typeof result.rows = [];
  const duplicatesExisting: { line: number; recordId: number }[] = [];
  for (const r of result.rows) {
    const recordId = existing.get(`${r.staffId}|${r.courseId}|${r.completedOn}`);
    if (recordId === undefined) fresh.push(r);
    else duplicatesExisting.push({ line: r.line, recordId });
  }
  return { parsed, mapped, courses, result, fresh, duplicatesExisting };
}

const tally = (c: StatusCounts): StatusCounts => ({ current: c.current, expiring: c.expiring, expired: c.expired, missing: c.missing });

export const trainingHandlers = defineHandlers({
  async 'training.listStaff'(input, ctx) {
    return ok(await ctx.q.training.listStaff(input));
  },

  async 'training.createStaff'(input, ctx) {
    const problem = await checkStaff(ctx, input, null);
    if (problem) return problem;
    const id = await ctx.q.training.insertStaff(input, ctx.nowIso);
    const created = await ctx.q.training.getStaff(id);
    if (!created) return err('internal', 'error.internal');
    ctx.audit({ entity: 'staff', entityId: id, after: created });
    return ok(created);
  },

  async 'training.updateStaff'({ id, expectedVersion, ...input }, ctx) {
    const before = await ctx.q.training.getStaff(id);
    if (!before) return err('not_found', 'training.staffNotFound');
    if (before.version !== expectedVersion) return changedElsewhere(ctx, 'staff', id, before.version);
    const problem = await checkStaff(ctx, input, id);
    if (problem) return problem;
    if (!(await ctx.q.training.updateStaff(id, input, ctx.nowIso, expectedVersion))) return changedElsewhere(ctx, 'staff', id, before.version);
    const after = await ctx.q.training.getStaff(id);
    if (!after) return err('internal', 'error.internal');
    ctx.audit({ entity: 'staff', entityId: id, before, after });
    return ok(after);
  },

  async 'training.setStaffActive'({ id, active }, ctx) {
    const before = await ctx.q.training.getStaff(id);
    if (!before) return err('not_found', 'training.staffNotFound');
    await ctx.q.training.setStaffActive(id, active, ctx.nowIso);
    const after = await ctx.q.training.getStaff(id);
    if (!after) return err('internal', 'error.internal');
    ctx.audit({ entity: 'staff', entityId: id, before: { active: before.active }, after: { active: after.active } });
    return ok(after);
  },

  async 'training.listCourses'({ includeInactive }, ctx) {
    return ok({ rows: await ctx.q.training.listCourses(includeInactive) });
  },

  async 'training.createCourse'(input, ctx) {
    if (await ctx.q.training.courseCodeTaken(input.code)) return fieldError('code', 'duplicate');
    const id = await ctx.q.training.insertCourse(input, ctx.nowIso);
    const created = await ctx.q.training.getCourse(id);
    if (!created) return err('internal', 'error.internal');
    ctx.audit({ entity: 'course', entityId: id, after: created });
    return ok(created);
  },

  /** A validity change is one audited row; no record is touched, every status follows on the next read. */
  async 'training.updateCourse'({ id, ...input }, ctx) {
    const before = await ctx.q.training.getCourse(id);
    if (!before) return err('not_found', 'training.courseNotFound');
    await ctx.q.training.updateCourse(id, input, ctx.nowIso);
    const after = await ctx.q.training.getCourse(id);
    if (!after) return err('internal', 'error.internal');
    ctx.audit({ entity: 'course', entityId: id, before, after });
    return ok(after);
  },

  async 'training.listRecords'(input, ctx) {
    if (!(await ctx.q.training.getStaff(input.staffId))) return err('not_found', 'training.staffNotFound');
    const courses = new Map((await ctx.q.training.listCourses(true)).map((c) => [c.id, c]));
    const page = await ctx.q.training.listRecords(input);
    const rows = [];
    for (const r of page.rows) rows.push(await recordOut(ctx, r, courses.get(r.courseId)));
    return ok({ rows, total: page.total });
  },

  async 'training.createRecord'(input, ctx) {
    const problem = await checkRecord(ctx, input, null);
    if (problem) return problem;
    // Whoever enters the record vouches for it: verified by is the signed-in user, never typed.
    const id = await ctx.q.training.insertRecord(input, ctx.user?.id ?? null, ctx.nowIso);
    const created = await ctx.q.training.getRecord(id);
    if (!created) return err('internal', 'error.internal');
    const out = await recordOut(ctx, created, await ctx.q.training.getCourse(created.courseId));
    ctx.audit({ entity: 'training_record', entityId: id, after: out });
    return ok(out);
  },

  async 'training.updateRecord'({ id, expectedVersion, ...input }, ctx) {
    const existing = await ctx.q.training.getRecord(id);
    if (!existing) return err('not_found', 'training.recordNotFound');
    if (existing.voidedAt !== null) return err('conflict', 'training.recordVoided');
    // Attendance at a session carries the session's course, date and hours: a wrong one is voided (alone,
    // or with the whole session) and recorded again, so a session never disagrees with its records.
    if (existing.sessionId !== null) return err('conflict', 'training.recordFromSession');
    if (existing.version !== expectedVersion) return changedElsewhere(ctx, 'training_record', id, existing.version);
    const problem = await checkRecord(ctx, input, id);
    if (problem) return problem;
    const before = await recordOut(ctx, existing, await ctx.q.training.getCourse(existing.courseId));
    if (!(await ctx.q.training.updateRecord(id, input, ctx.user?.id ?? null, ctx.nowIso, expectedVersion))) return changedElsewhere(ctx, 'training_record', id, existing.version);
    const updated = await ctx.q.training.getRecord(id);
    if (!updated) return err('internal', 'error.internal');
    const after = await recordOut(ctx, updated, await ctx.q.training.getCourse(updated.courseId));
    ctx.audit({ entity: 'training_record', entityId: id, before, after });
    return ok(after);
  },

  async 'training.voidRecord'({ id, reason }, ctx) {
    const existing = await ctx.q.training.getRecord(id);
    if (!existing) return err('not_found', 'training.recordNotFound');
    if (existing.voidedAt !== null) return err('conflict', 'training.recordVoided');
    const before = await recordOut(ctx, existing, await ctx.q.training.getCourse(existing.courseId));
    await ctx.q.training.voidRecord(id, ctx.user?.id ?? null, reason, ctx.nowIso);
    const voided = await ctx.q.training.getRecord(id);
    if (!voided) return err('internal', 'error.internal');
    const after = await recordOut(ctx, voided, await ctx.q.training.getCourse(voided.courseId));
    ctx.audit({ entity: 'training_record', entityId: id, before, after });
    return ok(after);
  },

  async 'training.attachCertificate'({ recordId, fileName, mimeType, dataBase64 }, ctx) {
    const record = await ctx.q.training.getRecord(recordId);
    if (!record) return err('not_found', 'training.recordNotFound');
    if (record.voidedAt !== null) return err('conflict', 'training.recordVoided');
    const base64 = dataBase64.replace(/\s+/g, '');
    if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return fieldError('file', 'file_unreadable');
    const bytes = Buffer.from(base64, 'base64');
    const issue = checkCertificate(bytes, mimeType);
    if (issue) return fieldError('file', issue, issue === 'file_too_large' ? { max: 5 } : undefined);
    const actual = sniffCertificateType(bytes)!;
    // Scripts, launch actions and files inside a PDF: a certificate needs none, and a reader may run them.
    if (actual === 'application/pdf' && pdfActiveContent(bytes) !== null) return fieldError('file', 'file_active_content');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // Named from what the bytes are, never the uploader's extension: no certificate.pdf.html.
    const storedName = certificateFileName(fileName, actual);
    const id = await ctx.q.training.insertCertificate({ recordId, fileName: storedName, mimeType: actual, sizeBytes: bytes.length, sha256, data: bytes }, ctx.user?.id ?? null, ctx.nowIso);
    const out = { id, fileName: storedName, mimeType: actual, sizeBytes: bytes.length, sha256 };
    ctx.audit({ entity: 'training_certificate', entityId: id, after: { ...out, recordId } });
    return ok(out);
  },

  async 'training.getCertificate'({ id }, ctx) {
    const c = await ctx.q.training.getCertificate(id);
    if (!c) return err('not_found', 'training.certificateNotFound');
    ctx.audit({ entity: 'training_certificate', entityId: c.id, after: { downloaded: c.fileName } });
    return ok({ id: c.id, fileName: c.fileName, mimeType: c.mimeType, dataBase64: c.data.toString('base64') });
  },

  async 'training.matrix'(input, ctx) {
    const m = await computeMatrix(ctx, input);
    return ok({
      asOf: input.asOf,
      windowDays: input.windowDays,
      courses: m.courses.map((c) => ({ kind: c.kind, id: c.refId, code: c.code, name: c.name })),
      rows: m.rows.slice(input.offset, input.offset + input.limit),
      total: m.rows.length,
      totals: {
        byCourse: m.courses.map((c, i) => ({ kind: c.kind, courseId: c.refId, ...tally(m.byCourse[i]!) })),
        byUnit: [...m.byUnit].map(([unitId, counts]) => ({ unitId, unitName: counts.unitName, ...tally(counts) })),
        all: m.all,
      },
    });
  },

  async 'training.exportCsv'(input, ctx) {
    const m = await computeMatrix(ctx, input);
    const facility = await ctx.q.facility.get();
    const units = new Map((await ctx.q.facility.units()).map((u) => [u.id, u.name]));
    const csv = matrixCsv({
      language: languageOf(ctx.user?.language ?? facility?.defaultLanguage ?? 'en'),
      asOf: input.asOf,
      courses: m.courses,
      rows: m.rows.map((r) => ({ ...r, unitName: r.unitId === null ? null : (units.get(r.unitId) ?? null) })),
    });
    // The filters and the count, never the exported rows themselves.
    ctx.audit({ entity: 'export', entityId: null, after: { document: 'training.matrix', filters: input, rows: m.rows.length } });
    return ok({ fileName: `training-matrix-${input.asOf}.csv`, csv, rows: m.rows.length });
  },

  /** Courses and licences alike: what lapses within the window, by date. */
  async 'training.lapsing'(input, ctx) {
    const columns = await loadColumns(ctx);
    const roster = (await ctx.q.training.roster(input.asOf)).filter((s) => input.unitId === null || s.unitId === input.unitId);
    const latest = await loadLatest(ctx, columns, input.asOf);
    const items = lapsingFrom(roster, columns, latest, input.asOf, input.withinDays, input.includeLapsed);
    const people = new Map(roster.map((s) => [s.id, s]));
    const rows = items.slice(input.offset, input.offset + input.limit).map((i) => {
      const s = people.get(i.staffId)!;
      const column = columns[i.courseId]!;
      return {
        staffId: s.id,
        staffName: s.name,
        employeeId: s.employeeId,
        role: s.role,
        unitName: s.unitName,
        kind: column.kind,
        courseId: column.refId,
        courseName: column.name,
        status: i.status,
        completedOn: i.completedOn,
        lapsesOn: i.lapsesOn,
        daysLeft: i.daysLeft,
      };
    });
    return ok({ rows, total: items.length });
  },

  async 'training.inService'(input, ctx) {
    const window = inServiceWindow(input.asOf);
    const aides = (await ctx.q.training.roster(input.asOf)).filter((s) => IN_SERVICE_ROLES.includes(s.role) && (input.unitId === null || s.unitId === input.unitId));
    const recordsByStaff = new Map<number, { completedOn: string; hours: number | null; countsAsInService: boolean }[]>();
    for (const r of await ctx.q.training.inServiceCompletions(addMonths(input.asOf, -12), input.asOf)) {
      const list = recordsByStaff.get(r.staffId) ?? [];
      list.push({ completedOn: r.completedOn, hours: r.hours, countsAsInService: true });
      recordsByStaff.set(r.staffId, list);
    }
    const orientation =
      (await ctx.q.training.listCourses(false)).find((c) => c.code === 'new_hire_orientation' && c.validity.kind === 'once_within_days_of_hire') ??
      (await ctx.q.training.listCourses(false)).find((c) => c.validity.kind === 'once_within_days_of_hire');
    const firsts = orientation ? await ctx.q.training.firstCompletions(orientation.id, input.asOf) : new Map<number, string>();
    const all = aides.map((s) => {
      const standing = inServiceStanding(recordsByStaff.get(s.id) ?? [], s.hireDate, input.asOf);
      const first = firsts.get(s.id) ?? null;
      let o: { status: 'current' | 'expiring' | 'expired' | 'missing' | 'not_required'; completedOn: string | null; dueOn: string | null; withinDeadline: boolean | null };
      if (!orientation) o = { status: 'not_required', completedOn: null, dueOn: null, withinDeadline: null };
      else {
        const r = statusOf({ course: orientation, role: s.role, hireDate: s.hireDate, records: first === null ? [] : [{ completedOn: first }] }, input.asOf, 30);
        const days = orientation.validity.kind === 'once_within_days_of_hire' ? orientation.validity.days : 0;
        const dueOn = addDays(s.hireDate, days);
        o = { status: r.status, completedOn: first, dueOn, withinDeadline: first === null ? null : first <= dueOn };
      }
      return { staffId: s.id, name: s.name, employeeId: s.employeeId, unitName: s.unitName, hireDate: s.hireDate, ...standing, orientation: o };
    });
    const filtered = input.onlyShort ? all.filter((r) => r.shortfall > 0 || r.orientation.status === 'missing') : all;
    return ok({
      rows: filtered.slice(input.offset, input.offset + input.limit),
      total: filtered.length,
      minimumHours: DEFAULT_IN_SERVICE_MINIMUM_HOURS,
      window,
    });
  },

  async 'training.coverage'({ date }, ctx) {
    return ok({ date, shifts: await shiftCoverage(ctx, date) });
  },

  async 'training.getSchedule'({ shiftId, date }, ctx) {
    if (!(await ctx.q.facility.shifts()).some((s) => s.id === shiftId)) return err('not_found', 'training.shiftNotFound');
    return ok(await ctx.q.training.getSchedule(shiftId, date));
  },

  async 'training.setSchedule'({ shiftId, date, staffIds }, ctx) {
    if (!(await ctx.q.facility.shifts()).some((s) => s.id === shiftId)) return err('not_found', 'training.shiftNotFound');
    if (!(await ctx.q.training.staffExist(staffIds))) return fieldError('staffIds', 'unknown_staff');
    const before = await ctx.q.training.getSchedule(shiftId, date);
    await ctx.q.training.setSchedule(shiftId, date, staffIds, ctx.user?.id ?? null, ctx.nowIso);
    const after = await ctx.q.training.getSchedule(shiftId, date);
    ctx.audit({ entity: 'shift_schedule', entityId: `${shiftId}:${date}`, before, after });
    return ok(after);
  },

  async 'training.importPreview'({ csv, mapping, dateFormat }, ctx): Promise<Result<ImportPreview>> {
    const a = await analyseImport(ctx, csv, mapping, dateFormat);
    if ('error' in a) return a.error!;
    const { parsed, mapped, courses, result, fresh, duplicatesExisting } = a;
    const staffNames = await ctx.q.training.activeStaffNames([...new Set(fresh.slice(0, 20).map((r) => Number(r.staffId)))]);
    const courseNames = new Map(courses.map((c) => [String(c.id), c.name]));
    const employeeCol = mapped.mapping.employeeId;
    const rowByLine = new Map(parsed.rows.slice(0, 2000).map((r) => [r.line, r]));
    return ok({
      delimiter: parsed.delimiter,
      header: parsed.header,
      mapping: Object.fromEntries(Object.entries(mapped.mapping).map(([k, v]) => [k, v ?? null])),
      missing: mapped.missing,
      conflicts: mapped.conflicts,
      totalRows: result.rows.length + result.duplicates.length + new Set(result.errors.map((e) => e.line)).size,
      validRows: result.rows.length,
      newRows: fresh.length,
      errorCount: result.errors.length,
      errors: result.errors.slice(0, PREVIEW_LIST_LIMIT),
      duplicatesInFile: result.duplicates.slice(0, PREVIEW_LIST_LIMIT),
      duplicatesExisting: duplicatesExisting.slice(0, PREVIEW_LIST_LIMIT),
      duplicateCounts: { inFile: result.duplicates.length, existing: duplicatesExisting.length },
      sample: fresh.slice(0, 20).map((r) => ({
        line: r.line,
        employeeId: employeeCol === undefined ? '' : (rowByLine.get(r.line)?.cells[employeeCol] ?? '').trim(),
        staffName: staffNames.get(Number(r.staffId)) ?? '',
        courseName: courseNames.get(r.courseId) ?? '',
        completedOn: r.completedOn,
        hours: r.hours,
      })),
      dates: result.dates,
    });
  },

  /** All or nothing: any mapping problem or row error refuses the whole file; duplicates are skipped. */
  async 'training.importCommit'({ csv, mapping, dateFormat }, ctx) {
    const a = await analyseImport(ctx, csv, mapping, dateFormat);
    if ('error' in a) return a.error!;
    const { mapped, result, fresh, duplicatesExisting } = a;
    if (!mapped.ok) {
      const fields: FieldIssue[] = [
        ...mapped.missing.map((f) => ({ path: `mapping.${f}`, code: 'column_missing' })),
        ...mapped.conflicts.map((f) => ({ path: `mapping.${f}`, code: 'column_conflict' })),
      ];
      return err('validation', 'training.importMappingIncomplete', { fields });
    }
    // The dates could be read two ways and nobody chose: what the preview showed is not yet agreed.
    if (result.dates.state === 'unconfirmed') return fieldError('dateFormat', 'date_format_required');
    if (result.errors.length > 0) {
      const first = result.errors[0]!;
      return err('validation', 'training.importHasErrors', {
        params: { count: result.errors.length, line: first.line },
        fields: result.errors.slice(0, 50).map((e) => ({ path: `rows.${e.line}.${e.field}`, code: e.code, params: { line: e.line } })),
      });
    }
    const inserted = (await ctx.q.training.insertImported(
      fresh.map((r) => ({ ...r, staffId: Number(r.staffId), courseId: Number(r.courseId) })),
      ctx.user?.id ?? null,
      ctx.nowIso,
    ));
    const skippedDuplicates = result.duplicates.length + duplicatesExisting.length;
    // One audit row for the file, not 100,000: the rows themselves carry source 'import' and the time.
    ctx.audit({ entity: 'training_import', entityId: null, after: { inserted, skippedDuplicates, at: ctx.nowIso } });
    return ok({ inserted, skippedDuplicates });
  },
  ...credentialHandlers,
  ...sessionHandlers,
  ...remindersHandlers,
});
