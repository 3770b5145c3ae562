import { z } from 'zod';
import { courseCodeSchema, courseValiditySchema } from '../domain/training/catalog';
import { CERTIFICATE_MAX_BYTES, CERTIFICATE_TYPES } from '../domain/training/certificate';
import { TRAINING_IMPORT_FIELDS } from '../domain/training/import';
import { COMPLIANCE_STATUSES, staffRoleSchema } from '../domain/training/vocabulary';
import { AsOfDate, Id, ImportDateFormatInput, ImportDatesOut, IsoDate, IsoInstant, Paging, Version, optionalText, pageOf, text } from './common';
import { method } from './method';
import { ItemKind, StatusSchema, WindowDays } from './training-common';
import { credentialsContract } from './training-credentials';
import { remindersContract } from './training-reminders';
import { sessionsContract } from './training-sessions';

/** Re-exported for the renderer (file picker hint); the handler checks the decoded bytes. */
export { CERTIFICATE_MAX_BYTES };
const CERTIFICATE_MIME_TYPES = CERTIFICATE_TYPES;
/** A 100,000-row LMS export is about 6 MB; the cap leaves room without accepting anything unbounded. */
export const IMPORT_MAX_CHARS = 16 * 1024 * 1024;

const StatusFilter = z.enum([...COMPLIANCE_STATUSES, 'attention']);

export const Staff = z.object({
  id: Id,
  name: z.string(),
  role: staffRoleSchema,
  employeeId: z.string(),
  hireDate: IsoDate,
  unitId: Id.nullable(),
  unitName: z.string().nullable(),
  active: z.boolean(),
  userId: Id.nullable(),
  userName: z.string().nullable(),
  version: Version,
});
export type Staff = z.infer<typeof Staff>;

const StaffFields = {
  name: text(120),
  role: staffRoleSchema,
  employeeId: text(40),
  hireDate: IsoDate,
  unitId: Id.nullable(),
  userId: Id.nullable().default(null),
};

export const Course = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  validity: courseValiditySchema,
  roles: z.array(staffRoleSchema),
  countsAsInService: z.boolean(),
  active: z.boolean(),
  version: Version,
});
export type Course = z.infer<typeof Course>;

const CourseFields = {
  name: text(120),
  validity: courseValiditySchema,
  roles: z.array(staffRoleSchema).min(1).max(20),
  countsAsInService: z.boolean(),
  active: z.boolean().default(true),
};

export const TrainingRecord = z.object({
  id: Id,
  staffId: Id,
  courseId: Id,
  courseName: z.string(),
  completedOn: IsoDate,
  expiresOn: IsoDate.nullable(),
  hours: z.number().nullable(),
  provider: z.string().nullable(),
  certificateNumber: z.string().nullable(),
  verifiedBy: Id.nullable(),
  verifiedByName: z.string().nullable(),
  source: z.enum(['entry', 'import', 'session']),
  /** The in-service session this record is attendance at (source 'session'). */
  sessionId: Id.nullable(),
  createdAt: IsoInstant,
  voidedAt: IsoInstant.nullable(),
  voidReason: z.string().nullable(),
  version: Version,
  certificates: z.array(z.object({ id: Id, fileName: z.string(), mimeType: z.string(), sizeBytes: z.number().int() })),
});
export type TrainingRecord = z.infer<typeof TrainingRecord>;

/**
 * Record fields arrive loosely typed (hours as any number, dates as strings) so the shared rule
 * validateTrainingRecord gives the specific codes (in_future, out_of_range…) rather than zod's.
 */
const RecordFields = {
  staffId: Id,
  courseId: Id,
  completedOn: z.string().max(40),
  hours: z.number().nullable(),
  provider: optionalText(120),
  certificateNumber: optionalText(64),
};

export const MatrixCell = z.object({
  status: StatusSchema,
  completedOn: IsoDate.optional(),
  expiresOn: IsoDate.optional(),
  dueOn: IsoDate.optional(),
});
export type MatrixCell = z.infer<typeof MatrixCell>;

const StatusCounts = z.object({ current: z.number().int(), expiring: z.number().int(), expired: z.number().int(), missing: z.number().int() });
export type StatusCounts = z.infer<typeof StatusCounts>;

const MatrixFilters = {
  asOf: AsOfDate,
  windowDays: WindowDays.default(30),
  unitId: Id.nullable().default(null),
  role: staffRoleSchema.nullable().default(null),
  status: StatusFilter.nullable().default(null),
};

export const ShiftCoverage = z.object({
  shiftId: Id,
  shiftName: z.string(),
  start: z.string(),
  end: z.string(),
  date: IsoDate,
  /** ok: someone on duty holds current CPR; warning: a schedule exists and nobody does; unknown: no schedule. */
  result: z.enum(['ok', 'warning', 'unknown']),
  onDuty: z.array(z.object({ staffId: Id, name: z.string(), cprValid: z.boolean() })),
});
export type ShiftCoverage = z.infer<typeof ShiftCoverage>;

export const MatrixOutput = z.object({
  asOf: IsoDate,
  windowDays: z.number().int(),
  /** The columns: active courses, then active licence types (`kind`; each id is in its own catalog). */
  courses: z.array(z.object({ kind: ItemKind, id: Id, code: z.string(), name: z.string() })),
  rows: z.array(
    z.object({
      staffId: Id,
      name: z.string(),
      employeeId: z.string(),
      role: staffRoleSchema,
      unitId: Id.nullable(),
      /** One cell per column, in the order of `courses`. */
      cells: z.array(MatrixCell),
    }),
  ),
  total: z.number().int(),
  totals: z.object({
    /** One per column, in the order of `courses`. */
    byCourse: z.array(StatusCounts.extend({ kind: ItemKind, courseId: Id })),
    byUnit: z.array(StatusCounts.extend({ unitId: Id.nullable(), unitName: z.string().nullable() })),
    all: StatusCounts,
  }),
});
export type MatrixOutput = z.infer<typeof MatrixOutput>;

export const LapsingItem = z.object({
  staffId: Id,
  staffName: z.string(),
  employeeId: z.string(),
  role: staffRoleSchema,
  unitName: z.string().nullable(),
  /** A course, or a licence type (then `courseId` is the type's id). */
  kind: ItemKind,
  courseId: Id,
  courseName: z.string(),
  status: StatusSchema,
  completedOn: IsoDate.nullable(),
  /** The first day without a valid certificate (expiry), or the orientation deadline. */
  lapsesOn: IsoDate.nullable(),
  daysLeft: z.number().int().nullable(),
});

export const InServiceRow = z.object({
  staffId: Id,
  name: z.string(),
  employeeId: z.string(),
  unitName: z.string().nullable(),
  hireDate: IsoDate,
  hours: z.number(),
  /** The minimum for this person: the full one after a year employed, else prorated by whole months. */
  requiredHours: z.number(),
  shortfall: z.number(),
  /** First day whose hours count: the window's start, or the hire date for someone employed under a year. */
  countsFrom: IsoDate,
  /** Whole months employed (0–11) when under a year; null when the full year applies. */
  monthsEmployed: z.number().int().min(0).max(11).nullable(),
  orientation: z.object({ status: StatusSchema, completedOn: IsoDate.nullable(), dueOn: IsoDate.nullable(), withinDeadline: z.boolean().nullable() }),
});

export const ImportMapping = z.partialRecord(z.enum(TRAINING_IMPORT_FIELDS), z.number().int().min(0).max(200).nullable());

const ImportError = z.object({ line: z.number().int(), field: z.enum(TRAINING_IMPORT_FIELDS), code: z.string(), value: z.string() });

export const ImportPreview = z.object({
  delimiter: z.string(),
  header: z.array(z.string()),
  mapping: z.record(z.string(), z.number().int().nullable()),
  missing: z.array(z.enum(TRAINING_IMPORT_FIELDS)),
  conflicts: z.array(z.enum(TRAINING_IMPORT_FIELDS)),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  /** Rows that will be written: valid, not repeated in the file, not already recorded. */
  newRows: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(ImportError),
  duplicatesInFile: z.array(z.object({ line: z.number().int(), firstLine: z.number().int() })),
  duplicatesExisting: z.array(z.object({ line: z.number().int(), recordId: Id })),
  duplicateCounts: z.object({ inFile: z.number().int(), existing: z.number().int() }),
  sample: z.array(z.object({ line: z.number().int(), employeeId: z.string(), staffName: z.string(), courseName: z.string(), completedOn: IsoDate, hours: z.number().nullable() })),
  /** How the completion dates were read; a commit is refused while `state` is 'unconfirmed'. */
  dates: ImportDatesOut,
});
export type ImportPreview = z.infer<typeof ImportPreview>;

const ImportInput = z.strictObject({ csv: z.string().min(1).max(IMPORT_MAX_CHARS), mapping: ImportMapping.default({}), dateFormat: ImportDateFormatInput });

/* The credential, session and reminder methods live beside this file; their inputs are re-exported here. */
export { CredentialInput, CredentialType, StaffCredential, MyTraining } from './training-credentials';
export { SessionInput, TrainingSession, SessionCandidate } from './training-sessions';
export { RemindersInput, ReminderGroup } from './training-reminders';
export { CredentialStanding, ItemKind } from './training-common';

export const trainingContract = {
  'training.listStaff': method({
    input: z.strictObject({
      ...Paging,
      query: z.string().max(64).optional(),
      unitId: Id.nullable().default(null),
      role: staffRoleSchema.nullable().default(null),
      includeInactive: z.boolean().default(false),
    }),
    output: pageOf(Staff),
    access: 'training.read',
    write: false,
  }),
  'training.createStaff': method({
    input: z.strictObject(StaffFields),
    output: Staff,
    access: 'training.write',
    write: true,
  }),
  'training.updateStaff': method({
    input: z.strictObject({ id: Id, expectedVersion: Version, ...StaffFields }),
    output: Staff,
    access: 'training.write',
    write: true,
  }),
  'training.setStaffActive': method({
    input: z.strictObject({ id: Id, active: z.boolean() }),
    output: Staff,
    access: 'training.write',
    write: true,
  }),
  'training.listCourses': method({
    input: z.strictObject({ includeInactive: z.boolean().default(true) }),
    output: z.object({ rows: z.array(Course) }),
    access: 'training.read',
    write: false,
  }),
  'training.createCourse': method({
    input: z.strictObject({ code: courseCodeSchema, ...CourseFields }),
    output: Course,
    access: 'training.write',
    write: true,
  }),
  'training.updateCourse': method({
    input: z.strictObject({ id: Id, ...CourseFields }),
    output: Course,
    access: 'training.write',
    write: true,
  }),
  'training.listRecords': method({
    input: z.strictObject({ ...Paging, staffId: Id, includeVoided: z.boolean().default(false) }),
    output: pageOf(TrainingRecord),
    access: 'training.read',
    write: false,
  }),
  'training.createRecord': method({
    input: z.strictObject(RecordFields),
    output: TrainingRecord,
    access: 'training.write',
    write: true,
  }),
  'training.updateRecord': method({
    input: z.strictObject({ id: Id, expectedVersion: Version, ...RecordFields }),
    output: TrainingRecord,
    access: 'training.write',
    write: true,
  }),
  'training.voidRecord': method({
    input: z.strictObject({ id: Id, reason: text(200) }),
    output: TrainingRecord,
    access: 'training.write',
    write: true,
  }),
  'training.attachCertificate': method({
    input: z.strictObject({
      recordId: Id,
      fileName: text(200),
      /** What the browser claims; the bytes decide. */
      mimeType: z.string().max(100),
      dataBase64: z.string().max(Math.ceil(CERTIFICATE_MAX_BYTES / 3) * 4 + 1024),
    }),
    output: z.object({ id: Id, fileName: z.string(), mimeType: z.enum(CERTIFICATE_MIME_TYPES), sizeBytes: z.number().int(), sha256: z.string() }),
    access: 'training.write',
    write: true,
  }),
  'training.getCertificate': method({
    input: z.strictObject({ id: Id }),
    output: z.object({ id: Id, fileName: z.string(), mimeType: z.enum(CERTIFICATE_MIME_TYPES), dataBase64: z.string() }),
    access: 'training.read',
    // A download leaves the machine: it is recorded like a print.
    write: true,
  }),
  'training.matrix': method({
    input: z.strictObject({ ...MatrixFilters, offset: Paging.offset, limit: z.number().int().min(1).max(2000).default(1000) }),
    output: MatrixOutput,
    access: 'training.read',
    write: false,
  }),
  'training.exportCsv': method({
    input: z.strictObject(MatrixFilters),
    output: z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
    access: 'training.read',
    // An export leaves the machine: it is recorded like a print.
    write: true,
  }),
  'training.lapsing': method({
    input: z.strictObject({
      ...Paging,
      asOf: AsOfDate,
      withinDays: z.number().int().min(1).max(366).default(60),
      unitId: Id.nullable().default(null),
      /** Also list what has already lapsed (expired or missing), earliest first. */
      includeLapsed: z.boolean().default(false),
    }),
    output: pageOf(LapsingItem),
    access: 'training.read',
    write: false,
  }),
  'training.inService': method({
    input: z.strictObject({ ...Paging, asOf: AsOfDate, unitId: Id.nullable().default(null), onlyShort: z.boolean().default(false) }),
    output: pageOf(InServiceRow).extend({ minimumHours: z.number(), window: z.object({ startsOn: IsoDate, endsOn: IsoDate }) }),
    access: 'training.read',
    write: false,
  }),
  'training.coverage': method({
    input: z.strictObject({ date: AsOfDate }),
    output: z.object({ date: IsoDate, shifts: z.array(ShiftCoverage) }),
    access: 'training.read',
    write: false,
  }),
  'training.getSchedule': method({
    input: z.strictObject({ shiftId: Id, date: AsOfDate }),
    output: z.object({ entered: z.boolean(), staffIds: z.array(Id) }),
    access: 'training.read',
    write: false,
  }),
  'training.setSchedule': method({
    input: z.strictObject({ shiftId: Id, date: AsOfDate, staffIds: z.array(Id).max(500) }),
    output: z.object({ entered: z.boolean(), staffIds: z.array(Id) }),
    access: 'training.write',
    write: true,
  }),
  'training.importPreview': method({
    input: ImportInput,
    output: ImportPreview,
    access: 'training.write',
    write: false,
  }),
  'training.importCommit': method({
    input: ImportInput,
    output: z.object({ inserted: z.number().int(), skippedDuplicates: z.number().int() }),
    access: 'training.write',
    write: true,
  }),
  ...credentialsContract,
  ...sessionsContract,
  ...remindersContract,
};
