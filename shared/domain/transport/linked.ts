/**
 * What happens to a booking when its appointment changes. A standing ride's bookings are ordinary
 * bookings of opened occurrences (standing.ts), so they follow their occurrence the same way.
 *
 * The rule: a trip never silently points at the wrong time. When the appointment moves, legs not yet
 * under way move with it (keeping the lead time the coordinator chose) and go back to "requested",
 * and the booking is flagged "appointment moved — re-confirm with the carrier": the carrier still has
 * the old time until someone calls. When the appointment is cancelled (or replaced by a rescheduled
 * one), nothing is cancelled behind anyone's back — the ride may be with an outside company that must
 * be called — but the booking is flagged, and saving it again meets the appointment conflict.
 * Legs already under way or finished are history: never rewritten, flagged instead.
 */
import { toIso, toMs } from './time';
import { appointmentCallsOffTransport, isVoidLeg } from './vocabulary';
import type { AppointmentRef, LegKind, LegStatus } from './vocabulary';

export interface LinkedLeg {
  id: string;
  kind: LegKind;
  status: LegStatus;
  pickupAt: string | null;
  dropoffAt: string | null;
}

export const BOOKING_FLAGS = [
  'appointment_moved_reconfirm',
  'appointment_cancelled',
  'appointment_rescheduled',
  'appointment_in_house',
  'moved_after_departure',
  'occurrence_removed',
  'ride_skipped',
] as const;
export type BookingFlag = (typeof BOOKING_FLAGS)[number];

export interface LegUpdate {
  legId: string;
  pickupAt: string | null;
  dropoffAt: string | null;
  status: LegStatus;
}

export interface LinkedChange {
  /** Shown on the booking, the trip board and the manifest until someone deals with them. */
  flags: BookingFlag[];
  /** What to write to the legs (each audited with its before). */
  updates: LegUpdate[];
}

const NOT_UNDER_WAY: ReadonlySet<LegStatus> = new Set(['requested', 'confirmed']);

function shifted(iso: string | null, deltaMs: number): string | null {
  return iso === null ? null : toIso(toMs(iso) + deltaMs);
}

/** The effect on a booking's legs of its appointment going from `before` to `after`. */
export function followAppointmentChange(before: AppointmentRef, after: AppointmentRef, legs: readonly LinkedLeg[]): LinkedChange {
  const flags: BookingFlag[] = [];
  const updates: LegUpdate[] = [];
  const live = legs.filter((l) => !isVoidLeg(l.status));
  if (live.length === 0) return { flags, updates };

  if (appointmentCallsOffTransport(after.status) && !appointmentCallsOffTransport(before.status)) {
    flags.push(after.status === 'cancelled' ? 'appointment_cancelled' : 'appointment_rescheduled');
    // Moving the ride of an appointment that will not happen would only hide the problem.
    return { flags, updates };
  }
  if (after.setting === 'in_house' && before.setting !== 'in_house') flags.push('appointment_in_house');

  const startDelta = toMs(after.startsAt) - toMs(before.startsAt);
  const endDelta = toMs(after.endsAt) - toMs(before.endsAt);
  let moved = false;
  for (const leg of live) {
    // The outbound follows the start; a fixed return follows the end; a will-call return has no time.
    const delta = leg.kind === 'outbound' ? startDelta : endDelta;
    if (delta === 0 || leg.pickupAt === null) continue;
    if (!NOT_UNDER_WAY.has(leg.status)) {
      if (!flags.includes('moved_after_departure')) flags.push('moved_after_departure');
      continue;
    }
    moved = true;
    updates.push({ legId: leg.id, pickupAt: shifted(leg.pickupAt, delta), dropoffAt: shifted(leg.dropoffAt, delta), status: 'requested' });
  }
  if (moved) flags.unshift('appointment_moved_reconfirm');
  return { flags, updates };
}

/**
 * What the booking dialog offers after its appointment changed, for the coordinator to accept — never
 * applied by itself. `moved`: the new pickup and return times (each leg keeps the lead time the
 * coordinator chose, as `followAppointmentChange` moves it), shown next to the old ones. `called_off`
 * (cancelled, replaced by a rescheduled appointment, or now in-house): the legs that can still be
 * cancelled, offered for cancellation. Legs under way are in neither list: the driver must be called.
 */
export interface LinkedOffer {
  kind: 'moved' | 'called_off';
  flags: BookingFlag[];
  proposed: (LegUpdate & { kind: LegKind; wasPickupAt: string | null })[];
  cancellable: string[];
}

export function linkedOffer(booked: AppointmentRef, now: AppointmentRef, legs: readonly LinkedLeg[]): LinkedOffer | null {
  const change = followAppointmentChange(booked, now, legs);
  const calledOff = appointmentCallsOffTransport(now.status) || now.setting === 'in_house';
  if (calledOff) {
    const cancellable = legs.filter((l) => NOT_UNDER_WAY.has(l.status)).map((l) => l.id);
    // Already dealt with: every ride cancelled (or finished) leaves nothing to offer.
    if (cancellable.length === 0) return null;
    const reason: BookingFlag = now.status === 'cancelled' ? 'appointment_cancelled' : now.status === 'rescheduled' ? 'appointment_rescheduled' : 'appointment_in_house';
    return { kind: 'called_off', flags: [reason], proposed: [], cancellable };
  }
  if (change.flags.length === 0 && change.updates.length === 0) return null;
  const byId = new Map(legs.map((l) => [l.id, l]));
  return {
    kind: 'moved',
    flags: change.flags,
    proposed: change.updates.map((u) => ({ ...u, kind: byId.get(u.legId)!.kind, wasPickupAt: byId.get(u.legId)!.pickupAt })),
    cancellable: [],
  };
}
