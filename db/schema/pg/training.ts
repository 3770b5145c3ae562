import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytes, nocase } from './columns';
import { STAFF_ROLES } from '../../../shared/domain/training/vocabulary';
import { users } from './accounts';
import { shifts, units } from './facility';

/**
 * Training compliance. Statuses are never stored: they are computed from completion dates by the one
 * pure rule (shared/domain/training/status.ts), so editing a course's validity recomputes everything.
 */

/** People on the floor; separate from user accounts (most aides never sign in), optionally linked. */
export const staff = pgTable(
  'staff',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    employeeId: text('employee_id').notNull(),
    hireDate: text('hire_date').notNull(),
    unitId: integer('unit_id').references(() => units.id),
    active: boolean('active').notNull().default(true),
    userId: integer('user_id').references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    // Row version: an update names the version it read; a newer one on the server refuses it (never a silent overwrite).
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // Case-insensitive: an LMS export writing "e0042" must not create a second person "E0042".
    uniqueIndex('staff_employee_id_unique').on(nocase(t.employeeId)),
    uniqueIndex('staff_user_unique').on(t.userId).where(sql`${t.userId} IS NOT NULL`),
    index('staff_name_idx').on(nocase(t.name), t.id),
  ],
);

export const courses = pgTable(
  'courses',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    validityKind: text('validity_kind', { enum: ['months', 'once_within_days_of_hire'] }).notNull(),
    /** Months for 'months', days after hire for 'once_within_days_of_hire'. */
    validityValue: integer('validity_value').notNull(),
    countsAsInService: boolean('counts_as_in_service').notNull().default(false),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    // Row version: an update names the version it read; a newer one on the server refuses it (never a silent overwrite).
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('courses_code_unique').on(t.code), check('courses_validity_positive', sql`${t.validityValue} >= 0`)],
);

/** Which staff roles a course applies to. */
export const courseRoles = pgTable(
  'course_roles',
  {
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.role] })],
);

/**
 * One in-service class held once for many attendees. Attendance is the training records that point at it
 * (source 'session'): no separate attendee table, so a session cannot disagree with what counts. Never
 * deleted: voiding a session voids its live records in the same transaction.
 */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    heldOn: text('held_on').notNull(),
    hours: doublePrecision('hours').notNull(),
    instructor: text('instructor').notNull(),
    location: text('location'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    voidedAt: text('voided_at'),
    voidedBy: integer('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
  },
  (t) => [index('training_sessions_held_idx').on(t.heldOn, t.id), check('training_sessions_hours_positive', sql`${t.hours} > 0`)],
);

/** A completion. Never deleted: a mistaken record is voided (kept, audited, ignored by every status). */
export const trainingRecords = pgTable(
  'training_records',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    completedOn: text('completed_on').notNull(),
    hours: doublePrecision('hours'),
    provider: text('provider'),
    certificateNumber: text('certificate_number'),
    verifiedBy: integer('verified_by').references(() => users.id),
    source: text('source', { enum: ['entry', 'import', 'session'] }).notNull().default('entry'),
    /** The in-service class this attendance came from (source 'session'); the records are the attendance. */
    sessionId: integer('session_id').references(() => trainingSessions.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    // Row version: an update names the version it read; a newer one on the server refuses it (never a silent overwrite).
    version: integer('version').notNull().default(1),
    voidedAt: text('voided_at'),
    voidedBy: integer('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
  },
  (t) => [
    // Covers the matrix's "latest completion per staff × course as of a date" and makes a repeat of
    // the same completion impossible among live records.
    uniqueIndex('training_records_live_unique').on(t.staffId, t.courseId, t.completedOn).where(sql`${t.voidedAt} IS NULL`),
    index('training_records_course_idx').on(t.courseId, t.completedOn),
    // A session's attendance list and its void touch only its own records.
    index('training_records_session_idx').on(t.sessionId).where(sql`${t.sessionId} IS NOT NULL`),
  ],
);

/** Scanned certificates, in the database so a backup of one file carries everything. */
export const trainingCertificates = pgTable(
  'training_certificates',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    recordId: integer('record_id')
      .notNull()
      .references(() => trainingRecords.id),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type', { enum: ['application/pdf', 'image/png', 'image/jpeg'] }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    data: bytes('data').notNull(),
    uploadedAt: text('uploaded_at').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
  },
  (t) => [index('training_certificates_record_idx').on(t.recordId)],
);

/**
 * A shift's schedule for one date. The header row exists once someone has entered the schedule, so
 * "entered, nobody on duty" (a coverage failure) differs from "not entered" (unknown).
 */
export const shiftSchedules = pgTable(
  'shift_schedules',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id),
    date: text('date').notNull(),
    enteredAt: text('entered_at').notNull(),
    enteredBy: integer('entered_by').references(() => users.id),
  },
  (t) => [uniqueIndex('shift_schedules_shift_date_unique').on(t.shiftId, t.date)],
);

export const shiftScheduleStaff = pgTable(
  'shift_schedule_staff',
  {
    scheduleId: integer('schedule_id')
      .notNull()
      .references(() => shiftSchedules.id),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [primaryKey({ columns: [t.scheduleId, t.staffId] })],
);

/**
 * Licence and certification types (RN licence, nurse aide registry, driver's licence, food handler card…),
 * required of roles like a course; seeded from DEFAULT_CREDENTIAL_TYPES and never deleted.
 */
export const credentialTypes = pgTable(
  'credential_types',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    issuedByState: boolean('issued_by_state').notNull().default(true),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('credential_types_code_unique').on(t.code)],
);

/** Which staff roles must hold a credential type. */
export const credentialTypeRoles = pgTable(
  'credential_type_roles',
  {
    typeId: integer('type_id')
      .notNull()
      .references(() => credentialTypes.id),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.typeId, t.role] })],
);

/**
 * A licence or certification a staff member holds. It states its own expiry; its status comes from the
 * one status rule (validity 'until_expiry'). Voided, never deleted, like training records.
 */
export const staffCredentials = pgTable(
  'staff_credentials',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    typeId: integer('type_id')
      .notNull()
      .references(() => credentialTypes.id),
    number: text('number').notNull(),
    /** USPS code of the issuing state, when a state issues it. */
    issuingState: text('issuing_state'),
    issuingBody: text('issuing_body'),
    issuedOn: text('issued_on').notNull(),
    expiresOn: text('expires_on').notNull(),
    /** Whoever entered it saw the card or checked the registry: always the signed-in user. */
    verifiedBy: integer('verified_by').references(() => users.id),
    verifiedAt: text('verified_at').notNull(),
    source: text('source', { enum: ['entry', 'import'] }).notNull().default('entry'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    // Row version: an update names the version it read; a newer one on the server refuses it (never a silent overwrite).
    version: integer('version').notNull().default(1),
    voidedAt: text('voided_at'),
    voidedBy: integer('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
  },
  (t) => [
    // "Latest issued on or before the as-of date" per staff × type reads this index; a repeat of the same
    // issue among live credentials is impossible.
    uniqueIndex('staff_credentials_live_unique').on(t.staffId, t.typeId, t.issuedOn).where(sql`${t.voidedAt} IS NULL`),
    // Reminders and the lapsing list look ahead by expiry.
    index('staff_credentials_expires_idx').on(t.expiresOn).where(sql`${t.voidedAt} IS NULL`),
    check('staff_credentials_expiry_after_issue', sql`${t.expiresOn} > ${t.issuedOn}`),
    check('staff_credentials_issuer', sql`${t.issuingState} IS NOT NULL OR ${t.issuingBody} IS NOT NULL`),
  ],
);
