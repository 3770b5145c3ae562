/**
 * Pickup times and the booking's own consistency (bad input: a specific field error, nothing written).
 *
 * Pickup = appointment start − travel time − check-in buffer. Travel time and buffer are the
 * facility's settings for the destination (plain inputs here); the proposed pickup is editable.
 * Arrival (the outbound drop-off) = pickup + travel time; a fixed return arrives back after the same
 * travel time. Conflicts with other trips are not checked here (conflicts.ts): these are the errors no
 * override can make right.
 */
import type { FieldIssue } from '../../result';
import { MINUTE_MS, toIso, toMs } from './time';
import { capacityOf, positionFor } from './vocabulary';
import type { AppointmentRef, Escort, TransportNeed, Vehicle } from './vocabulary';

/** A destination's travel settings; minutes, whole numbers. */
export interface TravelSettings {
  travelMinutes: number;
  checkInMinutes: number;
}

export function proposePickup(appointmentStartsAt: string, travel: TravelSettings): string {
  return toIso(toMs(appointmentStartsAt) - (travel.travelMinutes + travel.checkInMinutes) * MINUTE_MS);
}

export type ReturnPlan = { kind: 'fixed'; pickupAt: string } | { kind: 'will_call' };

/**
 * Proposed return for a fixed-time return: the appointment's expected end, so the ride is there when
 * the resident comes out. Will-call has no time until the clinic calls.
 */
export function proposeReturn(appointment: AppointmentRef): ReturnPlan {
  return { kind: 'fixed', pickupAt: appointment.endsAt };
}

export interface PlannedLeg {
  pickupAt: string;
  dropoffAt: string;
}

export interface BookingTimes {
  appointment: AppointmentRef;
  travelMinutes: number;
  checkInMinutes: number;
  outboundPickupAt: string;
  return: ReturnPlan;
}

/** The two legs' times; a will-call return has none until the call comes in. */
export function planLegs(times: BookingTimes): { outbound: PlannedLeg; return: PlannedLeg | null } {
  const travel = times.travelMinutes * MINUTE_MS;
  const out = toMs(times.outboundPickupAt);
  const outbound = { pickupAt: toIso(out), dropoffAt: toIso(out + travel) };
  if (times.return.kind === 'will_call') return { outbound, return: null };
  const back = toMs(times.return.pickupAt);
  return { outbound, return: { pickupAt: toIso(back), dropoffAt: toIso(back + travel) } };
}

/** The times of a will-call return once the clinic has called: the driver leaves now(ish). */
export function planWillCallReturn(calledPickupAt: string, travelMinutes: number): PlannedLeg {
  const at = toMs(calledPickupAt);
  return { pickupAt: toIso(at), dropoffAt: toIso(at + travelMinutes * MINUTE_MS) };
}

/** A facility vehicle used by a leg, when there is one: the checks below need its positions. */
export interface LegVehicle {
  outbound: Vehicle | null;
  return: Vehicle | null;
}

export interface BookingDraft extends BookingTimes {
  need: TransportNeed;
  escort: Escort | null;
  vehicles: LegVehicle;
}

/**
 * Field errors of a booking, in a stable order (the form shows them top to bottom). Paths are the
 * input paths of the contract (`transport.book`), so the renderer puts each next to its field.
 */
export function validateBooking(draft: BookingDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { appointment } = draft;
  if (appointment.setting === 'in_house') {
    // The provider comes to the building: a ride would send the resident away from their own visit.
    issues.push({ path: 'appointmentId', code: 'in_house_appointment' });
  }
  if (!Number.isInteger(draft.travelMinutes) || draft.travelMinutes < 0) issues.push({ path: 'travelMinutes', code: 'negative_travel_time' });
  if (!Number.isInteger(draft.checkInMinutes) || draft.checkInMinutes < 0) issues.push({ path: 'checkInMinutes', code: 'negative_check_in_time' });
  // Times follow from the travel time; with a bad one every later message would be noise.
  if (issues.some((i) => i.path !== 'appointmentId')) return issues;

  const start = toMs(appointment.startsAt);
  const pickup = toMs(draft.outboundPickupAt);
  const arrival = pickup + draft.travelMinutes * MINUTE_MS;
  if (pickup > start) issues.push({ path: 'outbound.pickupAt', code: 'pickup_after_start' });
  else if (arrival > start) issues.push({ path: 'outbound.pickupAt', code: 'arrives_after_start', params: { minutes: Math.ceil((arrival - start) / MINUTE_MS) } });

  if (draft.return.kind === 'fixed') {
    const back = toMs(draft.return.pickupAt);
    if (back < arrival) issues.push({ path: 'return.pickupAt', code: 'return_before_outbound' });
    else if (back < start) issues.push({ path: 'return.pickupAt', code: 'return_before_appointment' });
  }

  for (const kind of ['outbound', 'return'] as const) {
    const vehicle = draft.vehicles[kind];
    if (vehicle === null) continue;
    const position = positionFor(draft.need.base);
    if (capacityOf(vehicle, position) < 1) {
      issues.push({ path: `${kind}.carrier.vehicleId`, code: 'no_position_for_mode', params: { vehicle: vehicle.name, position } });
    } else if (draft.escort !== null && vehicle.seats < (position === 'seat' ? 2 : 1)) {
      issues.push({ path: `${kind}.carrier.vehicleId`, code: 'no_seat_for_escort', params: { vehicle: vehicle.name } });
    }
  }
  return issues;
}
