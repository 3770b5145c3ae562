import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BASE_MODES, CARRIER_KINDS, ESCORT_KINDS, LEG_KINDS, LEG_STATUSES, RETURN_KINDS } from '../../../shared/domain/transport/vocabulary';
import { users } from './accounts';
import { appointmentProviders, appointmentSeries, appointments } from './appointments';
import { nocase } from './columns';
import { residents } from './residents';
import { staff } from './training';

/**
 * Transport (docs/transport.md). Instants are UTC ISO text, dates YYYY-MM-DD. Records people edit
 * carry a row version: a save over another station's newer change is refused with who and when.
 */

/** The facility's own vehicles. Never deleted: trips keep pointing at them; retired ones are inactive. */
export const transportVehicles = sqliteTable(
  'transport_vehicles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    seats: integer('seats').notNull(),
    wheelchairPositions: integer('wheelchair_positions').notNull(),
    stretcherPositions: integer('stretcher_positions').notNull(),
    bariatric: integer('bariatric', { mode: 'boolean' }).notNull().default(false),
    oxygen: integer('oxygen', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: text('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('transport_vehicles_name_unique').on(nocase(t.name)),
    check('transport_vehicles_positions', sql`${t.seats} >= 0 AND ${t.wheelchairPositions} >= 0 AND ${t.stretcherPositions} >= 0`),
  ],
);

/** The directory of outside transport companies and taxi firms (entered once, chosen per leg). */
export const transportCarriers = sqliteTable(
  'transport_carriers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['transport_company', 'taxi'] }).notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('transport_carriers_name_unique').on(nocase(t.name))],
);

/**
 * The facility's travel settings per destination: how long the drive takes and how early the
 * resident must be there. The booking copies the values it used, so changing a setting never moves
 * a booked ride behind anyone's back.
 */
export const transportDestinations = sqliteTable(
  'transport_destination_settings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // The destination: a provider's location in the appointments area's directory.
    providerId: integer('provider_id')
      .notNull()
      .references(() => appointmentProviders.id),
    travelMinutes: integer('travel_minutes').notNull(),
    checkInMinutes: integer('check_in_minutes').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('transport_destinations_provider_unique').on(t.providerId),
    check('transport_destinations_minutes', sql`${t.travelMinutes} >= 0 AND ${t.checkInMinutes} >= 0`),
  ],
);

/**
 * A standing booking for a recurring series (dialysis Mon/Wed/Fri): the template each occurrence's
 * booking is made from, and the occurrences with no ride. The template is the contract's
 * StandingBookingInput as JSON (validated on the way in and on the way out).
 */
export const transportStandingBookings = sqliteTable(
  'transport_standing_bookings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seriesId: integer('series_id')
      .notNull()
      .references(() => appointmentSeries.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    templateJson: text('template_json').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: text('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('transport_standing_series_idx').on(t.seriesId)],
);

/** A resident's ride to one appointment: the booking; its two rides are the legs. */
export const transportBookings = sqliteTable(
  'transport_bookings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appointmentId: integer('appointment_id')
      .notNull()
      .references(() => appointments.id),
    // Denormalised from the appointment for the resident's-trips index.
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    standingBookingId: integer('standing_booking_id').references(() => transportStandingBookings.id),
    occurrenceKey: text('occurrence_key'),
    modeBase: text('mode_base', { enum: BASE_MODES }).notNull(),
    modeBariatric: integer('mode_bariatric', { mode: 'boolean' }).notNull(),
    modeOxygen: integer('mode_oxygen', { mode: 'boolean' }).notNull(),
    // The proposal from mobility as "base[+bariatric][+oxygen]", or NULL when mobility was not assessed (asked).
    modeProposed: text('mode_proposed'),
    modeOverrideReason: text('mode_override_reason'),
    escortKind: text('escort_kind', { enum: ESCORT_KINDS }),
    escortStaffId: integer('escort_staff_id').references(() => staff.id),
    escortName: text('escort_name'),
    escortPhone: text('escort_phone'),
    travelMinutes: integer('travel_minutes').notNull(),
    checkInMinutes: integer('check_in_minutes').notNull(),
    notes: text('notes'),
    // The appointment's times and status when the booking was last saved: a difference now is a linked change to flag.
    appointmentStartsAt: text('appointment_starts_at').notNull(),
    appointmentEndsAt: text('appointment_ends_at').notNull(),
    appointmentStatus: text('appointment_status').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: text('updated_at').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('transport_bookings_appointment_unique').on(t.appointmentId),
    uniqueIndex('transport_bookings_occurrence_unique').on(t.standingBookingId, t.occurrenceKey).where(sql`${t.standingBookingId} IS NOT NULL`),
    index('transport_bookings_resident_idx').on(t.residentId),
    check('transport_bookings_minutes', sql`${t.travelMinutes} >= 0 AND ${t.checkInMinutes} >= 0`),
  ],
);

/** One ride of a booking: outbound or return, each with its own carrier, status and times. */
export const transportLegs = sqliteTable(
  'transport_legs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bookingId: integer('booking_id')
      .notNull()
      .references(() => transportBookings.id),
    kind: text('kind', { enum: LEG_KINDS }).notNull(),
    status: text('status', { enum: LEG_STATUSES }).notNull(),
    carrierKind: text('carrier_kind', { enum: CARRIER_KINDS }).notNull(),
    vehicleId: integer('vehicle_id').references(() => transportVehicles.id),
    driverStaffId: integer('driver_staff_id').references(() => staff.id),
    carrierId: integer('carrier_id').references(() => transportCarriers.id),
    familyName: text('family_name'),
    familyPhone: text('family_phone'),
    // Legs of one vehicle run (a shared ride, the driver waiting) share a run id; NULL = a run of its own.
    runId: integer('run_id'),
    returnKind: text('return_kind', { enum: RETURN_KINDS }),
    // NULL for a will-call return until the clinic calls.
    pickupAt: text('pickup_at'),
    dropoffAt: text('dropoff_at'),
    confirmationNumber: text('confirmation_number'),
    // The driver's marks, on the server's clock.
    pickedUpAt: text('picked_up_at'),
    droppedOffAt: text('dropped_off_at'),
    cancelReason: text('cancel_reason'),
    statusChangedAt: text('status_changed_at').notNull(),
    statusChangedBy: integer('status_changed_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('transport_legs_booking_kind_unique').on(t.bookingId, t.kind),
    index('transport_legs_vehicle_idx').on(t.vehicleId, t.pickupAt),
    index('transport_legs_driver_idx').on(t.driverStaffId, t.pickupAt),
    index('transport_legs_pickup_idx').on(t.pickupAt),
    // The save's conflict check (docs/transport.md, "Speed"): the resident's legs picked up in the
    // window are found through the resident's bookings, one probe per booking; with the pickup in
    // the index each probe answers from the index instead of reading both leg rows.
    index('transport_legs_booking_pickup_idx').on(t.bookingId, t.pickupAt),
    // The same check's shared runs of the booking's drivers: only legs with a run are in it (few;
    // none until runs have a screen), so finding none no longer reads every leg of the drivers' days.
    index('transport_legs_driver_run_idx').on(t.driverStaffId, t.pickupAt).where(sql`${t.runId} IS NOT NULL`),
    check('transport_legs_times', sql`(${t.pickupAt} IS NULL) = (${t.dropoffAt} IS NULL)`),
  ],
);

/** A conflict accepted with a reason when the booking was saved: who, when, and what it was then. */
export const transportConflictOverrides = sqliteTable(
  'transport_conflict_overrides',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bookingId: integer('booking_id')
      .notNull()
      .references(() => transportBookings.id),
    legKind: text('leg_kind', { enum: LEG_KINDS }).notNull(),
    code: text('code').notNull(),
    conflictKey: text('conflict_key').notNull(),
    paramsJson: text('params_json').notNull(),
    reason: text('reason').notNull(),
    overriddenBy: integer('overridden_by').references(() => users.id),
    overriddenAt: text('overridden_at').notNull(),
  },
  (t) => [index('transport_overrides_booking_idx').on(t.bookingId)],
);
