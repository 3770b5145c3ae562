import { z } from 'zod';
import { BOOKING_FLAGS } from '../domain/transport/linked';
import { CONFLICT_CODES } from '../domain/transport/conflicts';
import { DRIVER_ACTIONS } from '../domain/transport/legs';
import { MODE_REASONS } from '../domain/transport/mode';
import {
  BookInput,
  CarrierCompanyInput,
  DriverDayInput,
  DriverMarkInput,
  ManifestInput,
  ManifestRowOutput,
  SetLegStatusInput,
  TripBoardInput,
  VehicleInput,
  WillCallInput,
  CheckInMinutes,
  TravelMinutes,
} from '../domain/transport/schemas';
import { BASE_MODES, CARRIER_KINDS, LEG_KINDS, LEG_STATUSES, RETURN_KINDS } from '../domain/transport/vocabulary';
import { Id, IsoDate, IsoInstant, Version, text } from './common';
import { method } from './method';

/**
 * Transport (docs/transport.md): vehicles, the carrier directory, travel settings per destination,
 * bookings with their two legs, the trip board, the driver's view and the manifest. Reads need
 * `transport.read`, bookings and settings `transport.write`, the driver's marks `transport.drive`.
 */

export const VehicleOut = z.object({
  id: Id,
  name: z.string(),
  seats: z.number().int(),
  wheelchairPositions: z.number().int(),
  stretcherPositions: z.number().int(),
  bariatric: z.boolean(),
  oxygen: z.boolean(),
  active: z.boolean(),
  version: Version,
});
export type VehicleOut = z.infer<typeof VehicleOut>;

export const CarrierOut = z.object({ id: Id, kind: z.enum(['transport_company', 'taxi']), name: z.string(), phone: z.string(), active: z.boolean(), version: Version });
export type CarrierOut = z.infer<typeof CarrierOut>;

export const DestinationOut = z.object({
  providerId: Id,
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  /** Null: no setting yet for this destination. */
  travelMinutes: z.number().int().nullable(),
  checkInMinutes: z.number().int().nullable(),
  version: Version.nullable(),
});
export type DestinationOut = z.infer<typeof DestinationOut>;

export const StaffOption = z.object({ id: Id, name: z.string(), role: z.string() });

const NeedOut = z.object({ base: z.enum(BASE_MODES), bariatric: z.boolean(), oxygen: z.boolean() });

export const LegOut = z.object({
  id: Id,
  kind: z.enum(LEG_KINDS),
  status: z.enum(LEG_STATUSES),
  carrier: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('facility_vehicle'), vehicleId: Id, vehicleName: z.string(), driverStaffId: Id.nullable(), driverName: z.string().nullable() }),
    z.object({ kind: z.literal('transport_company'), companyId: Id, name: z.string(), phone: z.string() }),
    z.object({ kind: z.literal('taxi'), companyId: Id.nullable(), name: z.string().nullable(), phone: z.string().nullable() }),
    z.object({ kind: z.literal('family'), name: z.string(), phone: z.string() }),
  ]),
  returnKind: z.enum(RETURN_KINDS).nullable(),
  pickupAt: IsoInstant.nullable(),
  dropoffAt: IsoInstant.nullable(),
  confirmationNumber: z.string().nullable(),
  pickedUpAt: z.string().nullable(),
  droppedOffAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  runId: Id.nullable(),
});
export type LegOut = z.infer<typeof LegOut>;

export const AppointmentFactsOut = z.object({
  id: Id,
  residentId: Id,
  residentName: z.string(),
  room: z.string().nullable(),
  type: z.string(),
  setting: z.enum(['in_house', 'external']),
  status: z.string(),
  startsAt: IsoInstant,
  endsAt: IsoInstant,
  providerId: Id.nullable(),
  destinationName: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
});
export type AppointmentFactsOut = z.infer<typeof AppointmentFactsOut>;

export const BookingOut = z.object({
  id: Id,
  appointment: AppointmentFactsOut,
  need: NeedOut,
  modeProposed: z.string().nullable(),
  modeOverrideReason: z.string().nullable(),
  escort: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('staff'), staffId: Id, name: z.string() }),
      z.object({ kind: z.literal('family'), name: z.string(), phone: z.string().nullable() }),
    ])
    .nullable(),
  travelMinutes: z.number().int(),
  checkInMinutes: z.number().int(),
  notes: z.string().nullable(),
  legs: z.array(LegOut),
  flags: z.array(z.enum(BOOKING_FLAGS)),
  /**
   * The appointment changed since the booking was saved: what to offer the coordinator (new times
   * next to the old, or the rides to cancel). Null when nothing changed.
   */
  linked: z
    .object({
      kind: z.enum(['moved', 'called_off']),
      was: z.object({ startsAt: IsoInstant, endsAt: IsoInstant }),
      proposed: z.array(z.object({ legId: Id, kind: z.enum(LEG_KINDS), wasPickupAt: IsoInstant.nullable(), pickupAt: IsoInstant.nullable(), dropoffAt: IsoInstant.nullable() })),
      cancellable: z.array(Id),
    })
    .nullable(),
  overrides: z.array(z.object({ legKind: z.enum(LEG_KINDS), code: z.string(), reason: z.string(), byName: z.string().nullable(), at: z.string() })),
  /** The standing ride this booking was made from, with how many rides it has made and whether it still runs; null for a one-off. */
  standing: z.object({ id: Id, rides: z.number().int(), active: z.boolean() }).nullable(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
  version: Version,
});
export type BookingOut = z.infer<typeof BookingOut>;

const ProposalOut = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('proposed'), need: NeedOut, because: z.array(z.enum(MODE_REASONS)) }),
  z.object({ kind: z.literal('ask'), notAssessed: z.array(z.enum(['aid', 'transfer', 'bariatric'])) }),
]);

/** A conflict as the booking dialog shows it: its key (what an override names), code and params. */
export const ConflictOut = z.object({
  key: z.string(),
  code: z.enum(CONFLICT_CODES),
  legKind: z.enum(LEG_KINDS),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

const BoardRow = ManifestRowOutput.extend({
  bookingId: Id,
  carrierKind: z.enum(CARRIER_KINDS),
  carrierName: z.string().nullable(),
  driverName: z.string().nullable(),
  confirmationNumber: z.string().nullable(),
});

const OutRowOut = z.object({
  bookingId: Id,
  residentId: Id,
  residentName: z.string(),
  room: z.string().nullable(),
  outSince: z.string(),
  expectedBackAt: z.string(),
  estimated: z.boolean(),
  returnState: z.enum(['planned', 'will_call', 'under_way', 'cancelled', 'no_show', 'none']),
  overdue: z.boolean(),
  minutesOverdue: z.number().int(),
});

/**
 * An external appointment in the rides list. A series occurrence not opened yet has no id: booking a
 * ride for it opens it first (`transport.openOccurrence`).
 */
const ExternalAppointment = AppointmentFactsOut.extend({
  id: Id.nullable(),
  bookingId: Id.nullable(),
  occurrence: z.object({ seriesId: Id, originalLocal: z.string() }).nullable(),
  /** The series has a standing ride (its occurrences get rides by themselves). */
  standing: z.boolean(),
});

const LegStatusResult = z.object({ booking: BookingOut });

const bookingFields = BookInput.omit({ appointmentId: true, standing: true }).shape;

export const transportContract = {
  /** Vehicles, the carrier directory, destinations with their travel settings, staff who may drive or escort. */
  'transport.setup': method({
    input: z.strictObject({}),
    output: z.object({ vehicles: z.array(VehicleOut), carriers: z.array(CarrierOut), destinations: z.array(DestinationOut), staff: z.array(StaffOption) }),
    access: 'transport.read',
    write: false,
  }),
  'transport.saveVehicle': method({
    input: VehicleInput.safeExtend({ id: Id.nullable().default(null), expectedVersion: Version.nullable().default(null) }),
    output: VehicleOut,
    access: 'transport.write',
    write: true,
  }),
  'transport.saveCarrier': method({
    input: CarrierCompanyInput.extend({ id: Id.nullable().default(null), expectedVersion: Version.nullable().default(null) }),
    output: CarrierOut,
    access: 'transport.write',
    write: true,
  }),
  'transport.saveDestination': method({
    input: z.strictObject({ providerId: Id, travelMinutes: TravelMinutes, checkInMinutes: CheckInMinutes, expectedVersion: Version.nullable().default(null) }),
    output: DestinationOut,
    access: 'transport.write',
    write: true,
  }),
  /** External appointments from `from` for `days` days, with their booking if any: what needs a ride. */
  'transport.appointments': method({
    input: z.strictObject({ from: IsoDate, days: z.number().int().min(1).max(31).default(7) }),
    output: z.object({ rows: z.array(ExternalAppointment) }),
    access: 'transport.read',
    write: false,
  }),
  /** What the booking dialog starts from: the appointment, the mode proposed, travel settings, the pickup proposed. */
  'transport.prepare': method({
    input: z.strictObject({ appointmentId: Id, oxygen: z.boolean().default(false) }),
    output: z.object({
      appointment: AppointmentFactsOut,
      proposal: ProposalOut,
      travelMinutes: z.number().int().nullable(),
      checkInMinutes: z.number().int().nullable(),
      proposedPickupAt: IsoInstant.nullable(),
      proposedReturnAt: IsoInstant,
      booking: BookingOut.nullable(),
      /** The appointment is an occurrence of a series: a standing ride can be booked for the rest of it (unless one exists). */
      series: z.object({ id: Id, standingId: Id.nullable() }).nullable(),
    }),
    access: 'transport.read',
    write: false,
  }),
  /** Opens a series occurrence (it becomes an appointment row) so a ride can be booked for it. */
  'transport.openOccurrence': method({
    input: z.strictObject({ seriesId: Id, originalLocal: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/) }),
    output: z.object({ appointmentId: Id }),
    access: 'transport.write',
    write: true,
  }),
  'transport.booking': method({
    input: z.strictObject({ bookingId: Id }),
    output: BookingOut,
    access: 'transport.read',
    write: false,
  }),
  /**
   * Books a ride. Bad input: field errors, nothing written. Conflicts not overridden with a reason:
   * `conflict` with each one as a field under `overrides` (code = the conflict's code, params with its
   * `key`), nothing written; the dialog asks for a reason per conflict and sends them back.
   * `standing: true` books the appointment's series from this occurrence on (docs/transport.md,
   * "Standing rides"); its conflicts come one per kind of problem (`standing:<code>:<leg>` keys, with
   * the first date and how many occurrences), and one reason accepts every occurrence's.
   */
  'transport.book': method({
    input: BookInput,
    output: BookingOut,
    access: 'transport.write',
    write: true,
  }),
  'transport.updateBooking': method({
    input: z.strictObject({ ...bookingFields, bookingId: Id, expectedVersion: Version }),
    output: BookingOut,
    access: 'transport.write',
    write: true,
  }),
  /**
   * Ends a standing ride from this booking's date: this ride and every later one it made are cancelled
   * with the reason (rides already under way or done stay), earlier ones stay, and later series edits
   * add no more rides.
   */
  'transport.endStanding': method({
    input: z.strictObject({ bookingId: Id, reason: text(300) }),
    output: z.object({ booking: BookingOut, ridesCancelled: z.number().int() }),
    access: 'transport.write',
    write: true,
  }),
  /** The coordinator's status changes: confirm (with the number), cancel (with a reason), back to requested. */
  'transport.setLegStatus': method({
    input: SetLegStatusInput,
    output: LegStatusResult,
    access: 'transport.write',
    write: true,
  }),
  /** The clinic called for a will-call return. */
  'transport.callReturn': method({
    input: WillCallInput,
    output: LegStatusResult,
    access: 'transport.write',
    write: true,
  }),
  /** Today's and tomorrow's trips by time and vehicle; who is out now; overdue returns; unmarked pickups. */
  'transport.board': method({
    input: TripBoardInput,
    output: z.object({
      dates: z.array(IsoDate),
      groups: z.array(z.object({ date: IsoDate, vehicleId: Id.nullable(), vehicleName: z.string().nullable(), rows: z.array(BoardRow) })),
      out: z.array(OutRowOut),
      unmarked: z.array(z.object({ legId: Id, bookingId: Id, residentName: z.string(), pickupAt: z.string(), minutesLate: z.number().int() })),
    }),
    access: 'transport.read',
    write: false,
  }),
  /** A driver's own trips for the day, in order, with the buttons each allows. Nothing else of the record. */
  'transport.driverDay': method({
    input: DriverDayInput,
    output: z.object({ driverName: z.string().nullable(), trips: z.array(z.object({ row: ManifestRowOutput, actions: z.array(z.enum(DRIVER_ACTIONS)) })) }),
    access: 'transport.drive',
    write: false,
  }),
  'transport.driverMark': method({
    input: DriverMarkInput,
    output: z.object({ row: ManifestRowOutput, actions: z.array(z.enum(DRIVER_ACTIONS)) }),
    access: 'transport.drive',
    write: true,
  }),
  /** One vehicle's day for the printed manifest. */
  'transport.manifest': method({
    input: ManifestInput,
    output: z.object({ vehicle: z.object({ id: Id, name: z.string() }), date: IsoDate, rows: z.array(ManifestRowOutput) }),
    access: 'transport.read',
    write: false,
  }),
};
