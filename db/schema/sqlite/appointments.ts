import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { appointmentSettings, appointmentStatuses, appointmentTypes, familyInformedMethods } from '../../../shared/domain/appointments/vocabulary';
import { users } from './accounts';
import { nocase } from './columns';
import { residents } from './residents';

/**
 * The providers directory: a clinic, practice or person at one location, entered once and reused.
 * Never deleted: a duplicate is merged into another (`merged_into_id`), and the appointments that
 * named it are moved to the survivor in the same transaction. Transport's destination settings key
 * on this row (a provider's location).
 */
export const appointmentProviders = sqliteTable(
  'appointment_providers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    specialty: text('specialty'),
    locationName: text('location_name'),
    address: text('address'),
    phone: text('phone'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    mergedIntoId: integer('merged_into_id').references((): AnySQLiteColumn => appointmentProviders.id),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: text('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('appointment_providers_name_idx').on(nocase(t.name))],
);

/**
 * A recurring series, stored as RECURRENCE.md prescribes: local wall times plus the zone, never
 * instants. Its occurrences are derived (shared/domain/appointments/recurrence.ts `expand`). An
 * occurrence someone touched (status, family informed, outcome) gets an `appointments` row that
 * points back here (`series_id`, `occurrence_local`) and an override that points at it.
 */
export const appointmentSeries = sqliteTable(
  'appointment_series',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    type: text('type', { enum: appointmentTypes }).notNull(),
    setting: text('setting', { enum: appointmentSettings }).notNull(),
    providerId: integer('provider_id').references(() => appointmentProviders.id),
    providerName: text('provider_name'),
    locationName: text('location_name'),
    address: text('address'),
    phone: text('phone'),
    // JSON array of preparation item keys (vocabulary order).
    preparationItems: text('preparation_items').notNull().default('[]'),
    preparationNote: text('preparation_note'),
    escortNeeded: integer('escort_needed', { mode: 'boolean' }).notNull().default(false),
    dtstartLocal: text('dtstart_local').notNull(),
    timeZone: text('time_zone').notNull(),
    rrule: text('rrule').notNull(),
    untilLocal: text('until_local').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    // The local starts of its first and last occurrence (rdates and moved occurrences included,
    // cancelled ones too), so a window reads only the series that can reach it: a facility's ended
    // series stay in the table for years. Kept by every write of the series and its exceptions
    // (db/queries/appointments.ts writeExceptions). The defaults span everything, so a row written
    // without them is read for every window (slower, never missing).
    firstLocal: text('first_local').notNull().default(''),
    lastLocal: text('last_local').notNull().default('9999'),
    // How many exdates, rdates and overrides it has: a window whose series have none skips reading
    // them. −1 (the default): not counted, so they are read.
    exceptionCount: integer('exception_count').notNull().default(-1),
    // The series this one was split from ("this and following").
    splitFromId: integer('split_from_id').references((): AnySQLiteColumn => appointmentSeries.id),
    cancelledAt: text('cancelled_at'),
    cancelledBy: integer('cancelled_by').references(() => users.id),
    cancelReason: text('cancel_reason'),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: text('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('appointment_series_resident_idx').on(t.residentId, t.lastLocal), index('appointment_series_window_idx').on(t.lastLocal, t.firstLocal)],
);

/** Occurrences removed from a series (they should never have been generated), by original local start. */
export const appointmentSeriesExdates = sqliteTable(
  'appointment_series_exdates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seriesId: integer('series_id')
      .notNull()
      .references(() => appointmentSeries.id),
    originalLocal: text('original_local').notNull(),
  },
  (t) => [uniqueIndex('appointment_series_exdates_unique').on(t.seriesId, t.originalLocal)],
);

/** Extra occurrences outside the rule (local starts). */
export const appointmentSeriesRdates = sqliteTable(
  'appointment_series_rdates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seriesId: integer('series_id')
      .notNull()
      .references(() => appointmentSeries.id),
    startLocal: text('start_local').notNull(),
  },
  (t) => [uniqueIndex('appointment_series_rdates_unique').on(t.seriesId, t.startLocal)],
);

/** One occurrence changed on its own, keyed by its original local start; survives series edits. */
export const appointmentSeriesOverrides = sqliteTable(
  'appointment_series_overrides',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seriesId: integer('series_id')
      .notNull()
      .references(() => appointmentSeries.id),
    originalLocal: text('original_local').notNull(),
    startLocal: text('start_local'),
    startFold: text('start_fold', { enum: ['earlier', 'later'] })
      .notNull()
      .default('earlier'),
    durationMinutes: integer('duration_minutes'),
    status: text('status', { enum: appointmentStatuses }),
    // The appointment row that carries this occurrence's own details, once someone touched it.
    appointmentId: integer('appointment_id').references((): AnySQLiteColumn => appointments.id),
  },
  (t) => [uniqueIndex('appointment_series_overrides_unique').on(t.seriesId, t.originalLocal)],
);

/**
 * One appointment: a one-off, or a series occurrence someone touched (`series_id` +
 * `occurrence_local`, its original local start). Instants are UTC ISO text; `start_local` and
 * `end_local` are the facility wall times as typed (with the fold choice when the hour repeats).
 */
export const appointments = sqliteTable(
  'appointments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    residentId: integer('resident_id').notNull().references(() => residents.id),
    seriesId: integer('series_id').references(() => appointmentSeries.id),
    occurrenceLocal: text('occurrence_local'),
    type: text('type', { enum: appointmentTypes }).notNull(),
    setting: text('setting', { enum: appointmentSettings }).notNull(),
    providerId: integer('provider_id').references(() => appointmentProviders.id),
    providerName: text('provider_name'),
    locationName: text('location_name'),
    address: text('address'),
    phone: text('phone'),
    startAt: text('start_at').notNull(),
    endAt: text('end_at').notNull(),
    startLocal: text('start_local').notNull(),
    endLocal: text('end_local').notNull(),
    startFold: text('start_fold', { enum: ['earlier', 'later'] }),
    endFold: text('end_fold', { enum: ['earlier', 'later'] }),
    preparationItems: text('preparation_items').notNull().default('[]'),
    preparationNote: text('preparation_note'),
    escortNeeded: integer('escort_needed', { mode: 'boolean' }).notNull().default(false),

    status: text('status', { enum: appointmentStatuses }).notNull().default('scheduled'),
    statusAt: text('status_at').notNull(),
    statusBy: integer('status_by').references(() => users.id),
    statusReason: text('status_reason'),

    outcomeNote: text('outcome_note'),
    newOrders: integer('new_orders', { mode: 'boolean' }).notNull().default(false),
    followUpDue: text('follow_up_due'),
    followedUpAt: text('followed_up_at'),
    followedUpBy: integer('followed_up_by').references(() => users.id),

    familyInformedAt: text('family_informed_at'),
    familyInformedBy: integer('family_informed_by').references(() => users.id),
    familyInformedMethod: text('family_informed_method', { enum: familyInformedMethods }),
    familyContactName: text('family_contact_name'),
    familyInformedNote: text('family_informed_note'),

    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: text('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // A day's (or a week's) rows in the list's order (start, then id) with the resident beside them:
    // the unit filter joins through the resident, so rows of other units are passed over in the
    // index without reading their table rows, which lie scattered over two years of pages.
    index('appointments_page_idx').on(t.startAt, t.id, t.residentId),
    index('appointments_resident_start_idx').on(t.residentId, t.startAt),
    index('appointments_follow_up_idx').on(t.followUpDue).where(sql`${t.followUpDue} IS NOT NULL AND ${t.followedUpAt} IS NULL`),
    uniqueIndex('appointments_occurrence_unique').on(t.seriesId, t.occurrenceLocal),
    check('appointments_occurrence_whole', sql`(${t.seriesId} IS NULL) = (${t.occurrenceLocal} IS NULL)`),
  ],
);

/** Every status an appointment or occurrence had: who, when, from what, why. */
export const appointmentStatusHistory = sqliteTable(
  'appointment_status_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appointmentId: integer('appointment_id')
      .notNull()
      .references(() => appointments.id),
    fromStatus: text('from_status', { enum: appointmentStatuses }),
    toStatus: text('to_status', { enum: appointmentStatuses }).notNull(),
    reason: text('reason'),
    changedAt: text('changed_at').notNull(),
    changedBy: integer('changed_by').references(() => users.id),
  },
  (t) => [index('appointment_status_history_appointment_idx').on(t.appointmentId)],
);

/** "Save anyway": the clashes a person saw, acknowledged and the reason they gave. */
export const appointmentConflictOverrides = sqliteTable(
  'appointment_conflict_overrides',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appointmentId: integer('appointment_id').references(() => appointments.id),
    seriesId: integer('series_id').references(() => appointmentSeries.id),
    reason: text('reason').notNull(),
    // JSON: the conflicts as they were when saved (keys, codes, params).
    conflictsJson: text('conflicts_json').notNull(),
    overriddenAt: text('overridden_at').notNull(),
    overriddenBy: integer('overridden_by').references(() => users.id),
  },
  (t) => [index('appointment_conflict_overrides_appointment_idx').on(t.appointmentId), index('appointment_conflict_overrides_series_idx').on(t.seriesId)],
);
