import type { AppointmentFactsOut, BookingOut, CarrierOut, DestinationOut, LegOut, VehicleOut } from '../../../shared/contract/transport';
import { addDays } from '../../../shared/domain/dates';
import {
  APPOINTMENT_STATUSES,
  BOOKING_FLAGS,
  appointmentCallsOffTransport,
  checkConflicts,
  checkLegTransition,
  manifestRow,
  decideMode,
  driverActionsFor,
  driverTrips,
  isOneOf,
  isVoidLeg,
  linkedOffer,
  manifestDate,
  modesOf,
  planLegs,
  planWillCallReturn,
  proposeMode,
  proposePickup,
  requirementsFromCatalog,
  resolveConflicts,
  TRANSPORT_CREDENTIALS,
  residentsOut,
  statusAfter,
  tripBoard,
  tripName,
  staffEscortsAway,
  unmarkedPickups,
  validateBooking,
  vehicleManifest,
  type AppointmentRef,
  type BoardBooking,
  type BookingFlag,
  type Carrier,
  type ConflictContext,
  type CredentialEvidence,
  type Escort,
  type LegKind,
  type LegStatus,
  type ManifestSource,
  type StaffCredentials,
  type TransportNeed,
  type TripLeg,
  type Vehicle,
} from '../../../shared/domain/transport';
import type { BookInput } from '../../../shared/domain/transport/schemas';
import { err, fieldError, ok, type Err, type FieldIssue } from '../../../shared/result';
import type { AppointmentFacts, BookingRow, BookingWrite, ConflictLegRow, LegRow, LegWrite, StaffFact, TripRow, VehicleRow } from '../../../db/queries/transport';
import { destinationOf } from '../../../db/queries/transport';
import type { OutOnTrip, StaffOffFloor, TripFill, TripsKnown } from '../../../shared/domain/handoff/rows';
import { defineHandlers, type HandlerContext } from '../context';
import { unopenedOccurrences } from './appointments';
import { changedElsewhere } from './versions';

const DAY_MS = 86_400_000;
/** How late a return may be before the board highlights it. */
const OVERDUE_GRACE_MINUTES = 15;
/** How late a pickup may be before the board lists it as not marked. */
const UNMARKED_GRACE_MINUTES = 10;

const isErr = <T>(v: T | Err): v is Err => typeof v === 'object' && v !== null && 'ok' in v && (v as Err).ok === false;

function appointmentRef(a: { startsAt: string; endsAt: string; status: string; setting: 'in_house' | 'external' }): AppointmentRef {
  return { startsAt: a.startsAt, endsAt: a.endsAt, status: isOneOf(APPOINTMENT_STATUSES, a.status) ? a.status : 'scheduled', setting: a.setting };
}

function factsOut(a: AppointmentFacts): AppointmentFactsOut {
  const dest = destinationOf(a);
  return {
    id: a.id,
    residentId: a.residentId,
    residentName: tripName({ givenName: a.legalGiven, familyName: a.legalFamily, preferredName: a.preferredName, room: a.room }),
    room: a.room,
    type: a.type,
    setting: a.setting,
    status: a.status,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    providerId: a.providerId,
    destinationName: dest.name,
    address: dest.address === '' ? null : dest.address,
    phone: dest.phone,
  };
}

const needText = (n: TransportNeed): string => modesOf(n).join('+');

/**
 * Linked changes, derived: the booking keeps the appointment's times and status as they were when it
 * was last saved, so any change since — moved, cancelled, rescheduled, made in-house — is flagged on
 * the booking, the board, the driver's view and the manifest until someone saves the booking again.
 * Nothing is moved or cancelled behind the coordinator's back.
 */
function flagsOf(booked: { startsAt: string; endsAt: string; status: string }, now: { startsAt: string; endsAt: string; status: string; setting: string }, legs: readonly { status: LegStatus }[]): BookingFlag[] {
  const live = legs.some((l) => !isVoidLeg(l.status) && l.status !== 'completed');
  if (!live) return [];
  const flags: BookingFlag[] = [];
  const ref = appointmentRef({ ...now, setting: now.setting === 'in_house' ? 'in_house' : 'external' });
  if (appointmentCallsOffTransport(ref.status)) flags.push(ref.status === 'cancelled' ? 'appointment_cancelled' : 'appointment_rescheduled');
  if (now.setting === 'in_house') flags.push('appointment_in_house');
  if (booked.startsAt !== now.startsAt || booked.endsAt !== now.endsAt) {
    flags.push(legs.some((l) => l.status === 'en_route' || l.status === 'completed') ? 'moved_after_departure' : 'appointment_moved_reconfirm');
  }
  return BOOKING_FLAGS.filter((f) => flags.includes(f));
}

/** The linked change offered in the booking dialog (`linkedOffer`): proposed, never applied here. */
function linkedOut(b: BookingRow, appt: AppointmentFacts, legs: readonly LegRow[]): BookingOut['linked'] {
  const booked = appointmentRef({ startsAt: b.appointmentStartsAt, endsAt: b.appointmentEndsAt, status: b.appointmentStatus, setting: 'external' });
  const offer = linkedOffer(booked, appointmentRef(appt), legs.map((l) => ({ id: String(l.id), kind: l.kind, status: l.status, pickupAt: l.pickupAt, dropoffAt: l.dropoffAt })));
  if (offer === null) return null;
  return {
    kind: offer.kind,
    was: { startsAt: b.appointmentStartsAt, endsAt: b.appointmentEndsAt },
    proposed: offer.proposed.map((u) => ({ legId: Number(u.legId), kind: u.kind, wasPickupAt: u.wasPickupAt, pickupAt: u.pickupAt, dropoffAt: u.dropoffAt })),
    cancellable: offer.cancellable.map(Number),
  };
}

function legOut(l: LegRow): LegOut {
  const carrier: LegOut['carrier'] =
    l.carrierKind === 'facility_vehicle'
      ? { kind: 'facility_vehicle', vehicleId: l.vehicleId!, vehicleName: l.vehicleName ?? '', driverStaffId: l.driverStaffId, driverName: l.driverName }
      : l.carrierKind === 'transport_company'
        ? { kind: 'transport_company', companyId: l.carrierId!, name: l.carrierName ?? '', phone: l.carrierPhone ?? '' }
        : l.carrierKind === 'taxi'
          ? { kind: 'taxi', companyId: l.carrierId, name: l.carrierName, phone: l.carrierPhone }
          : { kind: 'family', name: l.familyName ?? '', phone: l.familyPhone ?? '' };
  return {
    id: l.id,
    kind: l.kind,
    status: l.status,
    carrier,
    returnKind: l.returnKind,
    pickupAt: l.pickupAt,
    dropoffAt: l.dropoffAt,
    confirmationNumber: l.confirmationNumber,
    pickedUpAt: l.pickedUpAt,
    droppedOffAt: l.droppedOffAt,
    cancelReason: l.cancelReason,
    runId: l.runId,
  };
}

export async function bookingOut(ctx: HandlerContext, b: BookingRow): Promise<BookingOut> {
  const appt = (await ctx.q.transport.appointment(b.appointmentId))!;
  const legs = await ctx.q.transport.legsOf([b.id]);
  const escortStaff = b.escortStaffId !== null ? (await ctx.q.transport.staffFacts([b.escortStaffId]))[0] : undefined;
  return {
    id: b.id,
    appointment: factsOut(appt),
    need: { base: b.modeBase, bariatric: b.modeBariatric, oxygen: b.modeOxygen },
    modeProposed: b.modeProposed,
    modeOverrideReason: b.modeOverrideReason,
    escort:
      b.escortKind === 'staff' && b.escortStaffId !== null
        ? { kind: 'staff', staffId: b.escortStaffId, name: escortStaff?.name ?? '' }
        : b.escortKind === 'family'
          ? { kind: 'family', name: b.escortName ?? '', phone: b.escortPhone }
          : null,
    travelMinutes: b.travelMinutes,
    checkInMinutes: b.checkInMinutes,
    notes: b.notes,
    legs: legs.map(legOut),
    flags: flagsOf({ startsAt: b.appointmentStartsAt, endsAt: b.appointmentEndsAt, status: b.appointmentStatus }, appt, legs),
    linked: linkedOut(b, appt, legs),
    overrides: await ctx.q.transport.overridesOf(b.id),
    standing:
      b.standingBookingId === null
        ? null
        : { id: b.standingBookingId, rides: (await ctx.q.transport.standingRides([b.standingBookingId])).get(b.standingBookingId) ?? 0, active: (await ctx.q.transport.standingById(b.standingBookingId))?.active ?? false },
    updatedAt: b.updatedAt,
    updatedByName: b.updatedByName,
    version: b.version,
  };
}

// ── Trips as the pure rules see them ─────────────────────────────────────────────────────────────

function carrierOfTrip(r: Pick<TripRow, 'carrierKind' | 'vehicleId' | 'driverStaffId' | 'familyName' | 'familyPhone'> & { carrierName?: string | null; carrierPhone?: string | null }): Carrier {
  switch (r.carrierKind) {
    case 'facility_vehicle':
      return { kind: 'facility_vehicle', vehicleId: String(r.vehicleId), driverStaffId: r.driverStaffId === null ? null : String(r.driverStaffId) };
    case 'transport_company':
      return { kind: 'transport_company', name: r.carrierName ?? '', phone: r.carrierPhone ?? '' };
    case 'taxi':
      return { kind: 'taxi', name: r.carrierName ?? null, phone: r.carrierPhone ?? null };
    default:
      return { kind: 'family', name: r.familyName ?? '', phone: r.familyPhone ?? '' };
  }
}

function escortOfTrip(r: Pick<TripRow, 'escortKind' | 'escortStaffId' | 'escortStaffName' | 'escortName' | 'escortPhone'>): Escort | null {
  if (r.escortKind === 'staff' && r.escortStaffId !== null) return { kind: 'staff', staffId: String(r.escortStaffId), name: r.escortStaffName ?? '' };
  if (r.escortKind === 'family') return { kind: 'family', name: r.escortName ?? '', phone: r.escortPhone };
  return null;
}

function residentOfTrip(r: Pick<TripRow, 'legalGiven' | 'legalFamily' | 'preferredName'> & { room?: string | null }) {
  return { givenName: r.legalGiven, familyName: r.legalFamily, preferredName: r.preferredName, room: r.room ?? null };
}

export function tripLegOf(r: TripRow | ConflictLegRow): TripLeg {
  return {
    id: String(r.id),
    bookingId: String(r.bookingId),
    kind: r.kind,
    status: r.status,
    residentId: String(r.residentId),
    residentName: tripName(residentOfTrip(r)),
    need: { base: r.modeBase, bariatric: r.modeBariatric, oxygen: r.modeOxygen },
    escort: escortOfTrip(r),
    carrier: carrierOfTrip(r),
    runId: r.runId === null ? null : String(r.runId),
    pickupAt: r.pickupAt,
    dropoffAt: r.dropoffAt,
    appointment: appointmentRef(r.appointment),
  };
}

function sourceOf(r: TripRow, flags: readonly BookingFlag[]): ManifestSource {
  return {
    legId: r.id,
    kind: r.kind,
    status: r.status,
    vehicleId: r.vehicleId,
    driverStaffId: r.driverStaffId,
    pickupAt: r.pickupAt,
    dropoffAt: r.dropoffAt,
    appointmentEndsAt: r.appointment.endsAt,
    resident: residentOfTrip(r),
    need: { base: r.modeBase, bariatric: r.modeBariatric, oxygen: r.modeOxygen },
    destination: r.destination,
    escort: escortOfTrip(r),
    notes: r.notes,
    flags,
  };
}

/** Manifest sources with each booking's flags (computed once per booking from all its legs). */
function sourcesOf(rows: readonly TripRow[]): ManifestSource[] {
  const legsByBooking = new Map<number, TripRow[]>();
  for (const r of rows) legsByBooking.set(r.bookingId, [...(legsByBooking.get(r.bookingId) ?? []), r]);
  return rows.map((r) => sourceOf(r, flagsOf(r.booked, r.appointment, legsByBooking.get(r.bookingId)!)));
}

/** Drivers' and staff escorts' credentials, for the dates of the trips, through the one training status rule. */
export async function conflictContext(ctx: HandlerContext, staffIds: readonly number[], through: string, known?: Known): Promise<ConflictContext> {
  const vehicles = new Map<string, Vehicle>();
  for (const v of known?.vehicles ?? (await ctx.q.transport.vehicles())) {
    vehicles.set(String(v.id), { id: String(v.id), name: v.name, seats: v.seats, wheelchairPositions: v.wheelchairPositions, stretcherPositions: v.stretcherPositions, bariatric: v.bariatric, oxygen: v.oxygen });
  }
  // Only the catalog's entries for transport's courses: requirementsFromCatalog looks at nothing else.
  const courses = await ctx.q.transport.coursesByCode(TRANSPORT_CREDENTIALS.map((r) => r.code));
  const requirements = requirementsFromCatalog(courses.map((c) => ({ code: c.code, name: c.name, active: c.active })));
  const wanted = courses.filter((c) => requirements.some((r) => r.code === c.code));
  // The booking's own staff were read when it was resolved: the same rows, not read again.
  const had = new Map(known?.staff.map((f) => [f.id, f]));
  const facts = staffIds.every((id) => had.has(id)) ? [...new Set(staffIds)].map((id) => had.get(id)!) : await ctx.q.transport.staffFacts(staffIds);
  const records = await ctx.q.transport.completionsThrough(
    facts.map((f) => f.id),
    wanted.map((c) => c.id),
    through,
  );
  const staff = new Map<string, StaffCredentials>();
  for (const f of facts) {
    const evidence: Record<string, CredentialEvidence> = {};
    for (const c of wanted) {
      evidence[c.code] = { source: 'course', validity: c.validity, hireDate: f.hireDate, records: records.filter((r) => r.staffId === f.id && r.courseId === c.id).map((r) => ({ completedOn: r.completedOn })) };
    }
    staff.set(String(f.id), { staffId: String(f.id), name: f.name, evidence });
  }
  return { timeZone: ctx.timeZone, vehicles, staff, requirements };
}

// ── Booking ──────────────────────────────────────────────────────────────────────────────────────

export type BookingFields = Omit<BookInput, 'appointmentId' | 'standing'>;

export interface Resolved {
  appt: AppointmentFacts;
  need: TransportNeed;
  modeProposed: string | null;
  modeReason: string | null;
  escort: Escort | null;
  legs: Record<LegKind, LegWrite>;
  /** What resolving read that the conflict check needs too. */
  known: Known;
}

/** Rows a save has already read: the booking's staff (drivers, staff escort) and, with a facility vehicle, every vehicle. */
export interface Known {
  staff: readonly StaffFact[];
  vehicles: readonly VehicleRow[] | null;
}

/** Checks the carriers, escort and mode against what exists, then the booking's own rules. */
export async function resolveBooking(ctx: HandlerContext, appointmentId: number, input: BookingFields): Promise<Resolved | Err> {
  const appt = await ctx.q.transport.appointment(appointmentId);
  if (!appt) return fieldError('appointmentId', 'unknown_appointment');
  const proposal = proposeMode(appt.mobility, { oxygen: input.mode?.need.oxygen ?? false });
  const decision = decideMode(proposal, input.mode);
  if (!decision.ok) return fieldError(decision.path === 'mode' ? 'mode' : 'mode.overrideReason', decision.code);

  // The booking's staff (escort, drivers) in one read and the vehicles in another, checked below in
  // the order the fields are reported; the conflict check takes both from here (`known`) instead of
  // reading them again. Every statement costs the save more than its few rows.
  const carriers = [input.outbound.carrier, input.return.carrier];
  const staffIds = [...(input.escort?.kind === 'staff' ? [input.escort.staffId] : []), ...carriers.flatMap((c) => (c.kind === 'facility_vehicle' && c.driverStaffId !== null ? [c.driverStaffId] : []))];
  const known: Known = {
    staff: staffIds.length > 0 ? await ctx.q.transport.staffFacts(staffIds) : [],
    vehicles: carriers.some((c) => c.kind === 'facility_vehicle') ? await ctx.q.transport.vehicles() : null,
  };
  const staffById = new Map(known.staff.map((f) => [f.id, f]));

  let escort: Escort | null = null;
  if (input.escort?.kind === 'staff') {
    const s = staffById.get(input.escort.staffId);
    if (!s || !s.active) return fieldError('escort.staffId', 'unknown_staff');
    escort = { kind: 'staff', staffId: String(s.id), name: s.name };
  } else if (input.escort?.kind === 'family') escort = { kind: 'family', name: input.escort.name, phone: input.escort.phone };

  const vehicles: Record<LegKind, Vehicle | null> = { outbound: null, return: null };
  const legs = {} as Record<LegKind, LegWrite>;
  for (const kind of ['outbound', 'return'] as const) {
    const { carrier, runId } = input[kind];
    const base: LegWrite = {
      kind,
      status: 'requested',
      carrierKind: carrier.kind,
      vehicleId: null,
      driverStaffId: null,
      carrierId: null,
      familyName: null,
      familyPhone: null,
      runId,
      returnKind: kind === 'return' ? input.return.kind : null,
      pickupAt: null,
      dropoffAt: null,
      confirmationNumber: null,
    };
    if (carrier.kind === 'facility_vehicle') {
      const v = known.vehicles?.find((x) => x.id === carrier.vehicleId);
      if (!v || !v.active) return fieldError(`${kind}.carrier.vehicleId`, 'unknown_vehicle');
      vehicles[kind] = { id: String(v.id), name: v.name, seats: v.seats, wheelchairPositions: v.wheelchairPositions, stretcherPositions: v.stretcherPositions, bariatric: v.bariatric, oxygen: v.oxygen };
      if (carrier.driverStaffId !== null) {
        const d = staffById.get(carrier.driverStaffId);
        if (!d || !d.active) return fieldError(`${kind}.carrier.driverStaffId`, 'unknown_staff');
      }
      legs[kind] = { ...base, vehicleId: v.id, driverStaffId: carrier.driverStaffId };
    } else if (carrier.kind === 'transport_company' || carrier.kind === 'taxi') {
      if (carrier.companyId !== null) {
        const c = await ctx.q.transport.carrier(carrier.companyId);
        if (!c || c.kind !== carrier.kind) return fieldError(`${kind}.carrier.companyId`, 'unknown_carrier');
      }
      legs[kind] = { ...base, carrierId: carrier.companyId };
    } else {
      legs[kind] = { ...base, familyName: carrier.name, familyPhone: carrier.phone };
    }
  }

  const ref = appointmentRef(appt);
  const issues: FieldIssue[] = validateBooking({
    appointment: ref,
    travelMinutes: input.travelMinutes,
    checkInMinutes: input.checkInMinutes,
    outboundPickupAt: input.outbound.pickupAt,
    return: input.return.kind === 'fixed' ? { kind: 'fixed', pickupAt: input.return.pickupAt } : { kind: 'will_call' },
    need: decision.need,
    escort,
    vehicles,
  });
  if (issues.length > 0) return err('validation', 'error.validation', { fields: issues });
  const planned = planLegs({
    appointment: ref,
    travelMinutes: input.travelMinutes,
    checkInMinutes: input.checkInMinutes,
    outboundPickupAt: input.outbound.pickupAt,
    return: input.return.kind === 'fixed' ? { kind: 'fixed', pickupAt: input.return.pickupAt } : { kind: 'will_call' },
  });
  legs.outbound = { ...legs.outbound, ...planned.outbound };
  if (planned.return) legs.return = { ...legs.return, ...planned.return };
  return {
    appt,
    need: decision.need,
    modeProposed: proposal.kind === 'proposed' ? needText(proposal.need) : null,
    modeReason: decision.reason,
    escort,
    legs,
    known,
  };
}

/**
 * The conflicts of the booking as it would be saved, against the trips around it. Returns the
 * overrides to store, or the refusal naming each conflict still blocking.
 */
export async function conflictsOf(
  ctx: HandlerContext,
  r: Resolved,
  bookingId: number | null,
  current: ReadonlyMap<LegKind, LegRow>,
  overrides: BookInput['overrides'],
): Promise<{ conflict: ReturnType<typeof checkConflicts>[number]; reason: string }[] | Err> {
  const candidate = candidateLegs(r, bookingId, current);
  const { from, until } = aroundLegs(r, candidate);
  const { vehicleIds, driverIds, staffIds } = peopleOf(r, candidate);
  const existing = (await ctx.q.transport.conflictLegs(from, until, { residentId: r.appt.residentId, vehicleIds, driverIds })).map(tripLegOf);
  const cctx = await conflictContext(ctx, staffIds, until.slice(0, 10), r.known);
  const conflicts = checkConflicts(candidate, existing, cctx);
  const resolved = resolveConflicts(conflicts, overrides);
  if (resolved.blocking.length > 0) {
    return err('conflict', 'transport.error.conflicts', {
      fields: resolved.blocking.map((c) => ({ path: 'overrides', code: c.code, params: { ...c.params, key: c.key, legKind: c.legKind } })),
    });
  }
  return resolved.overridden;
}

/** The booking's legs as the conflict rules see them, before it is saved. */
export function candidateLegs(r: Resolved, bookingId: number | null, current: ReadonlyMap<LegKind, LegRow>): TripLeg[] {
  return (['outbound', 'return'] as const).map((kind) => {
    const l = r.legs[kind];
    const was = current.get(kind);
    return {
      id: was ? String(was.id) : `new:${kind}`,
      bookingId: bookingId === null ? 'new' : String(bookingId),
      kind,
      status: was?.status ?? 'requested',
      residentId: String(r.appt.residentId),
      residentName: tripName({ givenName: r.appt.legalGiven, familyName: r.appt.legalFamily, preferredName: r.appt.preferredName, room: r.appt.room }),
      need: r.need,
      escort: r.escort,
      carrier:
        l.carrierKind === 'facility_vehicle'
          ? { kind: 'facility_vehicle', vehicleId: String(l.vehicleId), driverStaffId: l.driverStaffId === null ? null : String(l.driverStaffId) }
          : l.carrierKind === 'family'
            ? { kind: 'family', name: l.familyName ?? '', phone: l.familyPhone ?? '' }
            : l.carrierKind === 'taxi'
              ? { kind: 'taxi', name: null, phone: null }
              : { kind: 'transport_company', name: '', phone: '' },
      runId: l.runId === null ? null : String(l.runId),
      pickupAt: l.pickupAt,
      dropoffAt: l.dropoffAt,
      appointment: appointmentRef(r.appt),
    };
  });
}

/**
 * The window the trips that could collide with a booking lie in: a day either side of its times. Enough
 * because no drive is longer than MAX_TRAVEL_MINUTES (8 h): a leg is busy from at most one drive before
 * its pickup to two after it, so a leg picked up more than a day away cannot overlap (a test pins it).
 */
export function aroundLegs(r: Resolved, candidate: readonly TripLeg[]): { from: string; until: string } {
  const times = candidate.flatMap((l) => [l.pickupAt, l.dropoffAt]).filter((t): t is string => t !== null);
  times.push(r.appt.startsAt, r.appt.endsAt);
  return {
    from: new Date(Math.min(...times.map((t) => Date.parse(t))) - DAY_MS).toISOString(),
    until: new Date(Math.max(...times.map((t) => Date.parse(t))) + DAY_MS).toISOString(),
  };
}

/**
 * The vehicles and drivers a booking uses, and the staff whose credentials matter: only ever the
 * booking's own drivers and staff escort (checkConflicts reads no other staff).
 */
export function peopleOf(r: Resolved, candidate: readonly TripLeg[]): { vehicleIds: number[]; driverIds: number[]; staffIds: number[] } {
  const vehicleIds: number[] = [];
  const driverIds: number[] = [];
  for (const l of candidate) {
    if (l.carrier.kind !== 'facility_vehicle') continue;
    vehicleIds.push(Number(l.carrier.vehicleId));
    if (l.carrier.driverStaffId !== null) driverIds.push(Number(l.carrier.driverStaffId));
  }
  const staffIds = new Set<number>(driverIds);
  if (r.escort?.kind === 'staff') staffIds.add(Number(r.escort.staffId));
  return { vehicleIds, driverIds, staffIds: [...staffIds] };
}

export function bookingWrite(r: Resolved, input: BookingFields): BookingWrite {
  return {
    appointmentId: r.appt.id,
    residentId: r.appt.residentId,
    modeBase: r.need.base,
    modeBariatric: r.need.bariatric,
    modeOxygen: r.need.oxygen,
    modeProposed: r.modeProposed,
    modeOverrideReason: r.modeReason,
    escortKind: r.escort?.kind ?? null,
    escortStaffId: r.escort?.kind === 'staff' ? Number(r.escort.staffId) : null,
    escortName: r.escort?.kind === 'family' ? r.escort.name : null,
    escortPhone: r.escort?.kind === 'family' ? r.escort.phone : null,
    travelMinutes: input.travelMinutes,
    checkInMinutes: input.checkInMinutes,
    notes: input.notes,
    appointmentStartsAt: r.appt.startsAt,
    appointmentEndsAt: r.appt.endsAt,
    appointmentStatus: r.appt.status,
  };
}

export async function storeOverrides(ctx: HandlerContext, bookingId: number, overridden: { conflict: ReturnType<typeof checkConflicts>[number]; reason: string }[]) {
  await ctx.q.transport.insertOverrides(
    overridden.map((o) => ({ bookingId, legKind: o.conflict.legKind, code: o.conflict.code, conflictKey: o.conflict.key, paramsJson: JSON.stringify(o.conflict.params), reason: o.reason })),
    ctx.nowIso,
    ctx.user?.id ?? null,
  );
}

/** The facility dates [date, date+1] as a generous UTC window; the rules then keep the legs of those dates in the facility's zone. */
function windowOf(date: string, days: number): { from: string; until: string } {
  return { from: `${addDays(date, -1)}T00:00:00.000Z`, until: `${addDays(date, days + 1)}T00:00:00.000Z` };
}

async function driverRow(ctx: HandlerContext, legId: number) {
  const leg = await ctx.q.transport.leg(legId);
  if (!leg) return null;
  const rows = await ctx.q.transport.tripsOfBookings([leg.bookingId]);
  return sourcesOf(rows).find((s) => s.legId === legId) ?? null;
}

export const transportHandlers = defineHandlers({
  async 'transport.setup'(_input, ctx) {
    return ok({
      vehicles: (await ctx.q.transport.vehicles()) satisfies VehicleOut[],
      carriers: (await ctx.q.transport.carriers()) satisfies CarrierOut[],
      destinations: (await ctx.q.transport.destinations()).map(destinationOut),
      staff: await ctx.q.transport.staffOptions(),
    });
  },

  async 'transport.saveVehicle'({ id, expectedVersion, ...v }, ctx) {
    if (await ctx.q.transport.vehicleNameTaken(v.name, id)) return fieldError('name', 'vehicle_name_taken');
    const by = ctx.user?.id ?? null;
    if (id === null) {
      const newId = await ctx.q.transport.insertVehicle(v, ctx.nowIso, by);
      const after = (await ctx.q.transport.vehicle(newId))!;
      ctx.audit({ entity: 'transport_vehicle', entityId: newId, after });
      return ok(after);
    }
    const before = await ctx.q.transport.vehicle(id);
    if (!before) return err('not_found', 'transport.error.vehicleNotFound');
    if (expectedVersion === null) return fieldError('expectedVersion', 'required');
    if (!(await ctx.q.transport.updateVehicle(id, v, expectedVersion, ctx.nowIso, by))) return changedElsewhere(ctx, 'transport_vehicle', id, before.version);
    const after = (await ctx.q.transport.vehicle(id))!;
    ctx.audit({ entity: 'transport_vehicle', entityId: id, before, after });
    return ok(after);
  },

  async 'transport.saveCarrier'({ id, expectedVersion, ...c }, ctx) {
    if (await ctx.q.transport.carrierNameTaken(c.name, id)) return fieldError('name', 'carrier_name_taken');
    const by = ctx.user?.id ?? null;
    if (id === null) {
      const newId = await ctx.q.transport.insertCarrier(c, ctx.nowIso, by);
      const after = (await ctx.q.transport.carrier(newId))!;
      ctx.audit({ entity: 'transport_carrier', entityId: newId, after });
      return ok(after);
    }
    const before = await ctx.q.transport.carrier(id);
    if (!before) return err('not_found', 'transport.error.carrierNotFound');
    if (expectedVersion === null) return fieldError('expectedVersion', 'required');
    if (!(await ctx.q.transport.updateCarrier(id, c, expectedVersion, ctx.nowIso, by))) return changedElsewhere(ctx, 'transport_carrier', id, before.version);
    const after = (await ctx.q.transport.carrier(id))!;
    ctx.audit({ entity: 'transport_carrier', entityId: id, before, after });
    return ok(after);
  },

  async 'transport.saveDestination'({ providerId, travelMinutes, checkInMinutes, expectedVersion }, ctx) {
    const before = (await ctx.q.transport.destinations(providerId))[0];
    if (!before) return fieldError('providerId', 'unknown_destination');
    const by = ctx.user?.id ?? null;
    const values = { providerId, travelMinutes, checkInMinutes };
    if (before.version === null) {
      if (expectedVersion !== null) return err('not_found', 'transport.error.destinationNotFound');
      await ctx.q.transport.insertDestination(values, ctx.nowIso, by);
    } else if (expectedVersion === null || !(await ctx.q.transport.updateDestination(values, expectedVersion, ctx.nowIso, by))) {
      return changedElsewhere(ctx, 'transport_destination', providerId, before.version);
    }
    const after = destinationOut((await ctx.q.transport.destinations(providerId))[0]!);
    ctx.audit({ entity: 'transport_destination', entityId: providerId, before: before.version === null ? null : destinationOut(before), after });
    return ok(after);
  },

  async 'transport.appointments'({ from, days }, ctx) {
    const w = windowOf(from, days - 1);
    const onDates = (r: { startsAt: string; endsAt: string }) => {
      const date = manifestDate({ pickupAt: r.startsAt, appointmentEndsAt: r.endsAt }, ctx.timeZone);
      return date >= from && date < addDays(from, days);
    };
    const stored = (await ctx.q.transport.externalAppointments(w.from, w.until)).filter(onDates);
    // Series occurrences nobody has opened yet need rides too (dialysis is a series): listed without an id.
    const unopened = (await unopenedOccurrences(ctx, from, addDays(from, days - 1))).filter((o) => o.setting === 'external' && o.status !== 'cancelled' && onDates({ startsAt: o.startAt, endsAt: o.endAt }));
    const seriesIds = [...new Set([...stored.map((r) => r.seriesId), ...unopened.map((o) => o.seriesId)].filter((x): x is number => x !== null))];
    const standing = new Set((await ctx.q.transport.standingOfSeries(seriesIds)).map((x) => x.seriesId));
    const facts = await ctx.q.transport.seriesFacts([...new Set(unopened.map((o) => o.seriesId!))]);
    const rows = [
      ...stored.map((r) => ({ ...factsOut(r), bookingId: r.bookingId, occurrence: r.seriesId === null ? null : { seriesId: r.seriesId, originalLocal: r.occurrenceLocal ?? '' }, standing: r.seriesId !== null && standing.has(r.seriesId) })),
      ...unopened.flatMap((o) => {
        const f = facts.get(o.seriesId!);
        if (!f) return [];
        const out = factsOut({ ...f, id: 0, status: o.status, startsAt: o.startAt, endsAt: o.endAt, seriesId: o.seriesId, occurrenceLocal: o.originalLocal });
        return [{ ...out, id: null, bookingId: null, occurrence: { seriesId: o.seriesId!, originalLocal: o.originalLocal! }, standing: standing.has(o.seriesId!) }];
      }),
    ].sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : (a.id ?? 0) - (b.id ?? 0)));
    return ok({ rows: rows.slice(0, 500) });
  },

  async 'transport.prepare'({ appointmentId, oxygen }, ctx) {
    const appt = await ctx.q.transport.appointment(appointmentId);
    if (!appt) return fieldError('appointmentId', 'unknown_appointment');
    const proposal = proposeMode(appt.mobility, { oxygen });
    const dest = appt.providerId !== null ? (await ctx.q.transport.destinations(appt.providerId))[0] : undefined;
    const travel = dest?.travelMinutes ?? null;
    const checkIn = dest?.checkInMinutes ?? null;
    const booking = await ctx.q.transport.bookingOfAppointment(appointmentId);
    return ok({
      appointment: factsOut(appt),
      proposal,
      travelMinutes: travel,
      checkInMinutes: checkIn,
      proposedPickupAt: travel !== null && checkIn !== null ? proposePickup(appt.startsAt, { travelMinutes: travel, checkInMinutes: checkIn }) : null,
      proposedReturnAt: appt.endsAt,
      booking: booking ? await bookingOut(ctx, booking) : null,
      series: appt.seriesId === null ? null : { id: appt.seriesId, standingId: (await ctx.q.transport.standingOfSeries([appt.seriesId]))[0]?.id ?? null },
    });
  },

  async 'transport.booking'({ bookingId }, ctx) {
    const b = await ctx.q.transport.booking(bookingId);
    if (!b) return err('not_found', 'transport.error.bookingNotFound');
    return ok(await bookingOut(ctx, b));
  },

  async 'transport.book'({ appointmentId, ...input }, ctx) {
    if (await ctx.q.transport.bookingOfAppointment(appointmentId)) return fieldError('appointmentId', 'already_booked');
    const r = await resolveBooking(ctx, appointmentId, input);
    if (isErr(r)) return r;
    const overridden = await conflictsOf(ctx, r, null, new Map(), input.overrides);
    if (isErr(overridden)) return overridden;
    const by = ctx.user?.id ?? null;
    const id = await ctx.q.transport.insertBooking(bookingWrite(r, input), ctx.nowIso, by);
    await ctx.q.transport.insertLeg(id, r.legs.outbound, ctx.nowIso, by);
    await ctx.q.transport.insertLeg(id, r.legs.return, ctx.nowIso, by);
    await storeOverrides(ctx, id, overridden);
    const after = await bookingOut(ctx, (await ctx.q.transport.booking(id))!);
    ctx.audit({ entity: 'transport_booking', entityId: id, after: { ...after, overridden: overridden.map((o) => ({ key: o.conflict.key, reason: o.reason })) } });
    return ok(after);
  },

  async 'transport.updateBooking'({ bookingId, expectedVersion, ...input }, ctx) {
    const row = await ctx.q.transport.booking(bookingId);
    if (!row) return err('not_found', 'transport.error.bookingNotFound');
    if (row.version !== expectedVersion) return changedElsewhere(ctx, 'transport_booking', bookingId, row.version);
    const before = await bookingOut(ctx, row);
    const current = new Map((await ctx.q.transport.legsOf([bookingId])).map((l) => [l.kind, l] as const));
    const r = await resolveBooking(ctx, row.appointmentId, input);
    if (isErr(r)) return r;
    // Rides under way or finished are history: they keep what they were.
    for (const [kind, was] of current) {
      if (was.status === 'en_route' || was.status === 'completed' || was.status === 'no_show' || was.status === 'cancelled') {
        r.legs[kind] = { ...r.legs[kind], ...pickLeg(was) };
      }
    }
    const overridden = await conflictsOf(ctx, r, bookingId, current, input.overrides);
    if (isErr(overridden)) return overridden;
    const by = ctx.user?.id ?? null;
    if (!(await ctx.q.transport.updateBooking(bookingId, bookingWrite(r, input), expectedVersion, ctx.nowIso, by))) return changedElsewhere(ctx, 'transport_booking', bookingId, row.version);
    for (const kind of ['outbound', 'return'] as const) {
      const was = current.get(kind)!;
      const next = r.legs[kind];
      const changed = was.pickupAt !== next.pickupAt || was.carrierKind !== next.carrierKind || was.vehicleId !== next.vehicleId || was.carrierId !== next.carrierId || was.driverStaffId !== next.driverStaffId;
      // A confirmed ride whose time or carrier changed must be confirmed again with the carrier.
      const status: LegStatus = was.status === 'confirmed' && changed ? 'requested' : was.status;
      await ctx.q.transport.updateLeg(was.id, { ...next, status, confirmationNumber: status === 'requested' ? null : was.confirmationNumber }, ctx.nowIso, by, status !== was.status);
    }
    await storeOverrides(ctx, bookingId, overridden);
    const after = await bookingOut(ctx, (await ctx.q.transport.booking(bookingId))!);
    ctx.audit({ entity: 'transport_booking', entityId: bookingId, before, after: { ...after, overridden: overridden.map((o) => ({ key: o.conflict.key, reason: o.reason })) } });
    return ok(after);
  },

  async 'transport.setLegStatus'({ legId, status, confirmationNumber, reason }, ctx) {
    const leg = await ctx.q.transport.leg(legId);
    if (!leg) return err('not_found', 'transport.error.legNotFound');
    const check = checkLegTransition({ from: leg.status, to: status, carrier: leg.carrierKind, confirmationNumber, reason });
    if (!check.ok) return fieldError(check.path, check.code);
    const marks = status === 'en_route' ? { pickedUpAt: ctx.nowIso } : status === 'completed' ? { droppedOffAt: ctx.nowIso } : {};
    await ctx.q.transport.updateLeg(
      legId,
      { status, ...marks, ...(status === 'confirmed' ? { confirmationNumber } : {}), ...(status === 'cancelled' ? { cancelReason: reason } : {}) },
      ctx.nowIso,
      ctx.user?.id ?? null,
      true,
    );
    await ctx.q.transport.touchBooking(leg.bookingId, ctx.nowIso, ctx.user?.id ?? null);
    const after = (await ctx.q.transport.leg(legId))!;
    ctx.audit({ entity: 'transport_leg', entityId: legId, before: legOut(leg), after: legOut(after) });
    return ok({ booking: await bookingOut(ctx, (await ctx.q.transport.booking(leg.bookingId))!) });
  },

  async 'transport.callReturn'({ legId, pickupAt }, ctx) {
    const leg = await ctx.q.transport.leg(legId);
    if (!leg) return err('not_found', 'transport.error.legNotFound');
    if (leg.kind !== 'return' || leg.returnKind !== 'will_call' || leg.pickupAt !== null) return fieldError('legId', 'not_will_call');
    const booking = (await ctx.q.transport.booking(leg.bookingId))!;
    const planned = planWillCallReturn(pickupAt, booking.travelMinutes);
    await ctx.q.transport.updateLeg(legId, planned, ctx.nowIso, ctx.user?.id ?? null, false);
    await ctx.q.transport.touchBooking(leg.bookingId, ctx.nowIso, ctx.user?.id ?? null);
    const after = (await ctx.q.transport.leg(legId))!;
    ctx.audit({ entity: 'transport_leg', entityId: legId, before: legOut(leg), after: legOut(after) });
    return ok({ booking: await bookingOut(ctx, (await ctx.q.transport.booking(leg.bookingId))!) });
  },

  async 'transport.board'({ date }, ctx) {
    const dates = [date, addDays(date, 1)];
    const w = windowOf(date, 2);
    const rows = await ctx.q.transport.tripsBetween(w.from, w.until);
    const sources = sourcesOf(rows);
    const vehicles = new Map((await ctx.q.transport.vehicles()).map((v) => [v.id, v.name]));
    const byLeg = new Map(rows.map((r) => [r.id, r]));
    const groups = tripBoard(sources, dates, ctx.timeZone).map((g) => ({
      date: g.date,
      vehicleId: g.vehicleId,
      vehicleName: g.vehicleId === null ? null : (vehicles.get(g.vehicleId) ?? null),
      rows: g.rows.map((row) => {
        const r = byLeg.get(row.legId)!;
        return {
          ...row,
          bookingId: r.bookingId,
          carrierKind: r.carrierKind,
          carrierName: r.carrierKind === 'family' ? r.familyName : r.carrierName,
          driverName: r.driverName,
          confirmationNumber: r.confirmationNumber,
        };
      }),
    }));
    // Out now: bookings whose outbound is marked and whose return is not done (any date: a resident
    // out since yesterday is still out).
    const open = await ctx.q.transport.tripsOfBookings(await ctx.q.transport.openBookingIds(new Date(ctx.now.getTime() - 3 * DAY_MS).toISOString()));
    const board = boardBookings([...open, ...rows.filter((r) => !open.some((o) => o.id === r.id))]);
    const names = new Map([...open, ...rows].map((r) => [r.bookingId, { name: tripName(residentOfTrip(r)), room: r.room }]));
    const out = residentsOut(board, ctx.nowIso, OVERDUE_GRACE_MINUTES).map((o) => ({ ...o, residentName: names.get(o.bookingId)?.name ?? '', room: names.get(o.bookingId)?.room ?? null }));
    const unmarked = unmarkedPickups(
      board.filter((b) => b.legs.some((l) => l.pickupAt !== null && manifestDate({ pickupAt: l.pickupAt, appointmentEndsAt: b.appointment.endsAt }, ctx.timeZone) === date)),
      ctx.nowIso,
      UNMARKED_GRACE_MINUTES,
    ).map((u) => ({ legId: u.legId, bookingId: u.bookingId, residentName: names.get(u.bookingId)?.name ?? '', pickupAt: u.pickupAt, minutesLate: u.minutesLate }));
    return ok({ dates, groups, out, unmarked });
  },

  async 'transport.driverDay'({ date }, ctx) {
    const me = ctx.user ? await ctx.q.transport.staffOfUser(ctx.user.id) : undefined;
    if (!me) return ok({ driverName: null, trips: [] });
    const w = windowOf(date, 1);
    const rows = driverTrips(sourcesOf(await ctx.q.transport.tripsBetween(w.from, w.until, { driverStaffId: me.id })), me.id, date, ctx.timeZone);
    return ok({ driverName: me.name, trips: rows.map((row) => ({ row, actions: driverActionsFor(row.status) })) });
  },

  async 'transport.driverMark'({ legId, action }, ctx) {
    const me = ctx.user ? await ctx.q.transport.staffOfUser(ctx.user.id) : undefined;
    const leg = await ctx.q.transport.leg(legId);
    // A driver marks only their own trips; another's is as good as not there.
    if (!leg || !me || leg.driverStaffId !== me.id) return err('not_found', 'transport.error.legNotFound');
    const to = statusAfter(action);
    const check = checkLegTransition({ from: leg.status, to, carrier: leg.carrierKind, confirmationNumber: leg.confirmationNumber, reason: null });
    if (!check.ok) return fieldError('action', check.code);
    const marks = action === 'picked_up' ? { pickedUpAt: ctx.nowIso } : action === 'dropped_off' ? { droppedOffAt: ctx.nowIso } : {};
    await ctx.q.transport.updateLeg(legId, { status: to, ...marks }, ctx.nowIso, ctx.user!.id, true);
    await ctx.q.transport.touchBooking(leg.bookingId, ctx.nowIso, ctx.user!.id);
    const after = (await ctx.q.transport.leg(legId))!;
    ctx.audit({ entity: 'transport_leg', entityId: legId, before: legOut(leg), after: { ...legOut(after), action } });
    const row = (await driverRow(ctx, legId))!;
    const out = manifestRow(row);
    return ok({ row: out, actions: driverActionsFor(out.status) });
  },

  async 'transport.manifest'({ vehicleId, date }, ctx) {
    const vehicle = await ctx.q.transport.vehicle(vehicleId);
    if (!vehicle) return fieldError('vehicleId', 'unknown_vehicle');
    const w = windowOf(date, 1);
    const rows = vehicleManifest(sourcesOf(await ctx.q.transport.tripsBetween(w.from, w.until, { vehicleId })), vehicleId, date, ctx.timeZone);
    return ok({ vehicle: { id: vehicle.id, name: vehicle.name }, date, rows });
  },
});

function pickLeg(l: LegRow): Partial<LegWrite> {
  return {
    carrierKind: l.carrierKind,
    vehicleId: l.vehicleId,
    driverStaffId: l.driverStaffId,
    carrierId: l.carrierId,
    familyName: l.familyName,
    familyPhone: l.familyPhone,
    runId: l.runId,
    returnKind: l.returnKind,
    pickupAt: l.pickupAt,
    dropoffAt: l.dropoffAt,
  };
}

function destinationOut(d: { providerId: number; name: string; locationName: string | null; address: string | null; phone: string | null; travelMinutes: number | null; checkInMinutes: number | null; version: number | null }): DestinationOut {
  return {
    providerId: d.providerId,
    name: d.locationName ? `${d.name} — ${d.locationName}` : d.name,
    address: d.address,
    phone: d.phone,
    travelMinutes: d.travelMinutes,
    checkInMinutes: d.checkInMinutes,
    version: d.version,
  };
}

function boardBookings(rows: readonly TripRow[]): BoardBooking[] {
  const byBooking = new Map<number, BoardBooking & { legs: BoardBooking['legs'][number][] }>();
  for (const r of rows) {
    let b = byBooking.get(r.bookingId);
    if (!b) byBooking.set(r.bookingId, (b = { bookingId: r.bookingId, residentId: r.residentId, appointment: appointmentRef(r.appointment), legs: [] }));
    if (b.legs.some((l) => l.id === r.id)) continue;
    b.legs.push({ id: r.id, kind: r.kind, status: r.status, pickupAt: r.pickupAt, dropoffAt: r.dropoffAt, pickedUpAt: r.pickedUpAt, droppedOffAt: r.droppedOffAt });
  }
  return [...byBooking.values()];
}


/**
 * What the handoff sheet shows of transport (docs/handoff.md): each appointment's trip (pickup,
 * return, escort), staff escorts off the floor in [from, until), and residents out on a trip now.
 * Appointments are matched by their key as the appointments area gives it: `a:<appointment id>`.
 */
export async function tripsForHandoff(ctx: HandlerContext, appointmentKeys: ReadonlySet<string>, from: string, until: string): Promise<TripsKnown> {
  const widened = { from: new Date(Date.parse(from) - DAY_MS).toISOString(), until: new Date(Date.parse(until) + DAY_MS).toISOString() };
  const rows = await ctx.q.transport.tripsBetween(widened.from, widened.until);
  const open = await ctx.q.transport.tripsOfBookings(await ctx.q.transport.openBookingIds(new Date(ctx.now.getTime() - 3 * DAY_MS).toISOString()));
  const all = [...rows, ...open.filter((o) => !rows.some((r) => r.id === o.id))];
  const byAppointment = new Map<string, TripFill>();
  for (const r of all) {
    const key = `a:${r.appointmentId}`;
    if (!appointmentKeys.has(key)) continue;
    const fill: TripFill = byAppointment.get(key) ?? { tripKey: String(r.bookingId), pickupAt: null, returnAt: null, escort: null };
    if (r.kind === 'outbound' && !isVoidLeg(r.status)) fill.pickupAt = r.pickupAt;
    if (r.kind === 'return' && !isVoidLeg(r.status)) fill.returnAt = r.dropoffAt ?? 'will_call';
    const escort = escortOfTrip(r);
    fill.escort = escort === null ? null : escort.kind === 'staff' ? escort : { kind: 'family', name: escort.name };
    byAppointment.set(key, fill);
  }
  const residentOf = new Map(all.map((r) => [String(r.bookingId), r.residentId]));
  const staffOffFloor: StaffOffFloor[] = staffEscortsAway(all.map(tripLegOf))
    .filter((s) => s.from < until && s.until > from)
    .map((s) => ({ staffId: s.staffId, name: s.name, residentId: residentOf.get(s.bookingId)!, from: s.from, until: s.until }));
  const outOnTrip = new Map<number, OutOnTrip>();
  for (const o of residentsOut(boardBookings(all), ctx.nowIso, OVERDUE_GRACE_MINUTES)) outOnTrip.set(o.residentId, { since: o.outSince, expectedBackAt: o.expectedBackAt, overdue: o.overdue });
  return { byAppointment, staffOffFloor, outOnTrip };
}
