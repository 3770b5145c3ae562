/**
 * What happens to a booking when its appointment changes, and how a standing booking follows a
 * recurring series.
 *
 * The rule: a trip never silently points at the wrong time. When the appointment moves, legs not yet
 * under way move with it (keeping the lead time the coordinator chose) and go back to "requested",
 * and the booking is flagged "appointment moved — re-confirm with the carrier": the carrier still has
 * the old time until someone calls. When the appointment is cancelled (or replaced by a rescheduled
 * one), nothing is cancelled behind anyone's back — the ride may be with an outside company that must
 * be called — but the booking is flagged, and saving it again meets the appointment conflict.
 * Legs already under way or finished are history: never rewritten, flagged instead.
 */
import { MINUTE_MS, toIso, toMs } from './time';
import { appointmentCallsOffTransport, isVoidLeg } from './vocabulary';
import type { AppointmentRef, LegKind, LegStatus } from './vocabulary';
import type { PlannedLeg } from './schedule';

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

// ── Standing bookings ───────────────────────────────────────────────────────────────────────────

/**
 * One occurrence of a recurring appointment series, as transport needs it. The appointments area's
 * own occurrence shape is not final; this is the minimum transport needs, and the handler maps theirs
 * onto it: a key stable across edits of the series (the original local start, as RECURRENCE.md keys
 * overrides), the occurrence's current instants (after any override), and whether it is cancelled.
 */
export interface Occurrence {
  key: string;
  start: string;
  end: string;
  cancelled: boolean;
}

/** The part of a standing booking that makes each occurrence's legs. */
export interface StandingTemplate {
  travelMinutes: number;
  checkInMinutes: number;
  /**
   * A fixed return is "N minutes after the appointment ends" rather than a clock time, so it follows an
   * occurrence that was moved, and stays right across DST because the occurrence's instants do.
   */
  return: { kind: 'fixed'; afterEndMinutes: number } | { kind: 'will_call' };
  /** Occurrence keys with no ride (family takes her this once): transport's own exceptions. */
  skip: readonly string[];
}

export interface OccurrenceLegs {
  occurrenceKey: string;
  outbound: PlannedLeg;
  return: PlannedLeg | null;
}

function legsFor(template: StandingTemplate, occurrence: Occurrence): OccurrenceLegs {
  const travel = template.travelMinutes * MINUTE_MS;
  const pickup = toMs(occurrence.start) - travel - template.checkInMinutes * MINUTE_MS;
  const outbound = { pickupAt: toIso(pickup), dropoffAt: toIso(pickup + travel) };
  if (template.return.kind === 'will_call') return { occurrenceKey: occurrence.key, outbound, return: null };
  const back = toMs(occurrence.end) + template.return.afterEndMinutes * MINUTE_MS;
  return { occurrenceKey: occurrence.key, outbound, return: { pickupAt: toIso(back), dropoffAt: toIso(back + travel) } };
}

/** The legs a standing booking asks for, one pair per occurrence that happens and is not skipped. */
export function standingLegs(template: StandingTemplate, occurrences: readonly Occurrence[]): OccurrenceLegs[] {
  const skip = new Set(template.skip);
  return occurrences.filter((o) => !o.cancelled && !skip.has(o.key)).map((o) => legsFor(template, o));
}

/** A booking already made for one occurrence, with the occurrence as it was when the legs were planned. */
export interface OccurrenceBooking {
  occurrenceKey: string;
  plannedFor: { start: string; end: string };
  legs: readonly LinkedLeg[];
}

export interface StandingReconciliation {
  /** Occurrences that need legs and have none yet. */
  create: OccurrenceLegs[];
  /** Existing occurrence bookings whose occurrence moved, was cancelled, removed or skipped. */
  changes: { occurrenceKey: string; change: LinkedChange }[];
}

/**
 * Brings a standing booking's legs in line with the series after an edit: new occurrences get legs;
 * a moved occurrence moves its legs (and asks to re-confirm); a cancelled, skipped or vanished one
 * (the series was cut short) flags its booking. Occurrences with nothing to do produce nothing.
 * The handler passes the occurrences and bookings of one window (say the next four weeks).
 */
export function reconcileStanding(
  template: StandingTemplate,
  occurrences: readonly Occurrence[],
  existing: readonly OccurrenceBooking[],
): StandingReconciliation {
  const skip = new Set(template.skip);
  const booked = new Map(existing.map((b) => [b.occurrenceKey, b]));
  const create: OccurrenceLegs[] = [];
  const changes: { occurrenceKey: string; change: LinkedChange }[] = [];
  const seen = new Set<string>();
  for (const o of occurrences) {
    seen.add(o.key);
    const booking = booked.get(o.key);
    if (booking === undefined) {
      if (!o.cancelled && !skip.has(o.key)) create.push(legsFor(template, o));
      continue;
    }
    if (!o.cancelled && skip.has(o.key)) {
      if (booking.legs.some((l) => !isVoidLeg(l.status))) changes.push({ occurrenceKey: o.key, change: { flags: ['ride_skipped'], updates: [] } });
      continue;
    }
    const before: AppointmentRef = { startsAt: booking.plannedFor.start, endsAt: booking.plannedFor.end, status: 'scheduled', setting: 'external' };
    const after: AppointmentRef = { startsAt: o.start, endsAt: o.end, status: o.cancelled ? 'cancelled' : 'scheduled', setting: 'external' };
    const change = followAppointmentChange(before, after, booking.legs);
    if (change.flags.length > 0 || change.updates.length > 0) changes.push({ occurrenceKey: o.key, change });
  }
  for (const b of existing) {
    if (seen.has(b.occurrenceKey) || b.legs.every((l) => isVoidLeg(l.status))) continue;
    changes.push({ occurrenceKey: b.occurrenceKey, change: { flags: ['occurrence_removed'], updates: [] } });
  }
  return { create, changes };
}
