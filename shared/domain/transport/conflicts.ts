/**
 * Conflict rules for transport, as pure functions over plain data. Checked on save; each conflict
 * blocks the save unless overridden with a recorded reason (see `resolveConflicts`).
 *
 * Words used here:
 * - a **leg** is one ride of one resident (outbound or return);
 * - a **run** is one trip of a facility vehicle, from leaving the building to being back. Legs the
 *   dispatcher groups under one `runId` share the run (a shared ride to the dialysis centre, or the
 *   driver waiting at the clinic for the return); a leg without one is a run of its own.
 * - a facility vehicle's run is busy for the loaded drive and the empty drive that goes with it: after
 *   an outbound drop-off the van drives back empty, before a return pickup it drives out empty. Both
 *   take the leg's travel time (same road), so a van that dropped someone at 09:30 after a 30-minute
 *   drive is not free for a 09:35 pickup at the building — it is back at 10:00.
 * All intervals are half-open: a run ending at 10:00 and one starting at 10:00 do not conflict.
 */
import { credentialProblems } from './credentials';
import type { CredentialRequirement, StaffCredentials, TripRole } from './credentials';
import { localDate, localDatesOf, overlaps, toIso, toMs } from './time';
import { appointmentCallsOffTransport, capacityOf, isFinalLegStatus, isVoidLeg, modesCarried, modesOf, positionFor } from './vocabulary';
import type { AppointmentRef, Carrier, Escort, LegKind, LegStatus, PositionKind, TransportNeed, Vehicle } from './vocabulary';

/** One leg as the rules see it: a denormalised row (leg + booking + resident name). */
export interface TripLeg {
  /** Saved legs: the row id as text. Candidate legs: any id unique among them. */
  id: string;
  bookingId: string;
  kind: LegKind;
  status: LegStatus;
  residentId: string;
  /** For messages only ("Van 2 is already on a trip 09:00–10:30 (Rosa Díaz)"). */
  residentName: string;
  need: TransportNeed;
  escort: Escort | null;
  carrier: Carrier;
  runId: string | null;
  /** UTC ISO instants; both null for a will-call return the clinic has not called yet. */
  pickupAt: string | null;
  dropoffAt: string | null;
  appointment: AppointmentRef;
}

export interface ConflictContext {
  timeZone: string;
  vehicles: ReadonlyMap<string, Vehicle>;
  /** Drivers and staff escorts of the candidate legs and of the existing legs (for names). */
  staff: ReadonlyMap<string, StaffCredentials>;
  requirements: readonly CredentialRequirement[];
}

export const CONFLICT_CODES = [
  'appointment_cancelled',
  'appointment_rescheduled',
  'vehicle_overlap',
  'driver_overlap',
  'over_capacity_seats',
  'over_capacity_wheelchairs',
  'over_capacity_stretchers',
  'mode_not_carried',
  'resident_double_booked',
  'driver_credential_expired',
  'driver_credential_missing',
  'escort_credential_expired',
  'escort_credential_missing',
] as const;
export type ConflictCode = (typeof CONFLICT_CODES)[number];

/**
 * Params are plain values for the message: names as they are, instants (`from`, `to`, `at`) as UTC ISO,
 * dates (`date`, `expiredOn`) as 'YYYY-MM-DD', a mode (`mode`) as its key, a course by its catalog name — `formatConflictParams`
 * turns them into the words the reader sees.
 */
export interface Conflict {
  code: ConflictCode;
  /**
   * Identifies this conflict across re-checks of the same booking, so an override recorded for it
   * applies to it and to nothing else. Built from the leg kind (not the leg id, which a new booking
   * does not have yet) and what it collides with.
   */
  key: string;
  /** The candidate leg it is about. */
  legId: string;
  legKind: LegKind;
  params: Record<string, string | number>;
  /** The existing legs it collides with (for links on screen). */
  withLegIds: string[];
}

interface Timed {
  leg: TripLeg;
  candidate: boolean;
  pickup: number;
  dropoff: number;
  /** The vehicle's busy interval for this leg (loaded + empty drive); equals [pickup, dropoff) off a facility vehicle. */
  busyFrom: number;
  busyUntil: number;
}

interface Run {
  key: string;
  vehicleId: string;
  from: number;
  until: number;
  legs: Timed[];
}

const CAPACITY_CODE: Readonly<Record<PositionKind, ConflictCode>> = {
  seat: 'over_capacity_seats',
  wheelchair: 'over_capacity_wheelchairs',
  stretcher: 'over_capacity_stretchers',
};

function vehicleOf(leg: TripLeg): string | null {
  return leg.carrier.kind === 'facility_vehicle' ? leg.carrier.vehicleId : null;
}

function driverOf(leg: TripLeg): string | null {
  return leg.carrier.kind === 'facility_vehicle' ? leg.carrier.driverStaffId : null;
}

function timed(leg: TripLeg, candidate: boolean): Timed | null {
  if (leg.pickupAt === null || leg.dropoffAt === null) return null;
  const pickup = toMs(leg.pickupAt);
  const dropoff = toMs(leg.dropoffAt);
  let busyFrom = pickup;
  let busyUntil = dropoff;
  if (leg.carrier.kind === 'facility_vehicle') {
    const drive = Math.max(0, dropoff - pickup);
    if (leg.kind === 'outbound') busyUntil = dropoff + drive;
    else busyFrom = pickup - drive;
  }
  return { leg, candidate, pickup, dropoff, busyFrom, busyUntil };
}

function namesOf(legs: readonly Timed[]): string {
  return [...new Set(legs.map((l) => l.leg.residentName))].join(', ');
}

function runsOf(legs: readonly Timed[]): Map<string, Run> {
  const runs = new Map<string, Run>();
  for (const t of legs) {
    const vehicleId = vehicleOf(t.leg);
    if (vehicleId === null) continue;
    const key = `${vehicleId}|${t.leg.runId === null ? `leg:${t.leg.id}` : `run:${t.leg.runId}`}`;
    const run = runs.get(key);
    if (run === undefined) runs.set(key, { key, vehicleId, from: t.busyFrom, until: t.busyUntil, legs: [t] });
    else {
      run.legs.push(t);
      run.from = Math.min(run.from, t.busyFrom);
      run.until = Math.max(run.until, t.busyUntil);
    }
  }
  return runs;
}

/**
 * All conflicts of a booking about to be saved.
 *
 * `candidate` is the booking's full set of legs as they would be saved (one booking); `existing` is
 * whatever the query returned around it — any superset of the legs that could collide is fine:
 * legs of the same booking, cancelled and no-show legs are ignored.
 */
export function checkConflicts(candidate: readonly TripLeg[], existing: readonly TripLeg[], ctx: ConflictContext): Conflict[] {
  const conflicts: Conflict[] = [];
  const live = candidate.filter((l) => !isVoidLeg(l.status));
  if (live.length === 0) return conflicts;
  const bookingIds = new Set(candidate.map((l) => l.bookingId));
  const candidateIds = new Set(candidate.map((l) => l.id));
  const others = existing.filter((l) => !isVoidLeg(l.status) && !bookingIds.has(l.bookingId) && !candidateIds.has(l.id));
  const add = (c: Omit<Conflict, 'key' | 'legKind'> & { keyParts: string[] }, leg: TripLeg) => {
    const { keyParts, ...rest } = c;
    conflicts.push({ ...rest, legKind: leg.kind, key: [c.code, leg.kind, ...keyParts].join(':') });
  };

  // A trip for an appointment that will not happen: the ride must be called off, not silently kept.
  // Rides already done are history, so only a leg still to happen counts.
  const pending = live.find((l) => !isFinalLegStatus(l.status));
  if (pending !== undefined && appointmentCallsOffTransport(pending.appointment.status)) {
    const code = pending.appointment.status === 'cancelled' ? 'appointment_cancelled' : 'appointment_rescheduled';
    add({ code, legId: pending.id, params: { resident: pending.residentName }, withLegIds: [], keyParts: [] }, pending);
  }

  const candTimed = live.map((l) => timed(l, true)).filter((t): t is Timed => t !== null);
  const otherTimed = others.map((l) => timed(l, false)).filter((t): t is Timed => t !== null);
  const runs = runsOf([...candTimed, ...otherTimed]);
  const candidateRuns = [...runs.values()].filter((r) => r.legs.some((t) => t.candidate));

  for (const run of candidateRuns) {
    const vehicle = ctx.vehicles.get(run.vehicleId);
    const vehicleName = vehicle?.name ?? run.vehicleId;
    const mine = run.legs.filter((t) => t.candidate);
    // Which candidate leg a collision with [from, until) is about: the one whose own drive overlaps it,
    // else (the gap while the driver waits) the run's first.
    const about = (from: number, until: number) => mine.filter((t) => overlaps(t.busyFrom, t.busyUntil, from, until)).at(0) ?? mine[0]!;

    for (const other of runs.values()) {
      if (other.key === run.key || !overlaps(run.from, run.until, other.from, other.until)) continue;
      const otherLegs = other.legs.filter((t) => !t.candidate);
      if (otherLegs.length === 0) continue;
      const params = { from: toIso(other.from), to: toIso(other.until), resident: namesOf(otherLegs) };
      const withLegIds = otherLegs.map((t) => t.leg.id);
      if (other.vehicleId === run.vehicleId) {
        const leg = about(other.from, other.until).leg;
        add({ code: 'vehicle_overlap', legId: leg.id, params: { vehicle: vehicleName, ...params }, withLegIds, keyParts: [other.key] }, leg);
        continue;
      }
      // The same person cannot drive two vehicles at once.
      for (const t of mine) {
        const driver = driverOf(t.leg);
        if (driver === null || !other.legs.some((o) => driverOf(o.leg) === driver)) continue;
        add(
          {
            code: 'driver_overlap',
            legId: t.leg.id,
            params: { driver: ctx.staff.get(driver)?.name ?? driver, vehicle: ctx.vehicles.get(other.vehicleId)?.name ?? other.vehicleId, ...params },
            withLegIds,
            keyParts: [driver, other.key],
          },
          t.leg,
        );
        break;
      }
    }

    if (vehicle === undefined) continue;
    const carried = modesCarried(vehicle);
    for (const t of mine) {
      for (const mode of modesOf(t.leg.need)) {
        if (!carried.includes(mode)) add({ code: 'mode_not_carried', legId: t.leg.id, params: { vehicle: vehicle.name, mode }, withLegIds: [], keyParts: [mode] }, t.leg);
      }
    }
  }

  for (const c of capacityConflicts(candTimed, otherTimed, ctx.vehicles)) add(c, c.leg);
  for (const c of residentConflicts(live, others)) add(c, c.leg);
  for (const c of credentialConflicts(live, ctx)) add(c, c.leg);
  return conflicts;
}

type Draft = Omit<Conflict, 'key' | 'legKind'> & { keyParts: string[]; leg: TripLeg };

/**
 * More riders of a kind on board at one moment than the vehicle has positions for. A sweep over the
 * vehicle's legs (boarded from pickup to drop-off; an escort takes a seat): at equal times drop-offs
 * come before pickups, so a wheelchair leaving at 10:00 frees the position for one boarding at 10:00.
 * Exactly full is fine. Only moments when a candidate leg is on board count: an overload among
 * other bookings is not this booking's conflict.
 */
function capacityConflicts(cand: readonly Timed[], others: readonly Timed[], vehicles: ReadonlyMap<string, Vehicle>): Draft[] {
  const out: Draft[] = [];
  const byVehicle = new Map<string, Timed[]>();
  for (const t of cand) {
    const v = vehicleOf(t.leg);
    if (v !== null && !byVehicle.has(v)) byVehicle.set(v, []);
  }
  for (const t of [...cand, ...others]) {
    const v = vehicleOf(t.leg);
    if (v !== null) byVehicle.get(v)?.push(t);
  }
  for (const [vehicleId, legs] of byVehicle) {
    const vehicle = vehicles.get(vehicleId);
    if (vehicle === undefined) continue;
    type Event = { at: number; delta: 1 | -1; kind: PositionKind; t: Timed };
    const events: Event[] = [];
    for (const t of legs) {
      if (!(t.pickup < t.dropoff)) continue;
      const kinds: PositionKind[] = [positionFor(t.leg.need.base)];
      if (t.leg.escort !== null) kinds.push('seat');
      for (const kind of kinds) events.push({ at: t.pickup, delta: 1, kind, t }, { at: t.dropoff, delta: -1, kind, t });
    }
    events.sort((a, b) => a.at - b.at || a.delta - b.delta);
    const count: Record<PositionKind, number> = { seat: 0, wheelchair: 0, stretcher: 0 };
    const aboard = new Set<Timed>();
    // Peak over capacity per candidate leg and kind: reported once, at its worst moment.
    const worst = new Map<string, { t: Timed; kind: PositionKind; count: number; at: number; with: Set<Timed> }>();
    for (const e of events) {
      count[e.kind] += e.delta;
      if (e.delta === -1) {
        if (e.kind === positionFor(e.t.leg.need.base)) aboard.delete(e.t);
        continue;
      }
      if (e.kind === positionFor(e.t.leg.need.base)) aboard.add(e.t);
      const capacity = capacityOf(vehicle, e.kind);
      if (count[e.kind] <= capacity) continue;
      for (const t of aboard) {
        const usesKind = positionFor(t.leg.need.base) === e.kind || (e.kind === 'seat' && t.leg.escort !== null);
        if (!t.candidate || !usesKind) continue;
        const id = `${t.leg.id}|${e.kind}`;
        const prev = worst.get(id);
        if (prev === undefined || count[e.kind] > prev.count) {
          worst.set(id, { t, kind: e.kind, count: count[e.kind], at: e.at, with: new Set([...aboard].filter((a) => !a.candidate)) });
        }
      }
    }
    for (const w of worst.values()) {
      out.push({
        code: CAPACITY_CODE[w.kind],
        legId: w.t.leg.id,
        leg: w.t.leg,
        params: { vehicle: vehicle.name, count: w.count, capacity: capacityOf(vehicle, w.kind), at: toIso(w.at) },
        withLegIds: [...w.with].map((t) => t.leg.id),
        keyParts: [vehicleId],
      });
    }
  }
  return out;
}

/**
 * When a booking keeps the resident out of the building: from the outbound pickup until the return
 * drop-off, or — will-call, or a return by someone else not yet timed — until the appointment's
 * expected end plus the outbound travel time. Null when nothing is timed.
 */
export function awayWindow(legs: readonly TripLeg[]): { from: number; until: number; outbound: TripLeg } | null {
  const outbound = legs.find((l) => l.kind === 'outbound' && !isVoidLeg(l.status) && l.pickupAt !== null && l.dropoffAt !== null);
  if (outbound === undefined) return null;
  const from = toMs(outbound.pickupAt!);
  const travel = toMs(outbound.dropoffAt!) - from;
  const back = legs.find((l) => l.kind === 'return' && !isVoidLeg(l.status) && l.dropoffAt !== null);
  const until = back !== undefined ? toMs(back.dropoffAt!) : toMs(outbound.appointment.endsAt) + travel;
  return { from, until: Math.max(until, toMs(outbound.dropoffAt!)), outbound };
}

/** A resident cannot be on two trips at once: the away windows of two bookings overlap. */
function residentConflicts(live: readonly TripLeg[], others: readonly TripLeg[]): Draft[] {
  const mine = awayWindow(live);
  if (mine === null) return [];
  const residentId = mine.outbound.residentId;
  const byBooking = new Map<string, TripLeg[]>();
  for (const l of others) {
    if (l.residentId !== residentId) continue;
    const list = byBooking.get(l.bookingId);
    if (list === undefined) byBooking.set(l.bookingId, [l]);
    else list.push(l);
  }
  const out: Draft[] = [];
  for (const [bookingId, legs] of byBooking) {
    const theirs = awayWindow(legs);
    if (theirs === null || !overlaps(mine.from, mine.until, theirs.from, theirs.until)) continue;
    out.push({
      code: 'resident_double_booked',
      legId: mine.outbound.id,
      leg: mine.outbound,
      params: { resident: mine.outbound.residentName, from: toIso(theirs.from), to: toIso(theirs.until) },
      withLegIds: legs.map((l) => l.id),
      keyParts: [bookingId],
    });
  }
  return out;
}

/** The facility dates a leg happens on; a will-call return not yet called happens on the appointment's end date. */
function legDates(leg: TripLeg, timeZone: string): string[] {
  if (leg.pickupAt === null || leg.dropoffAt === null) return [localDate(toMs(leg.appointment.endsAt), timeZone)];
  return localDatesOf(toMs(leg.pickupAt), toMs(leg.dropoffAt), timeZone);
}

function credentialConflicts(live: readonly TripLeg[], ctx: ConflictContext): Draft[] {
  const out: Draft[] = [];
  for (const leg of live) {
    const people: [string, TripRole][] = [];
    const driver = driverOf(leg);
    if (driver !== null) people.push([driver, 'driver']);
    if (leg.escort?.kind === 'staff') people.push([leg.escort.staffId, 'escort']);
    if (people.length === 0) continue;
    const dates = legDates(leg, ctx.timeZone);
    for (const [staffId, role] of people) {
      for (const p of credentialProblems(staffId, ctx.staff.get(staffId), role, dates, ctx.requirements)) {
        const name = p.staffName !== '' ? p.staffName : leg.escort?.kind === 'staff' && leg.escort.staffId === staffId ? leg.escort.name : staffId;
        out.push({
          code: `${role}_credential_${p.status}`,
          legId: leg.id,
          leg,
          params: { staff: name, course: p.name, date: p.date, ...(p.expiredOn !== undefined ? { expiredOn: p.expiredOn } : {}) },
          withLegIds: [],
          keyParts: [staffId, p.code],
        });
      }
    }
  }
  return out;
}

// ── Overrides ───────────────────────────────────────────────────────────────────────────────────

/** What the person saving sends to accept a conflict. Stored with who and when by the handler. */
export interface ConflictOverride {
  key: string;
  reason: string;
}

export const OVERRIDE_REASON_MIN_CHARS = 5;
export const OVERRIDE_REASON_MAX_CHARS = 500;

export interface ResolvedConflicts {
  /** Not overridden (or overridden without a usable reason): the save is refused while any remain. */
  blocking: Conflict[];
  /** Overridden, with the trimmed reason: the handler stores each with the booking. */
  overridden: { conflict: Conflict; reason: string }[];
  /** Overrides that match no current conflict (the situation changed): not stored, shown again if it returns. */
  stale: ConflictOverride[];
}

/**
 * Pairs conflicts with overrides by key. An override only ever covers the exact conflict it was
 * given for: when the other trip moves or another driver is chosen, the key changes and the new
 * conflict must be looked at again.
 */
export function resolveConflicts(conflicts: readonly Conflict[], overrides: readonly ConflictOverride[]): ResolvedConflicts {
  const byKey = new Map(overrides.map((o) => [o.key, o]));
  const blocking: Conflict[] = [];
  const overridden: { conflict: Conflict; reason: string }[] = [];
  const used = new Set<string>();
  for (const c of conflicts) {
    const o = byKey.get(c.key);
    const reason = o?.reason.trim() ?? '';
    if (o !== undefined) used.add(o.key);
    if (reason.length >= OVERRIDE_REASON_MIN_CHARS) overridden.push({ conflict: c, reason });
    else blocking.push(c);
  }
  return { blocking, overridden, stale: overrides.filter((o) => !used.has(o.key)) };
}

// ── Messages ────────────────────────────────────────────────────────────────────────────────────

export interface ParamFormatters {
  /** An instant as the facility's wall-clock time, e.g. '09:00'. */
  time(iso: string): string;
  /** A calendar date in the app's one date format, e.g. 'Dec 2, 2026'. */
  date(isoDate: string): string;
  /** A mode key in words, e.g. 'oxygen' → 'oxygen'/'oxígeno'. */
  mode(mode: string): string;
}

const TIME_PARAMS = new Set(['from', 'to', 'at']);
const DATE_PARAMS = new Set(['date', 'expiredOn']);

/** The params of a conflict ready for the i18n message (`transport.conflict.<code>`). */
export function formatConflictParams(params: Readonly<Record<string, string | number>>, f: ParamFormatters): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') out[key] = value;
    else if (TIME_PARAMS.has(key)) out[key] = f.time(value);
    else if (DATE_PARAMS.has(key)) out[key] = f.date(value);
    else if (key === 'mode') out[key] = f.mode(value);
    else out[key] = value;
  }
  return out;
}
