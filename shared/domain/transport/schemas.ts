/**
 * Zod input schemas for the transport methods, in the house style: strict objects (an unknown key is
 * an error, never silently dropped), ISO strings for instants and dates, ids as positive integers,
 * and our own stable codes for the errors a person can make ('negative_travel_time', not zod's
 * wording). Value-level checks only: rules across fields (pickup after the start, return before the
 * outbound) need the appointment and live in schedule.ts, returning the same kind of field codes.
 *
 * The methods themselves (`transport.book`, …, with output schemas and permissions) belong in
 * shared/contract/transport.ts with the handlers; these are the inputs they will take.
 */
import { z } from 'zod';
import { Id, IsoDate, IsoInstant, optionalText, text } from '../../contract/common';
import { OVERRIDE_REASON_MAX_CHARS, OVERRIDE_REASON_MIN_CHARS } from './conflicts';
import { DRIVER_ACTIONS } from './legs';
import { MODE_REASON_MIN_CHARS } from './mode';
import { BOOKING_FLAGS } from './linked';
import { ESCORT_KINDS, BASE_MODES, LEG_KINDS, LEG_STATUSES, TRANSPORT_MODES } from './vocabulary';

/**
 * The longest one-way drive a booking may plan: 8 hours. A facility vehicle's leg keeps it busy from
 * the empty drive out (travel before pickup) to the empty drive back (two travels after pickup), so
 * with this bound every leg that can overlap a booking is picked up within a day of the booking's own
 * times — the window the save's conflict check reads (`aroundLegs`). Longer is a transfer, not a trip.
 */
export const MAX_TRAVEL_MINUTES = 8 * 60;

/** Whole minutes, never negative, at most `max` (a typo of 600 for 60 is still caught by review, 6000 here). */
const minutes = (negativeCode: string, max: number) =>
  z
    .number()
    .int()
    .max(max)
    .refine((n) => n >= 0, { error: negativeCode });

export const TravelMinutes = minutes('negative_travel_time', MAX_TRAVEL_MINUTES);
export const CheckInMinutes = minutes('negative_check_in_time', 24 * 60);

export const TransportNeedInput = z.strictObject({
  base: z.enum(BASE_MODES),
  bariatric: z.boolean(),
  oxygen: z.boolean(),
});

/**
 * The mode the person booking chose. Null = take the proposal from the resident's mobility (refused
 * by the handler when mobility is not assessed: 'mode_required'). A reason is required when the
 * choice differs from the proposal; the handler decides that with `decideMode`.
 */
export const ModeChoiceInput = z.strictObject({
  need: TransportNeedInput,
  overrideReason: optionalText(300).refine((s) => s === null || s.length >= MODE_REASON_MIN_CHARS, { error: 'mode_override_reason_required' }),
});

/**
 * Who drives a leg. Outside companies and taxi firms come from the carrier directory (entered once,
 * reused); family is typed per booking, as it is often a different relative each time.
 */
export const CarrierInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('facility_vehicle'), vehicleId: Id, driverStaffId: Id.nullable() }),
  z.strictObject({ kind: z.literal('transport_company'), companyId: Id }),
  z.strictObject({ kind: z.literal('taxi'), companyId: Id.nullable() }),
  z.strictObject({ kind: z.literal('family'), name: text(120), phone: text(40) }),
]);
export type CarrierInput = z.output<typeof CarrierInput>;

export const EscortInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('staff'), staffId: Id }),
  z.strictObject({ kind: z.literal('family'), name: text(120), phone: optionalText(40) }),
]);

/** Accepting one conflict: its key (from the check) and why. */
export const ConflictOverrideInput = z.strictObject({
  key: z.string().min(1).max(300),
  // One code per problem: an empty reason is 'required', a token one ("ok") is too short.
  reason: z
    .string()
    .max(OVERRIDE_REASON_MAX_CHARS * 4)
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .max(OVERRIDE_REASON_MAX_CHARS)
        .refine((s) => s.length >= OVERRIDE_REASON_MIN_CHARS, { error: (issue) => (issue.input === '' ? 'required' : 'override_reason_too_short') }),
    ),
});

const legCarrier = {
  carrier: CarrierInput,
  /** Put on an existing run of the vehicle (shared ride, or the driver waits): its id. */
  runId: Id.nullable().default(null),
};

export const BookInput = z.strictObject({
  appointmentId: Id,
  mode: ModeChoiceInput.nullable(),
  escort: EscortInput.nullable(),
  travelMinutes: TravelMinutes,
  checkInMinutes: CheckInMinutes,
  outbound: z.strictObject({ pickupAt: IsoInstant, ...legCarrier }),
  return: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fixed'), pickupAt: IsoInstant, ...legCarrier }),
    z.strictObject({ kind: z.literal('will_call'), ...legCarrier }),
  ]),
  notes: optionalText(500),
  overrides: z.array(ConflictOverrideInput).max(50).default([]),
  /** Book every later occurrence of the appointment's series the same way: a standing ride. */
  standing: z.boolean().default(false),
});
export type BookInput = z.output<typeof BookInput>;

/** Editing a booking: the same fields, plus the version seen, so a save over a newer change is refused. */
export const UpdateBookingInput = BookInput.omit({ appointmentId: true, standing: true }).extend({
  bookingId: Id,
  expectedUpdatedAt: IsoInstant,
});
export type UpdateBookingInput = z.output<typeof UpdateBookingInput>;

/** The coordinator's status changes (confirm with a number, cancel, back to requested). */
export const SetLegStatusInput = z.strictObject({
  legId: Id,
  status: z.enum(LEG_STATUSES),
  confirmationNumber: optionalText(60),
  /** Required for cancel: a surveyor asks why a dialysis ride did not go. */
  reason: optionalText(300),
});

/** The driver's buttons; the time is the server's clock, never the tablet's. */
export const DriverMarkInput = z.strictObject({
  legId: Id,
  action: z.enum(DRIVER_ACTIONS),
});

/** The clinic called for a will-call return: when to pick up. */
export const WillCallInput = z.strictObject({
  legId: Id,
  pickupAt: IsoInstant,
});

const positions = (max: number) => z.number().int().min(0).max(max);

export const VehicleInput = z
  .strictObject({
    name: text(60),
    seats: positions(60),
    wheelchairPositions: positions(12),
    stretcherPositions: positions(4),
    bariatric: z.boolean(),
    oxygen: z.boolean(),
    active: z.boolean().default(true),
  })
  // A vehicle nobody can ride in is a typo, not a vehicle.
  .refine((v) => v.seats + v.wheelchairPositions + v.stretcherPositions > 0, { error: 'vehicle_without_positions', path: ['seats'] });

export const CarrierCompanyInput = z.strictObject({
  kind: z.enum(['transport_company', 'taxi']),
  name: text(120),
  phone: text(40),
  active: z.boolean().default(true),
});

/** The facility's travel settings for one destination (a provider location). */
export const DestinationTravelInput = z.strictObject({
  locationId: Id,
  travelMinutes: TravelMinutes,
  checkInMinutes: CheckInMinutes,
});

/**
 * What a standing ride repeats for each occurrence of its series (dialysis Mon/Wed/Fri): the first
 * ride's choices, with its times kept as offsets from the appointment, so each occurrence's ride keeps
 * the lead time the coordinator chose (and a moved occurrence's ride moves the same way). Stored as
 * JSON on the standing booking, parsed with this schema on the way out.
 */
export const StandingTemplate = z.strictObject({
  /** The original local start of the first occurrence it covers. */
  fromLocal: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
  /** Minutes from the outbound pickup to the appointment's start. */
  leadMinutes: z.number().int(),
  /** Minutes from the appointment's end to a fixed return's pickup; null for a will-call return. */
  afterEndMinutes: z.number().int().nullable(),
  booking: BookInput.omit({ appointmentId: true, overrides: true, standing: true }),
});
export type StandingTemplate = z.output<typeof StandingTemplate>;

export const TripBoardInput = z.strictObject({ date: IsoDate });
export const ManifestInput = z.strictObject({ vehicleId: Id, date: IsoDate });
export const DriverDayInput = z.strictObject({ date: IsoDate });

/**
 * One row of the driver's view and of the printed manifest (output). Strict, so a handler that ever
 * hands a driver more than the whitelist (manifest.ts) fails its contract instead of leaking it.
 */
export const ManifestRowOutput = z.strictObject({
  legId: Id,
  kind: z.enum(LEG_KINDS),
  status: z.enum(LEG_STATUSES),
  pickupAt: IsoInstant.nullable(),
  expectedCallAt: IsoInstant.nullable(),
  residentName: z.string(),
  room: z.string().nullable(),
  modes: z.array(z.enum(TRANSPORT_MODES)),
  destinationName: z.string(),
  destinationAddress: z.string(),
  destinationPhone: z.string().nullable(),
  escort: z.strictObject({ kind: z.enum(ESCORT_KINDS), name: z.string(), phone: z.string().nullable() }).nullable(),
  notes: z.string().nullable(),
  flags: z.array(z.enum(BOOKING_FLAGS)),
});
