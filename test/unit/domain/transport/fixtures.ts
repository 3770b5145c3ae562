/** Plain-data builders for the transport rule tests (no mocks: these are the rules' own inputs). */
import type { ConflictContext, TripLeg } from '../../../../shared/domain/transport/conflicts';
import type { CredentialEvidence, CredentialRequirement, StaffCredentials } from '../../../../shared/domain/transport/credentials';
import type { AppointmentRef, TransportNeed, Vehicle } from '../../../../shared/domain/transport/vocabulary';

export const TZ = 'America/Chicago';

/** 'YYYY-MM-DDTHH:mm' on the Chicago wall clock (CST, −06:00, in the winter dates used here) → UTC ISO. */
export function at(local: string): string {
  return new Date(`${local}:00-06:00`).toISOString();
}

export const van2: Vehicle = { id: 'v2', name: 'Van 2', seats: 4, wheelchairPositions: 2, stretcherPositions: 0, bariatric: false, oxygen: false };
export const van3: Vehicle = { id: 'v3', name: 'Van 3', seats: 6, wheelchairPositions: 1, stretcherPositions: 1, bariatric: true, oxygen: true };

export const walks: TransportNeed = { base: 'ambulatory', bariatric: false, oxygen: false };
export const chair: TransportNeed = { base: 'wheelchair', bariatric: false, oxygen: false };

export function appointment(start: string, end: string, extra: Partial<AppointmentRef> = {}): AppointmentRef {
  return { startsAt: at(start), endsAt: at(end), status: 'scheduled', setting: 'external', ...extra };
}

let seq = 0;

/** A leg on a facility vehicle: pickup and drop-off given as Chicago wall times. */
export function leg(p: {
  pickup: string | null;
  dropoff: string | null;
  id?: string;
  bookingId?: string;
  kind?: TripLeg['kind'];
  status?: TripLeg['status'];
  resident?: string;
  residentName?: string;
  need?: TransportNeed;
  vehicle?: string | null;
  driver?: string | null;
  runId?: string | null;
  escort?: TripLeg['escort'];
  carrier?: TripLeg['carrier'];
  appointment?: AppointmentRef;
}): TripLeg {
  seq += 1;
  const id = p.id ?? `l${seq}`;
  const vehicle = p.vehicle === undefined ? 'v2' : p.vehicle;
  return {
    id,
    bookingId: p.bookingId ?? `b-${id}`,
    kind: p.kind ?? 'outbound',
    status: p.status ?? 'confirmed',
    residentId: p.resident ?? `r-${id}`,
    residentName: p.residentName ?? 'Rosa Díaz',
    need: p.need ?? chair,
    escort: p.escort ?? null,
    carrier: p.carrier ?? (vehicle === null ? { kind: 'taxi', name: null, phone: null } : { kind: 'facility_vehicle', vehicleId: vehicle, driverStaffId: p.driver === undefined ? 'sam' : p.driver }),
    runId: p.runId ?? null,
    pickupAt: p.pickup === null ? null : at(p.pickup),
    dropoffAt: p.dropoff === null ? null : at(p.dropoff),
    appointment: p.appointment ?? appointment('2026-12-02T10:00', '2026-12-02T11:00'),
  };
}

/** Sam the driver and Lee the CNA, both current on everything for years around the test dates. */
export function person(staffId: string, name: string, completions: Record<string, string[]> = {}): StaffCredentials {
  const evidence: Record<string, CredentialEvidence> = {};
  for (const [code, dates] of Object.entries({ driver_safety: ['2026-06-01'], cpr_bls: ['2026-06-01'], ...completions })) {
    evidence[code] = { source: 'course', validity: { kind: 'months', months: code === 'cpr_bls' ? 24 : 12 }, hireDate: '2020-01-01', records: dates.map((completedOn) => ({ completedOn })) };
  }
  return { staffId, name, evidence };
}

export const requirements: CredentialRequirement[] = [
  { code: 'driver_safety', source: 'course', roles: ['driver'], name: 'Driver safety' },
  { code: 'cpr_bls', source: 'course', roles: ['driver', 'escort'], name: 'CPR / BLS' },
];

export function context(extra: Partial<ConflictContext> = {}): ConflictContext {
  return {
    timeZone: TZ,
    vehicles: new Map([
      ['v2', van2],
      ['v3', van3],
    ]),
    staff: new Map([
      ['sam', person('sam', 'Sam Ortiz')],
      ['kim', person('kim', 'Kim Lee')],
      ['lee', person('lee', 'Lee Park')],
    ]),
    requirements,
    ...extra,
  };
}
