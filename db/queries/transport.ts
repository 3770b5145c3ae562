import { aliasedTable, and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { BaseMode, CarrierKind, EscortKind, LegKind, LegStatus, ReturnKind } from '../../shared/domain/transport/vocabulary';
import type { CourseValidity } from '../../shared/domain/training/catalog';
import type { MobilityFacts } from '../../shared/domain/transport/mode';
import type { QueryEnv } from '../engine/types';
import { toValidity } from './training';
import { bool, first } from './util';

export interface VehicleRow {
  id: number;
  name: string;
  seats: number;
  wheelchairPositions: number;
  stretcherPositions: number;
  bariatric: boolean;
  oxygen: boolean;
  active: boolean;
  version: number;
}
export type VehicleWrite = Omit<VehicleRow, 'id' | 'version'>;

export interface CarrierRow {
  id: number;
  kind: 'transport_company' | 'taxi';
  name: string;
  phone: string;
  active: boolean;
  version: number;
}
export type CarrierWrite = Omit<CarrierRow, 'id' | 'version'>;

export interface DestinationRow {
  providerId: number;
  name: string;
  locationName: string | null;
  address: string | null;
  phone: string | null;
  travelMinutes: number | null;
  checkInMinutes: number | null;
  version: number | null;
}

/** An appointment as transport needs it, with the resident's name and room. */
export interface AppointmentFacts {
  id: number;
  residentId: number;
  legalGiven: string;
  legalFamily: string;
  preferredName: string | null;
  room: string | null;
  type: string;
  setting: 'in_house' | 'external';
  status: string;
  /** An opened occurrence of a series: the series and the occurrence's original local start. */
  seriesId: number | null;
  occurrenceLocal: string | null;
  startsAt: string;
  endsAt: string;
  providerId: number | null;
  providerName: string | null;
  locationName: string | null;
  address: string | null;
  phone: string | null;
  /** From the provider directory, when the appointment names a provider without its own copy. */
  dirName: string | null;
  dirLocation: string | null;
  dirAddress: string | null;
  dirPhone: string | null;
}

/** A staff member as a save checks them: exists and active, and the name and hire date the credentials rule reads. */
export interface StaffFact {
  id: number;
  name: string;
  hireDate: string;
  active: boolean;
}

export interface BookingRow {
  id: number;
  appointmentId: number;
  residentId: number;
  modeBase: BaseMode;
  modeBariatric: boolean;
  modeOxygen: boolean;
  modeProposed: string | null;
  modeOverrideReason: string | null;
  escortKind: EscortKind | null;
  escortStaffId: number | null;
  escortName: string | null;
  escortPhone: string | null;
  travelMinutes: number;
  checkInMinutes: number;
  notes: string | null;
  appointmentStartsAt: string;
  appointmentEndsAt: string;
  appointmentStatus: string;
  /** The standing booking this ride was made from (and its occurrence's key), or null for a one-off. */
  standingBookingId: number | null;
  occurrenceKey: string | null;
  updatedAt: string;
  updatedByName: string | null;
  version: number;
}
/** What a save writes; which standing booking a ride came from is set once, when it is made. */
export type BookingWrite = Omit<BookingRow, 'id' | 'updatedAt' | 'updatedByName' | 'version' | 'standingBookingId' | 'occurrenceKey'>;

export interface StandingRow {
  id: number;
  seriesId: number;
  residentId: number;
  templateJson: string;
  active: boolean;
  version: number;
}

export interface LegRow {
  id: number;
  bookingId: number;
  kind: LegKind;
  status: LegStatus;
  carrierKind: CarrierKind;
  vehicleId: number | null;
  vehicleName: string | null;
  driverStaffId: number | null;
  driverName: string | null;
  carrierId: number | null;
  carrierName: string | null;
  carrierPhone: string | null;
  familyName: string | null;
  familyPhone: string | null;
  runId: number | null;
  returnKind: ReturnKind | null;
  pickupAt: string | null;
  dropoffAt: string | null;
  confirmationNumber: string | null;
  pickedUpAt: string | null;
  droppedOffAt: string | null;
  cancelReason: string | null;
}
export type LegWrite = Pick<
  LegRow,
  'kind' | 'status' | 'carrierKind' | 'vehicleId' | 'driverStaffId' | 'carrierId' | 'familyName' | 'familyPhone' | 'runId' | 'returnKind' | 'pickupAt' | 'dropoffAt' | 'confirmationNumber'
>;

/** A leg with its booking and appointment: what the conflict rules, the board and the manifest read. */
export interface TripRow extends LegRow {
  appointmentId: number;
  residentId: number;
  legalGiven: string;
  legalFamily: string;
  preferredName: string | null;
  room: string | null;
  modeBase: BaseMode;
  modeBariatric: boolean;
  modeOxygen: boolean;
  escortKind: EscortKind | null;
  escortStaffId: number | null;
  escortStaffName: string | null;
  escortName: string | null;
  escortPhone: string | null;
  notes: string | null;
  booked: { startsAt: string; endsAt: string; status: string };
  appointment: { startsAt: string; endsAt: string; status: string; setting: 'in_house' | 'external' };
  destination: { name: string; address: string; phone: string | null };
}

/** A leg as the conflict rules need it, read by the hot hand-written statement (no names of places, carriers or drivers). */
export interface ConflictLegRow {
  id: number;
  bookingId: number;
  kind: LegKind;
  status: LegStatus;
  carrierKind: CarrierKind;
  vehicleId: number | null;
  driverStaffId: number | null;
  runId: number | null;
  pickupAt: string | null;
  dropoffAt: string | null;
  residentId: number;
  legalGiven: string;
  legalFamily: string;
  preferredName: string | null;
  modeBase: BaseMode;
  modeBariatric: boolean;
  modeOxygen: boolean;
  escortKind: EscortKind | null;
  escortStaffId: number | null;
  escortStaffName: string | null;
  escortName: string | null;
  escortPhone: string | null;
  familyName: string | null;
  familyPhone: string | null;
  appointment: { startsAt: string; endsAt: string; status: string; setting: 'in_house' | 'external' };
}

const CONFLICT_COLUMNS = `l.id, l.booking_id, l.kind, l.status, l.carrier_kind, l.vehicle_id, l.driver_staff_id, l.run_id, l.pickup_at, l.dropoff_at,
  b.resident_id, r.legal_given, r.legal_family, r.preferred_name, b.mode_base, b.mode_bariatric, b.mode_oxygen,
  b.escort_kind, b.escort_staff_id, es.name, b.escort_name, b.escort_phone, l.family_name, l.family_phone,
  a.start_at, a.end_at, a.status, a.setting`;
const CONFLICT_JOINS = `JOIN transport_bookings b ON b.id = l.booking_id JOIN appointments a ON a.id = b.appointment_id
  JOIN residents r ON r.id = b.resident_id LEFT JOIN staff es ON es.id = b.escort_staff_id`;
const IN_WINDOW = (x: string) => `${x}.pickup_at >= @from AND ${x}.pickup_at < @until`;
/**
 * Only the legs of the window that can collide with the booking: its vehicles' (overlap, capacity),
 * its drivers' (a driver on another vehicle) with the other legs of those drivers' runs (a run's
 * times and riders are all its legs'), and the resident's own. Every other vehicle's day was read
 * and thrown away before: ~400 legs a save on a facility of 50,000 trips.
 * The resident's bookings whose appointment overlaps the window are found from the appointments'
 * (resident, start) index: going through every booking of the resident to look at its appointment
 * grew with the resident's history (~90 bookings, half the statement's time). A booking's resident
 * is its appointment's (written from it on every save), so both are required. The resident's legs
 * picked up in the window whatever the appointment (it moved since) are the last branch. The
 * branches are one IN list (UNION ALL: the list removes repeats itself) rather than a UNION, which
 * sorted each branch to merge them.
 */
export const CONFLICT_SQL = `SELECT ${CONFLICT_COLUMNS} FROM transport_legs l ${CONFLICT_JOINS}
WHERE l.id IN (
  SELECT v.id FROM transport_legs v WHERE v.vehicle_id IN (@v1, @v2) AND ${IN_WINDOW('v')}
  UNION ALL SELECT d.id FROM transport_legs d WHERE d.driver_staff_id IN (@d1, @d2) AND ${IN_WINDOW('d')}
  UNION ALL SELECT m.id FROM transport_legs d JOIN transport_legs m ON m.vehicle_id = d.vehicle_id AND m.run_id = d.run_id
    WHERE d.driver_staff_id IN (@d1, @d2) AND d.run_id IS NOT NULL AND ${IN_WINDOW('d')} AND ${IN_WINDOW('m')}
  UNION ALL SELECT o.id FROM appointments oa JOIN transport_bookings ob ON ob.appointment_id = oa.id AND ob.resident_id = @resident JOIN transport_legs o ON o.booking_id = ob.id
    WHERE oa.resident_id = @resident AND oa.start_at < @until AND oa.end_at >= @from
  UNION ALL SELECT o.id FROM transport_bookings ob JOIN transport_legs o ON o.booking_id = ob.id WHERE ob.resident_id = @resident AND ${IN_WINDOW('o')}
)
ORDER BY CASE WHEN ${IN_WINDOW('l')} THEN 0 ELSE 1 END, l.pickup_at, l.id`;

// ── What every save looks up, prepared once ─────────────────────────────────────────────────────
// A save reads the appointment, the resident's mobility, the vehicles, the drivers and the escort,
// the transport courses and their records. Through the query builder each of those calls built its
// SQL and had SQLite compile it again, which cost more than reading the rows (issue 11 benchmark:
// ~1.4 ms of a 3 ms conflict check). Hand-written statements, prepared once, rows as arrays.

/** Short lists of ids bound as @x1…@x4 (the rest null, which matches nothing): a booking names at most two drivers and an escort. Longer lists run four at a time. */
const SLOTS = 4;
const slots = (name: string) => Array.from({ length: SLOTS }, (_, i) => `@${name}${i + 1}`).join(', ');
const bindSlots = (name: string, values: readonly unknown[]) => Object.fromEntries(Array.from({ length: SLOTS }, (_, i) => [`${name}${i + 1}`, values[i] ?? null]));
function slices<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += SLOTS) out.push(values.slice(i, i + SLOTS));
  return out;
}

const VEHICLE_SQL = 'SELECT id, name, seats, wheelchair_positions, stretcher_positions, bariatric, oxygen, active, version FROM transport_vehicles';
const APPOINTMENT_SQL = `SELECT a.id, a.resident_id, r.legal_given, r.legal_family, r.preferred_name, rm.label, a.type, a.setting, a.status, a.start_at, a.end_at,
  a.provider_id, a.provider_name, a.location_name, a.address, a.phone, p.name, p.location_name, p.address, p.phone, a.series_id, a.occurrence_local,
  r.aid, r.transfer, r.bariatric
FROM appointments a JOIN residents r ON r.id = a.resident_id LEFT JOIN beds bd ON bd.id = r.bed_id LEFT JOIN rooms rm ON rm.id = bd.room_id
  LEFT JOIN appointment_providers p ON p.id = a.provider_id
WHERE a.id = @id`;
const STAFF_SQL = `SELECT id, name, hire_date, active FROM staff WHERE id IN (${slots('s')})`;
const COURSES_SQL = `SELECT id, code, name, validity_kind, validity_value, active FROM courses WHERE code IN (${slots('c')})`;
const RECORDS_SQL = `SELECT staff_id, course_id, completed_on FROM training_records
WHERE staff_id IN (${slots('s')}) AND course_id IN (${slots('k')}) AND voided_at IS NULL AND completed_on <= @through`;

const num = (v: unknown): number | null => (v === null ? null : Number(v));
const vehicleOf = (r: unknown[]): VehicleRow => ({
  id: Number(r[0]),
  name: r[1] as string,
  seats: Number(r[2]),
  wheelchairPositions: Number(r[3]),
  stretcherPositions: Number(r[4]),
  bariatric: bool(r[5]),
  oxygen: bool(r[6]),
  active: bool(r[7]),
  version: Number(r[8]),
});

/** Lists of ids are bound in chunks: well under either engine's limit on parameters. */
const CHUNK = 500;

/**
 * "This appointment has transport": it has a live booking, one with a leg that is not cancelled (a
 * booking whose legs are all cancelled no longer takes anyone anywhere). SQL over an expression for
 * the appointment's id, for the appointments area's list, needs-transport filter and work list, which
 * read it inside their own statement (one query per page, not one per row).
 */
export const liveBookingExistsSql = (appointmentId: string) =>
  `EXISTS (SELECT 1 FROM transport_bookings lb JOIN transport_legs ll ON ll.booking_id = lb.id WHERE lb.appointment_id = ${appointmentId} AND ll.status <> 'cancelled')`;

export function transportQueries(env: QueryEnv) {
  const { transportVehicles: vehicles, transportCarriers: carriers, transportDestinations: destinations, transportBookings: bookings, transportLegs: legs, transportConflictOverrides: overrides, transportStandingBookings: standing } =
    env.t;
  const { appointments, appointmentSeries: series, appointmentProviders: providers, residents, beds, rooms, staff, users } = env.t;
  const driver = aliasedTable(staff, 'driver');
  const escortStaff = aliasedTable(staff, 'escort_staff');
  const updater = aliasedTable(users, 'updater');

  const carrierColumns = { id: carriers.id, kind: carriers.kind, name: carriers.name, phone: carriers.phone, active: carriers.active, version: carriers.version };
  const standingColumns = { id: standing.id, seriesId: standing.seriesId, residentId: standing.residentId, templateJson: standing.templateJson, active: standing.active, version: standing.version };

  const appointmentColumns = {
    id: appointments.id,
    residentId: appointments.residentId,
    legalGiven: residents.legalGiven,
    legalFamily: residents.legalFamily,
    preferredName: residents.preferredName,
    room: rooms.label,
    type: appointments.type,
    setting: appointments.setting,
    status: appointments.status,
    seriesId: appointments.seriesId,
    occurrenceLocal: appointments.occurrenceLocal,
    startsAt: appointments.startAt,
    endsAt: appointments.endAt,
    providerId: appointments.providerId,
    providerName: appointments.providerName,
    locationName: appointments.locationName,
    address: appointments.address,
    phone: appointments.phone,
    dirName: providers.name,
    dirLocation: providers.locationName,
    dirAddress: providers.address,
    dirPhone: providers.phone,
  };

  const bookingColumns = {
    id: bookings.id,
    appointmentId: bookings.appointmentId,
    residentId: bookings.residentId,
    modeBase: bookings.modeBase,
    modeBariatric: bookings.modeBariatric,
    modeOxygen: bookings.modeOxygen,
    modeProposed: bookings.modeProposed,
    modeOverrideReason: bookings.modeOverrideReason,
    escortKind: bookings.escortKind,
    escortStaffId: bookings.escortStaffId,
    escortName: bookings.escortName,
    escortPhone: bookings.escortPhone,
    travelMinutes: bookings.travelMinutes,
    checkInMinutes: bookings.checkInMinutes,
    notes: bookings.notes,
    appointmentStartsAt: bookings.appointmentStartsAt,
    appointmentEndsAt: bookings.appointmentEndsAt,
    appointmentStatus: bookings.appointmentStatus,
    standingBookingId: bookings.standingBookingId,
    occurrenceKey: bookings.occurrenceKey,
    updatedAt: bookings.updatedAt,
    updatedByName: updater.displayName,
    version: bookings.version,
  };

  const legColumns = {
    id: legs.id,
    bookingId: legs.bookingId,
    kind: legs.kind,
    status: legs.status,
    carrierKind: legs.carrierKind,
    vehicleId: legs.vehicleId,
    vehicleName: vehicles.name,
    driverStaffId: legs.driverStaffId,
    driverName: driver.name,
    carrierId: legs.carrierId,
    carrierName: carriers.name,
    carrierPhone: carriers.phone,
    familyName: legs.familyName,
    familyPhone: legs.familyPhone,
    runId: legs.runId,
    returnKind: legs.returnKind,
    pickupAt: legs.pickupAt,
    dropoffAt: legs.dropoffAt,
    confirmationNumber: legs.confirmationNumber,
    pickedUpAt: legs.pickedUpAt,
    droppedOffAt: legs.droppedOffAt,
    cancelReason: legs.cancelReason,
  };

  const tripColumns = {
    ...legColumns,
    appointmentId: bookings.appointmentId,
    residentId: bookings.residentId,
    legalGiven: residents.legalGiven,
    legalFamily: residents.legalFamily,
    preferredName: residents.preferredName,
    room: rooms.label,
    modeBase: bookings.modeBase,
    modeBariatric: bookings.modeBariatric,
    modeOxygen: bookings.modeOxygen,
    escortKind: bookings.escortKind,
    escortStaffId: bookings.escortStaffId,
    escortStaffName: escortStaff.name,
    escortName: bookings.escortName,
    escortPhone: bookings.escortPhone,
    notes: bookings.notes,
    bookedStartsAt: bookings.appointmentStartsAt,
    bookedEndsAt: bookings.appointmentEndsAt,
    bookedStatus: bookings.appointmentStatus,
    startsAt: appointments.startAt,
    endsAt: appointments.endAt,
    apptStatus: appointments.status,
    setting: appointments.setting,
    providerName: appointments.providerName,
    locationName: appointments.locationName,
    address: appointments.address,
    phone: appointments.phone,
    dirName: providers.name,
    dirLocation: providers.locationName,
    dirAddress: providers.address,
    dirPhone: providers.phone,
  };

  const selectLegs = () =>
    env
      .db()
      .select(legColumns)
      .from(legs)
      .leftJoin(vehicles, eq(vehicles.id, legs.vehicleId))
      .leftJoin(driver, eq(driver.id, legs.driverStaffId))
      .leftJoin(carriers, eq(carriers.id, legs.carrierId));

  const selectTrips = () =>
    env
      .db()
      .select(tripColumns)
      .from(legs)
      .innerJoin(bookings, eq(bookings.id, legs.bookingId))
      .innerJoin(appointments, eq(appointments.id, bookings.appointmentId))
      .innerJoin(residents, eq(residents.id, bookings.residentId))
      .leftJoin(beds, eq(beds.id, residents.bedId))
      .leftJoin(rooms, eq(rooms.id, beds.roomId))
      .leftJoin(providers, eq(providers.id, appointments.providerId))
      .leftJoin(vehicles, eq(vehicles.id, legs.vehicleId))
      .leftJoin(driver, eq(driver.id, legs.driverStaffId))
      .leftJoin(carriers, eq(carriers.id, legs.carrierId))
      .leftJoin(escortStaff, eq(escortStaff.id, bookings.escortStaffId));

  type RawTrip = Awaited<ReturnType<ReturnType<typeof selectTrips>['where']>>[number];
  const toTrip = (r: RawTrip): TripRow => {
    const { bookedStartsAt, bookedEndsAt, bookedStatus, startsAt, endsAt, apptStatus, setting, providerName, locationName, address, phone, dirName, dirLocation, dirAddress, dirPhone, ...rest } = r;
    return {
      ...rest,
      booked: { startsAt: bookedStartsAt, endsAt: bookedEndsAt, status: bookedStatus },
      appointment: { startsAt, endsAt, status: apptStatus, setting },
      destination: destinationOf({ providerName, locationName, address, phone, dirName, dirLocation, dirAddress, dirPhone }),
    };
  };

  async function chunked<T>(ids: readonly number[], run: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await run(ids.slice(i, i + CHUNK))));
    return out;
  }

  const conflictStatement = env.statement(CONFLICT_SQL);
  const vehiclesStatement = env.statement(`${VEHICLE_SQL} ORDER BY id`);
  const vehicleStatement = env.statement(`${VEHICLE_SQL} WHERE id = @id`);
  const appointmentStatement = env.statement(APPOINTMENT_SQL);
  const staffStatement = env.statement(STAFF_SQL);
  const coursesStatement = env.statement(COURSES_SQL);
  const recordsStatement = env.statement(RECORDS_SQL);

  async function tripsById(ids: readonly number[]): Promise<TripRow[]> {
    return (await chunked(ids, (chunk) => selectTrips().where(inArray(legs.id, chunk)))).map(toTrip);
  }

  return {
    async vehicles(): Promise<VehicleRow[]> {
      return (await vehiclesStatement.rows()).map(vehicleOf);
    },
    async vehicle(id: number): Promise<VehicleRow | undefined> {
      const [row] = await vehicleStatement.rows({ id });
      return row && vehicleOf(row);
    },
    async vehicleNameTaken(name: string, exceptId: number | null): Promise<boolean> {
      const rows = await env
        .db()
        .select({ id: vehicles.id })
        .from(vehicles)
        .where(env.d.ciEquals(vehicles.name, name));
      return rows.some((r) => r.id !== exceptId);
    },
    async insertVehicle(v: VehicleWrite, at: string, by: number | null): Promise<number> {
      const [row] = await env
        .db()
        .insert(vehicles)
        .values({ ...v, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by })
        .returning({ id: vehicles.id });
      return row!.id;
    },
    async updateVehicle(id: number, v: VehicleWrite, expectedVersion: number, at: string, by: number | null): Promise<boolean> {
      const rows = await env
        .db()
        .update(vehicles)
        .set({ ...v, updatedAt: at, updatedBy: by, version: sql`${vehicles.version} + 1` })
        .where(and(eq(vehicles.id, id), eq(vehicles.version, expectedVersion)))
        .returning({ id: vehicles.id });
      return rows.length === 1;
    },

    async carriers(): Promise<CarrierRow[]> {
      return await env.db().select(carrierColumns).from(carriers).orderBy(asc(carriers.id));
    },
    async carrier(id: number): Promise<CarrierRow | undefined> {
      return first(env.db().select(carrierColumns).from(carriers).where(eq(carriers.id, id)));
    },
    async carrierNameTaken(name: string, exceptId: number | null): Promise<boolean> {
      const rows = await env.db().select({ id: carriers.id }).from(carriers).where(env.d.ciEquals(carriers.name, name));
      return rows.some((r) => r.id !== exceptId);
    },
    async insertCarrier(c: CarrierWrite, at: string, by: number | null): Promise<number> {
      const [row] = await env
        .db()
        .insert(carriers)
        .values({ ...c, createdAt: at, updatedAt: at, updatedBy: by })
        .returning({ id: carriers.id });
      return row!.id;
    },
    async updateCarrier(id: number, c: CarrierWrite, expectedVersion: number, at: string, by: number | null): Promise<boolean> {
      const rows = await env
        .db()
        .update(carriers)
        .set({ ...c, updatedAt: at, updatedBy: by, version: sql`${carriers.version} + 1` })
        .where(and(eq(carriers.id, id), eq(carriers.version, expectedVersion)))
        .returning({ id: carriers.id });
      return rows.length === 1;
    },

    /** Active providers of the directory (merged ones left out), with their travel settings if any. */
    async destinations(providerId?: number): Promise<DestinationRow[]> {
      return await env
        .db()
        .select({
          providerId: providers.id,
          name: providers.name,
          locationName: providers.locationName,
          address: providers.address,
          phone: providers.phone,
          travelMinutes: destinations.travelMinutes,
          checkInMinutes: destinations.checkInMinutes,
          version: destinations.version,
        })
        .from(providers)
        .leftJoin(destinations, eq(destinations.providerId, providers.id))
        .where(providerId === undefined ? and(eq(providers.active, true), isNull(providers.mergedIntoId)) : eq(providers.id, providerId))
        .orderBy(env.d.ciOrder(providers.name), asc(providers.id));
    },
    async insertDestination(d: { providerId: number; travelMinutes: number; checkInMinutes: number }, at: string, by: number | null): Promise<void> {
      await env
        .db()
        .insert(destinations)
        .values({ ...d, updatedAt: at, updatedBy: by });
    },
    async updateDestination(d: { providerId: number; travelMinutes: number; checkInMinutes: number }, expectedVersion: number, at: string, by: number | null): Promise<boolean> {
      const rows = await env
        .db()
        .update(destinations)
        .set({ travelMinutes: d.travelMinutes, checkInMinutes: d.checkInMinutes, updatedAt: at, updatedBy: by, version: sql`${destinations.version} + 1` })
        .where(and(eq(destinations.providerId, d.providerId), eq(destinations.version, expectedVersion)))
        .returning({ id: destinations.id });
      return rows.length === 1;
    },
    async destinationSettingId(providerId: number): Promise<number | undefined> {
      return (await first(env.db().select({ id: destinations.id }).from(destinations).where(eq(destinations.providerId, providerId))))?.id;
    },

    /** Active staff, for choosing a driver or an escort. */
    async staffOptions(): Promise<{ id: number; name: string; role: string }[]> {
      return await env.db().select({ id: staff.id, name: staff.name, role: staff.role }).from(staff).where(eq(staff.active, true)).orderBy(env.d.ciOrder(staff.name), asc(staff.id));
    },
    async staffFacts(ids: readonly number[]): Promise<StaffFact[]> {
      const out: StaffFact[] = [];
      for (const slice of slices([...new Set(ids)])) {
        for (const r of await staffStatement.rows(bindSlots('s', slice))) out.push({ id: Number(r[0]), name: r[1] as string, hireDate: r[2] as string, active: bool(r[3]) });
      }
      return out;
    },
    /** The catalog's courses with these codes (the transport credentials), active or not. */
    async coursesByCode(codes: readonly string[]): Promise<{ id: number; code: string; name: string; validity: CourseValidity; active: boolean }[]> {
      const out: { id: number; code: string; name: string; validity: CourseValidity; active: boolean }[] = [];
      for (const slice of slices([...new Set(codes)])) {
        for (const r of await coursesStatement.rows(bindSlots('c', slice))) {
          out.push({ id: Number(r[0]), code: r[1] as string, name: r[2] as string, validity: toValidity(r[3] as CourseValidity['kind'], Number(r[4])), active: bool(r[5]) });
        }
      }
      return out;
    },
    /** Live completions of these courses by these staff on or before `through` (as `training.completionsThrough`, for a few courses). */
    async completionsThrough(staffIds: readonly number[], courseIds: readonly number[], through: string): Promise<{ staffId: number; courseId: number; completedOn: string }[]> {
      const out: { staffId: number; courseId: number; completedOn: string }[] = [];
      for (const people of slices([...new Set(staffIds)])) {
        for (const courses of slices([...new Set(courseIds)])) {
          for (const r of await recordsStatement.rows({ ...bindSlots('s', people), ...bindSlots('k', courses), through })) {
            out.push({ staffId: Number(r[0]), courseId: Number(r[1]), completedOn: r[2] as string });
          }
        }
      }
      return out;
    },
    async staffOfUser(userId: number): Promise<{ id: number; name: string } | undefined> {
      return first(env.db().select({ id: staff.id, name: staff.name }).from(staff).where(eq(staff.userId, userId)));
    },

    /** The appointment with its resident's mobility (the mode proposed), in one statement: every save and every booking dialog reads both. */
    async appointment(id: number): Promise<(AppointmentFacts & { mobility: MobilityFacts }) | undefined> {
      const [r] = await appointmentStatement.rows({ id });
      if (!r) return undefined;
      const text = (v: unknown) => v as string | null;
      return {
        id: Number(r[0]),
        residentId: Number(r[1]),
        legalGiven: r[2] as string,
        legalFamily: r[3] as string,
        preferredName: text(r[4]),
        room: text(r[5]),
        type: r[6] as string,
        setting: r[7] as AppointmentFacts['setting'],
        status: r[8] as string,
        startsAt: r[9] as string,
        endsAt: r[10] as string,
        providerId: num(r[11]),
        providerName: text(r[12]),
        locationName: text(r[13]),
        address: text(r[14]),
        phone: text(r[15]),
        dirName: text(r[16]),
        dirLocation: text(r[17]),
        dirAddress: text(r[18]),
        dirPhone: text(r[19]),
        seriesId: num(r[20]),
        occurrenceLocal: text(r[21]),
        mobility: { aid: r[22] as MobilityFacts['aid'], transfer: r[23] as MobilityFacts['transfer'], bariatric: r[24] === null ? null : bool(r[24]) },
      };
    },
    /** External appointments starting in [from, until), in time order. */
    async externalAppointments(from: string, until: string): Promise<(AppointmentFacts & { bookingId: number | null })[]> {
      const rows = await env
        .db()
        .select({ ...appointmentColumns, bookingId: bookings.id })
        .from(appointments)
        .innerJoin(residents, eq(residents.id, appointments.residentId))
        .leftJoin(beds, eq(beds.id, residents.bedId))
        .leftJoin(rooms, eq(rooms.id, beds.roomId))
        .leftJoin(providers, eq(providers.id, appointments.providerId))
        .leftJoin(bookings, eq(bookings.appointmentId, appointments.id))
        .where(and(eq(appointments.setting, 'external'), gte(appointments.startAt, from), lt(appointments.startAt, until)))
        .orderBy(asc(appointments.startAt), asc(appointments.id))
        .limit(500);
      return rows;
    },

    async booking(id: number): Promise<BookingRow | undefined> {
      return first(env.db().select(bookingColumns).from(bookings).leftJoin(updater, eq(updater.id, bookings.updatedBy)).where(eq(bookings.id, id)));
    },
    async bookingOfAppointment(appointmentId: number): Promise<BookingRow | undefined> {
      return first(env.db().select(bookingColumns).from(bookings).leftJoin(updater, eq(updater.id, bookings.updatedBy)).where(eq(bookings.appointmentId, appointmentId)));
    },
    // ── Standing bookings ──
    async insertStanding(w: { seriesId: number; residentId: number; templateJson: string }, at: string, by: number | null): Promise<number> {
      const [row] = await env
        .db()
        .insert(standing)
        .values({ ...w, active: true, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by })
        .returning({ id: standing.id });
      return row!.id;
    },
    /** The active standing bookings of these series. */
    async standingOfSeries(seriesIds: readonly number[]): Promise<StandingRow[]> {
      if (seriesIds.length === 0) return [];
      const rows = await env
        .db()
        .select(standingColumns)
        .from(standing)
        .where(and(inArray(standing.seriesId, [...seriesIds]), eq(standing.active, true)))
        .orderBy(asc(standing.id));
      return rows.map((r) => ({ ...r, active: bool(r.active) }));
    },
    async endStanding(id: number, at: string, by: number | null): Promise<void> {
      await env
        .db()
        .update(standing)
        .set({ active: false, updatedAt: at, updatedBy: by, version: sql`${standing.version} + 1` })
        .where(eq(standing.id, id));
    },
    async standingById(id: number): Promise<StandingRow | undefined> {
      const row = await first(
        env
          .db()
          .select(standingColumns)
          .from(standing)
          .where(eq(standing.id, id)),
      );
      return row ? { ...row, active: bool(row.active) } : undefined;
    },
    /** The rides a standing booking made for its occurrences from `fromKey` (an original local start) on. */
    async standingRidesFrom(id: number, fromKey: string): Promise<number[]> {
      const rows = await env
        .db()
        .select({ id: bookings.id })
        .from(bookings)
        .where(and(eq(bookings.standingBookingId, id), gte(bookings.occurrenceKey, fromKey)))
        .orderBy(asc(bookings.occurrenceKey));
      return rows.map((r) => r.id);
    },
    /** How many rides each standing booking has made. */
    async standingRides(ids: readonly number[]): Promise<Map<number, number>> {
      if (ids.length === 0) return new Map();
      const rows = await env
        .db()
        .select({ id: bookings.standingBookingId, n: sql<number>`count(*)` })
        .from(bookings)
        .where(inArray(bookings.standingBookingId, [...ids]))
        .groupBy(bookings.standingBookingId);
      return new Map(rows.map((r) => [r.id!, Number(r.n)]));
    },
    /** Which of these appointments already have a booking. */
    async bookedAppointments(appointmentIds: readonly number[]): Promise<Set<number>> {
      const out = new Set<number>();
      // Chunked: PostgreSQL and SQLite both cap a statement's parameters.
      for (let i = 0; i < appointmentIds.length; i += 500) {
        const part = appointmentIds.slice(i, i + 500);
        for (const r of await env.db().select({ id: bookings.appointmentId }).from(bookings).where(inArray(bookings.appointmentId, part))) out.add(r.id);
      }
      return out;
    },
    /** Series as transport lists their occurrences: the resident, the room and the destination. */
    async seriesFacts(seriesIds: readonly number[]): Promise<Map<number, Omit<AppointmentFacts, 'id' | 'startsAt' | 'endsAt' | 'status' | 'seriesId' | 'occurrenceLocal'>>> {
      if (seriesIds.length === 0) return new Map();
      const rows = await env
        .db()
        .select({
          id: series.id,
          residentId: series.residentId,
          legalGiven: residents.legalGiven,
          legalFamily: residents.legalFamily,
          preferredName: residents.preferredName,
          room: rooms.label,
          type: series.type,
          setting: series.setting,
          providerId: series.providerId,
          providerName: series.providerName,
          locationName: series.locationName,
          address: series.address,
          phone: series.phone,
          dirName: providers.name,
          dirLocation: providers.locationName,
          dirAddress: providers.address,
          dirPhone: providers.phone,
        })
        .from(series)
        .innerJoin(residents, eq(residents.id, series.residentId))
        .leftJoin(beds, eq(beds.id, residents.bedId))
        .leftJoin(rooms, eq(rooms.id, beds.roomId))
        .leftJoin(providers, eq(providers.id, series.providerId))
        .where(inArray(series.id, [...seriesIds]));
      return new Map(rows.map(({ id, ...r }) => [id, r]));
    },

    async insertBooking(b: BookingWrite, at: string, by: number | null, from?: { standingBookingId: number; occurrenceKey: string }): Promise<number> {
      const [row] = await env
        .db()
        .insert(bookings)
        .values({ ...b, ...from, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by })
        .returning({ id: bookings.id });
      return row!.id;
    },
    async updateBooking(id: number, b: BookingWrite, expectedVersion: number, at: string, by: number | null): Promise<boolean> {
      const rows = await env
        .db()
        .update(bookings)
        .set({ ...b, updatedAt: at, updatedBy: by, version: sql`${bookings.version} + 1` })
        .where(and(eq(bookings.id, id), eq(bookings.version, expectedVersion)))
        .returning({ id: bookings.id });
      return rows.length === 1;
    },
    /** A leg changed: the booking's version moves on, so other stations refetch and a stale edit is refused. */
    async touchBooking(id: number, at: string, by: number | null): Promise<void> {
      await env
        .db()
        .update(bookings)
        .set({ updatedAt: at, updatedBy: by, version: sql`${bookings.version} + 1` })
        .where(eq(bookings.id, id));
    },

    async legsOf(bookingIds: readonly number[]): Promise<LegRow[]> {
      return chunked(bookingIds, (ids) => selectLegs().where(inArray(legs.bookingId, ids)).orderBy(asc(legs.bookingId), asc(legs.id)));
    },
    async leg(id: number): Promise<LegRow | undefined> {
      return first(selectLegs().where(eq(legs.id, id)));
    },
    async insertLeg(bookingId: number, l: LegWrite, at: string, by: number | null): Promise<number> {
      const [row] = await env
        .db()
        .insert(legs)
        .values({ ...l, bookingId, statusChangedAt: at, statusChangedBy: by })
        .returning({ id: legs.id });
      return row!.id;
    },
    async updateLeg(id: number, l: Partial<LegWrite> & { pickedUpAt?: string | null; droppedOffAt?: string | null; cancelReason?: string | null }, at: string, by: number | null, statusChanged: boolean): Promise<void> {
      await env
        .db()
        .update(legs)
        .set({ ...l, ...(statusChanged ? { statusChangedAt: at, statusChangedBy: by } : {}) })
        .where(eq(legs.id, id));
    },

    async overridesOf(bookingId: number) {
      return await env
        .db()
        .select({ legKind: overrides.legKind, code: overrides.code, reason: overrides.reason, byName: users.displayName, at: overrides.overriddenAt })
        .from(overrides)
        .leftJoin(users, eq(users.id, overrides.overriddenBy))
        .where(eq(overrides.bookingId, bookingId))
        .orderBy(asc(overrides.id));
    },
    async insertOverrides(rows: readonly { bookingId: number; legKind: LegKind; code: string; conflictKey: string; paramsJson: string; reason: string }[], at: string, by: number | null): Promise<void> {
      if (rows.length === 0) return;
      await env
        .db()
        .insert(overrides)
        .values(rows.map((r) => ({ ...r, overriddenAt: at, overriddenBy: by })));
    },

    /**
     * The legs that could collide with a booking: pickups in [from, until) (the caller widens the
     * booking's window by a day either side), plus every leg of the resident's bookings in that span.
     */
    async tripsAround(from: string, until: string, residentId: number): Promise<TripRow[]> {
      // Ids first, each by its own index (an OR, or a join the planner may start from the residents,
      // would scan every leg), then the rows by primary key.
      const inWindow = await env
        .db()
        .select({ id: legs.id })
        .from(legs)
        .where(and(gte(legs.pickupAt, from), lt(legs.pickupAt, until)));
      const own = await env
        .db()
        .select({ id: legs.id })
        .from(bookings)
        .innerJoin(appointments, eq(appointments.id, bookings.appointmentId))
        .innerJoin(legs, eq(legs.bookingId, bookings.id))
        .where(and(eq(bookings.residentId, residentId), gte(appointments.endAt, from), lt(appointments.startAt, until)));
      return tripsById([...new Set([...inWindow, ...own].map((r) => r.id))]);
    },
    /**
     * The legs a booking's conflicts are checked against, among pickups in [from, until) (the caller
     * widens the booking's window by a day either side): those of the booking's vehicles, of its
     * drivers (with the rest of those drivers' runs), and the resident's own legs of that span. The
     * hot path of every save: one prepared statement, rows as arrays. A booking has two legs, so at
     * most two vehicles and two drivers.
     */
    async conflictLegs(from: string, until: string, scope: { residentId: number; vehicleIds: readonly number[]; driverIds: readonly number[] }): Promise<ConflictLegRow[]> {
      const [v1 = null, v2 = null] = [...new Set(scope.vehicleIds)];
      const [d1 = null, d2 = null] = [...new Set(scope.driverIds)];
      if (new Set(scope.vehicleIds).size > 2 || new Set(scope.driverIds).size > 2) throw new Error('conflictLegs: a booking has at most two vehicles and two drivers');
      const rows = (await conflictStatement.rows({ from, until, resident: scope.residentId, v1, v2, d1, d2 })) as unknown[][];
      return rows.map((r) => ({
        id: Number(r[0]),
        bookingId: Number(r[1]),
        kind: r[2] as LegKind,
        status: r[3] as LegStatus,
        carrierKind: r[4] as CarrierKind,
        vehicleId: r[5] === null ? null : Number(r[5]),
        driverStaffId: r[6] === null ? null : Number(r[6]),
        runId: r[7] === null ? null : Number(r[7]),
        pickupAt: r[8] as string | null,
        dropoffAt: r[9] as string | null,
        residentId: Number(r[10]),
        legalGiven: r[11] as string,
        legalFamily: r[12] as string,
        preferredName: r[13] as string | null,
        modeBase: r[14] as BaseMode,
        modeBariatric: bool(r[15]),
        modeOxygen: bool(r[16]),
        escortKind: r[17] as EscortKind | null,
        escortStaffId: r[18] === null ? null : Number(r[18]),
        escortStaffName: r[19] as string | null,
        escortName: r[20] as string | null,
        escortPhone: r[21] as string | null,
        familyName: r[22] as string | null,
        familyPhone: r[23] as string | null,
        appointment: { startsAt: r[24] as string, endsAt: r[25] as string, status: r[26] as string, setting: r[27] as 'in_house' | 'external' },
      }));
    },
    /** Legs with a pickup in [from, until), and will-call returns whose appointment ends then. */
    async tripsBetween(from: string, until: string, filter: { vehicleId?: number; driverStaffId?: number } = {}): Promise<TripRow[]> {
      const narrow = and(
        filter.vehicleId !== undefined ? eq(legs.vehicleId, filter.vehicleId) : undefined,
        filter.driverStaffId !== undefined ? eq(legs.driverStaffId, filter.driverStaffId) : undefined,
      );
      const timed = await env
        .db()
        .select({ id: legs.id })
        .from(legs)
        .where(and(gte(legs.pickupAt, from), lt(legs.pickupAt, until), narrow));
      const willCall = await env
        .db()
        .select({ id: legs.id })
        .from(legs)
        .innerJoin(bookings, eq(bookings.id, legs.bookingId))
        .where(and(isNull(legs.pickupAt), gte(bookings.appointmentEndsAt, new Date(Date.parse(from) - 2 * 86_400_000).toISOString()), lt(bookings.appointmentStartsAt, until), narrow));
      return tripsById([...timed, ...willCall].map((r) => r.id));
    },
    /** Legs whose resident may be out now: outbound marked, return not yet done, pickups around now. */
    async tripsOfBookings(bookingIds: readonly number[]): Promise<TripRow[]> {
      const ids = await chunked(bookingIds, (chunk) => env.db().select({ id: legs.id }).from(legs).where(inArray(legs.bookingId, chunk)));
      return tripsById(ids.map((r) => r.id));
    },
    /** Bookings whose outbound is under way or done and whose return is not finished: who may be out now. */
    async openBookingIds(since: string): Promise<number[]> {
      const outbound = aliasedTable(legs, 'ob');
      const rows: { id: number }[] = await env
        .db()
        .select({ id: bookings.id })
        .from(bookings)
        .innerJoin(outbound, and(eq(outbound.bookingId, bookings.id), eq(outbound.kind, 'outbound')))
        .where(
          and(
            inArray(outbound.status, ['en_route', 'completed']),
            gte(bookings.appointmentEndsAt, since),
            sql`NOT EXISTS (SELECT 1 FROM transport_legs rb WHERE rb.booking_id = ${bookings.id} AND rb.kind = 'return' AND rb.status = 'completed')`,
          ),
        );
      return rows.map((r) => r.id);
    },
  };
}

/** Where the driver goes: the appointment's own copy of the provider's details first, then the directory's. */
export function destinationOf(a: {
  providerName: string | null;
  locationName: string | null;
  address: string | null;
  phone: string | null;
  dirName: string | null;
  dirLocation: string | null;
  dirAddress: string | null;
  dirPhone: string | null;
}): { name: string; address: string; phone: string | null } {
  const name = [a.providerName ?? a.dirName, a.locationName ?? a.dirLocation].filter((s): s is string => s !== null && s !== '').join(' — ');
  return { name, address: a.address ?? a.dirAddress ?? '', phone: a.phone ?? a.dirPhone ?? null };
}
