/**
 * Transport vocabulary. Stored values are stable snake_case keys; the words a person reads live in
 * shared/i18n/transport*.ts, so renaming a label never needs a data migration.
 */

/**
 * The modes a booking, a carrier and a vehicle speak of. A rider needs one *base* mode (how they sit:
 * in a seat, in their wheelchair, lying on a stretcher) plus, independently, bariatric equipment and
 * oxygen. They are kept apart in `TransportNeed` because a bariatric wheelchair user on oxygen needs
 * all three, and collapsing that into one word would drop exactly the part the driver must know.
 */
export const TRANSPORT_MODES = ['ambulatory', 'wheelchair', 'stretcher', 'bariatric', 'oxygen'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

/** How the rider travels; decides which kind of position they take in a vehicle. */
export const BASE_MODES = ['ambulatory', 'wheelchair', 'stretcher'] as const;
export type BaseMode = (typeof BASE_MODES)[number];

export interface TransportNeed {
  base: BaseMode;
  /** Needs a bariatric-rated vehicle (wider lift, higher weight limit). */
  bariatric: boolean;
  /** Travels on oxygen: the vehicle must be able to secure a cylinder. */
  oxygen: boolean;
}

/** Every mode a need involves, base first: what the vehicle must be able to carry. */
export function modesOf(need: TransportNeed): TransportMode[] {
  const modes: TransportMode[] = [need.base];
  if (need.bariatric) modes.push('bariatric');
  if (need.oxygen) modes.push('oxygen');
  return modes;
}

export function sameNeed(a: TransportNeed, b: TransportNeed): boolean {
  return a.base === b.base && a.bariatric === b.bariatric && a.oxygen === b.oxygen;
}

/** The kind of place a rider (or an escort) occupies on board. */
export const POSITION_KINDS = ['seat', 'wheelchair', 'stretcher'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

export function positionFor(base: BaseMode): PositionKind {
  return base === 'ambulatory' ? 'seat' : base;
}

// ── Carriers ────────────────────────────────────────────────────────────────────────────────────

export const CARRIER_KINDS = ['facility_vehicle', 'transport_company', 'taxi', 'family'] as const;
export type CarrierKind = (typeof CARRIER_KINDS)[number];

/**
 * A facility vehicle as the rules need it. What it can carry is derived from its positions and its
 * two equipment flags rather than stored as a separate list, so the two can never disagree.
 */
export interface Vehicle {
  id: string;
  /** What staff call it: "Van 2". */
  name: string;
  /** Ordinary seats for ambulatory riders and escorts, not counting the driver. */
  seats: number;
  wheelchairPositions: number;
  stretcherPositions: number;
  bariatric: boolean;
  oxygen: boolean;
}

export function capacityOf(vehicle: Vehicle, kind: PositionKind): number {
  if (kind === 'seat') return vehicle.seats;
  return kind === 'wheelchair' ? vehicle.wheelchairPositions : vehicle.stretcherPositions;
}

/** The modes the vehicle can carry at all. */
export function modesCarried(vehicle: Vehicle): TransportMode[] {
  const modes: TransportMode[] = [];
  if (vehicle.seats > 0) modes.push('ambulatory');
  if (vehicle.wheelchairPositions > 0) modes.push('wheelchair');
  if (vehicle.stretcherPositions > 0) modes.push('stretcher');
  if (vehicle.bariatric) modes.push('bariatric');
  if (vehicle.oxygen) modes.push('oxygen');
  return modes;
}

/**
 * Who drives a leg. The confirmation number of an outside company is per leg (outbound and return are
 * usually booked as two rides), so it lives on the leg, not here.
 */
export type Carrier =
  | { kind: 'facility_vehicle'; vehicleId: string; driverStaffId: string | null }
  | { kind: 'transport_company'; name: string; phone: string }
  | { kind: 'taxi'; name: string | null; phone: string | null }
  | { kind: 'family'; name: string; phone: string };

// ── Escorts ─────────────────────────────────────────────────────────────────────────────────────

export const ESCORT_KINDS = ['staff', 'family'] as const;
export type EscortKind = (typeof ESCORT_KINDS)[number];

/** An escort rides along and takes a seat. A staff escort leaves the floor (shown on the handoff). */
export type Escort =
  | { kind: 'staff'; staffId: string; name: string }
  | { kind: 'family'; name: string; phone: string | null };

// ── Legs ────────────────────────────────────────────────────────────────────────────────────────

export const LEG_KINDS = ['outbound', 'return'] as const;
export type LegKind = (typeof LEG_KINDS)[number];

export const LEG_STATUSES = ['requested', 'confirmed', 'en_route', 'completed', 'cancelled', 'no_show'] as const;
export type LegStatus = (typeof LEG_STATUSES)[number];

/**
 * Allowed status changes. 'en_route' means the rider is on board (the driver marked the pickup);
 * 'completed' means dropped off. Once picked up, a leg can only end by a drop-off: a resident in a
 * vehicle must never vanish from the board by a status change. confirmed → requested is how a ride
 * goes back to "to confirm" after its appointment moved. Mistaken marks are corrected with the
 * supervised "entered in error" of the clinical safety rules, not by walking the status back.
 */
export const LEG_TRANSITIONS: Readonly<Record<LegStatus, readonly LegStatus[]>> = {
  // requested → en_route: a driver whose ride nobody formally confirmed must still be able to mark the
  // pickup; refusing the tap would take the resident off the board, which is worse.
  requested: ['confirmed', 'en_route', 'cancelled', 'no_show'],
  confirmed: ['requested', 'en_route', 'cancelled', 'no_show'],
  en_route: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** Statuses in which a leg no longer occupies a vehicle, a driver or the resident. */
export function isVoidLeg(status: LegStatus): boolean {
  return status === 'cancelled' || status === 'no_show';
}

export function isFinalLegStatus(status: LegStatus): boolean {
  return LEG_TRANSITIONS[status].length === 0;
}

/** When the return leg's pickup is known in advance or the clinic calls when the resident is ready. */
export const RETURN_KINDS = ['fixed', 'will_call'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];

// ── Appointments (as transport sees them) ───────────────────────────────────────────────────────

/**
 * The appointments area is being built in parallel (shared/domain/appointments). Transport needs only
 * these facts about an appointment; the names match that area's vocabulary so the handler passes its
 * values straight through.
 */
export const APPOINTMENT_STATUSES = ['scheduled', 'confirmed', 'completed', 'cancelled', 'no_show', 'rescheduled'] as const;
export type AppointmentStatusRef = (typeof APPOINTMENT_STATUSES)[number];
export type AppointmentSettingRef = 'in_house' | 'external';

export interface AppointmentRef {
  /** UTC ISO instants. */
  startsAt: string;
  endsAt: string;
  status: AppointmentStatusRef;
  setting: AppointmentSettingRef;
}

/** Appointment statuses after which no ride should go out for it. */
export function appointmentCallsOffTransport(status: AppointmentStatusRef): boolean {
  return status === 'cancelled' || status === 'rescheduled';
}

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
