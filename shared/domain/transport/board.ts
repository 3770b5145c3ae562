/**
 * The trip board's rules for the charge nurse: who is out of the building now, whose return is
 * overdue, and which pickups nobody has marked. Pure functions with an injected `now`.
 *
 * What the board believes comes from the driver's marks (pickup → en route, drop-off → completed),
 * not from the clock: a resident is out from the moment the outbound pickup is marked until the return
 * drop-off is marked. The clock only decides what is late. A resident never drops off the board
 * because a return was cancelled or the carrier reported a no-show at the clinic — those are exactly
 * the residents someone must go and find — so they stay listed with the problem named.
 */
import { awayWindow } from './conflicts';
import type { TripLeg } from './conflicts';
import { MINUTE_MS, toIso, toMs } from './time';
import { isVoidLeg } from './vocabulary';
import type { AppointmentRef, LegKind, LegStatus } from './vocabulary';

export interface BoardLeg {
  id: number;
  kind: LegKind;
  status: LegStatus;
  /** Planned; null for a will-call return not yet called. */
  pickupAt: string | null;
  dropoffAt: string | null;
  /** When the driver marked the pickup / the drop-off (null until then). */
  pickedUpAt: string | null;
  droppedOffAt: string | null;
}

export interface BoardBooking {
  bookingId: number;
  residentId: number;
  appointment: AppointmentRef;
  legs: readonly BoardLeg[];
}

export type ReturnState = 'planned' | 'will_call' | 'under_way' | 'cancelled' | 'no_show' | 'none';

export interface OutRow {
  bookingId: number;
  residentId: number;
  /** When the outbound pickup was marked (or, unmarked with the leg completed, its planned time). */
  outSince: string;
  /** When the resident is expected back; estimated from the appointment when no return time exists. */
  expectedBackAt: string;
  estimated: boolean;
  returnState: ReturnState;
  overdue: boolean;
  /** Minutes past the expected return (0 when not overdue). */
  minutesOverdue: number;
}

function outboundOf(b: BoardBooking): BoardLeg | undefined {
  return b.legs.find((l) => l.kind === 'outbound');
}

function returnOf(b: BoardBooking): BoardLeg | undefined {
  return b.legs.find((l) => l.kind === 'return');
}

function returnStateOf(leg: BoardLeg | undefined): ReturnState {
  if (leg === undefined) return 'none';
  if (leg.status === 'cancelled' || leg.status === 'no_show') return leg.status;
  if (leg.status === 'en_route') return 'under_way';
  return leg.pickupAt === null ? 'will_call' : 'planned';
}

/** The outbound drive time, used to estimate the way back. */
function travelMs(outbound: BoardLeg): number {
  if (outbound.pickupAt === null || outbound.dropoffAt === null) return 0;
  return Math.max(0, toMs(outbound.dropoffAt) - toMs(outbound.pickupAt));
}

/**
 * Residents out of the building now, most overdue first, then by expected return. `graceMinutes` is
 * how late a return may be before it is highlighted (traffic happens; a setting).
 */
export function residentsOut(bookings: readonly BoardBooking[], now: string, graceMinutes = 0): OutRow[] {
  const nowMs = toMs(now);
  const rows: OutRow[] = [];
  for (const b of bookings) {
    const out = outboundOf(b);
    if (out === undefined || !(out.status === 'en_route' || out.status === 'completed')) continue;
    const back = returnOf(b);
    if (back?.status === 'completed') continue;
    const state = returnStateOf(back);
    let expected: number;
    let estimated = false;
    if (back !== undefined && !isVoidLeg(back.status) && back.dropoffAt !== null) expected = toMs(back.dropoffAt);
    else {
      // Will-call not yet called, a cancelled return, a no-show at the clinic: the appointment end plus
      // the drive back is the best estimate there is.
      expected = toMs(b.appointment.endsAt) + travelMs(out);
      estimated = true;
    }
    const lateBy = nowMs - expected;
    const overdue = lateBy > graceMinutes * MINUTE_MS;
    rows.push({
      bookingId: b.bookingId,
      residentId: b.residentId,
      outSince: out.pickedUpAt ?? out.pickupAt ?? b.appointment.startsAt,
      expectedBackAt: toIso(expected),
      estimated,
      returnState: state,
      overdue,
      minutesOverdue: overdue ? Math.floor(lateBy / MINUTE_MS) : 0,
    });
  }
  return rows.sort((a, b) => b.minutesOverdue - a.minutesOverdue || toMs(a.expectedBackAt) - toMs(b.expectedBackAt));
}

/** Returns that are overdue: past the expected return (plus grace) and not marked back. */
export function overdueReturns(bookings: readonly BoardBooking[], now: string, graceMinutes = 0): OutRow[] {
  return residentsOut(bookings, now, graceMinutes).filter((r) => r.overdue);
}

export interface UnmarkedPickup {
  bookingId: number;
  residentId: number;
  legId: number;
  kind: LegKind;
  pickupAt: string;
  minutesLate: number;
}

/**
 * Planned pickups whose time (plus grace) has passed without a pickup, drop-off or no-show being
 * marked: either the ride is late or the driver forgot to mark it — either way someone should look,
 * because the board cannot tell whether that resident is in the building.
 */
export function unmarkedPickups(bookings: readonly BoardBooking[], now: string, graceMinutes = 0): UnmarkedPickup[] {
  const nowMs = toMs(now);
  const out: UnmarkedPickup[] = [];
  for (const b of bookings) {
    for (const leg of b.legs) {
      if (!(leg.status === 'requested' || leg.status === 'confirmed') || leg.pickupAt === null) continue;
      const late = nowMs - toMs(leg.pickupAt);
      if (late <= graceMinutes * MINUTE_MS) continue;
      out.push({ bookingId: b.bookingId, residentId: b.residentId, legId: leg.id, kind: leg.kind, pickupAt: leg.pickupAt, minutesLate: Math.floor(late / MINUTE_MS) });
    }
  }
  return out.sort((a, b) => b.minutesLate - a.minutesLate);
}

export interface StaffAway {
  staffId: string;
  name: string;
  bookingId: string;
  from: string;
  until: string;
}

/**
 * Staff escorts off the floor, for the shift handoff ("Lee Park escorts Rosa Díaz 09:20–11:25"): from
 * the outbound pickup until the expected return, as long as the booking is live. Same window as the
 * resident's (conflicts.ts `awayWindow`), since the escort goes and comes back with them.
 */
export function staffEscortsAway(legs: readonly TripLeg[]): StaffAway[] {
  const byBooking = new Map<string, TripLeg[]>();
  for (const l of legs) {
    const list = byBooking.get(l.bookingId);
    if (list === undefined) byBooking.set(l.bookingId, [l]);
    else list.push(l);
  }
  const out: StaffAway[] = [];
  for (const [bookingId, bookingLegs] of byBooking) {
    const window = awayWindow(bookingLegs);
    const escort = window?.outbound.escort;
    if (window === null || escort?.kind !== 'staff') continue;
    out.push({ staffId: escort.staffId, name: escort.name, bookingId, from: toIso(window.from), until: toIso(window.until) });
  }
  return out.sort((a, b) => toMs(a.from) - toMs(b.from));
}
