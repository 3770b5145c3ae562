import { checkConflicts } from '../../shared/domain/transport/conflicts';
import type { ConflictContext, TripLeg } from '../../shared/domain/transport/conflicts';
import type { StaffCredentials } from '../../shared/domain/transport/credentials';
import type { TransportNeed, Vehicle } from '../../shared/domain/transport/vocabulary';
import { round, summarize } from './measure';
import type { BenchContext, BenchResults } from './types';

/**
 * transport.conflict_rules_p95_ms: the pure conflict rules for one booking about to be saved, on a
 * synthetic facility with 50,000 trips (two years, 10 vehicles, 14 drivers, 600 residents; each trip an
 * outbound and a return leg). Per check, the legs of the candidate's window (a day either side) are
 * taken from the sorted list by binary search — standing in for the indexed query, which the issue's
 * transport.conflict_check_p95_ms will add — and only the rules are timed: vehicle, driver and resident
 * overlaps, the capacity sweep, modes, the appointment, credentials on the trip date.
 * transport.conflict_rules_window_legs reports how many legs a check looked at, on average.
 */
export function benchTransport(_ctx?: BenchContext): Promise<BenchResults> {
  const TZ = 'America/Chicago';
  const DAY = 86_400_000;
  const START = Date.parse('2025-01-06T12:00:00Z');
  const TRIPS = 50_000;
  const DAYS = 730;

  // Deterministic: the same facility every run, so figures compare across runs.
  let seed = 42;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  const vehicles = new Map<string, Vehicle>();
  for (let v = 1; v <= 10; v++) {
    vehicles.set(`v${v}`, { id: `v${v}`, name: `Van ${v}`, seats: 6, wheelchairPositions: v % 3 === 0 ? 1 : 2, stretcherPositions: v % 5 === 0 ? 1 : 0, bariatric: v % 4 === 0, oxygen: v % 2 === 0 });
  }
  const staff = new Map<string, StaffCredentials>();
  for (let s = 1; s <= 14; s++) {
    const records = (every: number) => Array.from({ length: 5 }, (_, i) => ({ completedOn: `${2020 + i * every}-0${1 + (s % 9)}-15` }));
    staff.set(`d${s}`, {
      staffId: `d${s}`,
      name: `Driver ${s}`,
      evidence: {
        driver_safety: { source: 'course', validity: { kind: 'months', months: 12 }, hireDate: '2019-01-01', records: records(1) },
        cpr_bls: { source: 'course', validity: { kind: 'months', months: 24 }, hireDate: '2019-01-01', records: records(2) },
      },
    });
  }
  const ctx: ConflictContext = {
    timeZone: TZ,
    vehicles,
    staff,
    requirements: [
      { code: 'driver_safety', source: 'course', roles: ['driver'], name: 'Driver safety' },
      { code: 'cpr_bls', source: 'course', roles: ['driver', 'escort'], name: 'CPR / BLS' },
    ],
  };
  const needs: TransportNeed[] = [
    { base: 'ambulatory', bariatric: false, oxygen: false },
    { base: 'ambulatory', bariatric: false, oxygen: false },
    { base: 'wheelchair', bariatric: false, oxygen: false },
    { base: 'wheelchair', bariatric: false, oxygen: true },
    { base: 'wheelchair', bariatric: true, oxygen: false },
  ];
  const vehicleIds = [...vehicles.keys()];
  const driverIds = [...staff.keys()];

  const booking = (id: number, startMs: number): TripLeg[] => {
    const travel = (15 + Math.floor(rand() * 40)) * 60_000;
    const length = (30 + Math.floor(rand() * 6) * 30) * 60_000;
    const vehicleId = pick(vehicleIds);
    const carrier = { kind: 'facility_vehicle', vehicleId, driverStaffId: pick(driverIds) } as const;
    const common = {
      bookingId: `b${id}`,
      residentId: `r${Math.floor(rand() * 600)}`,
      residentName: `Resident ${id % 600}`,
      need: pick(needs),
      escort: rand() < 0.2 ? { kind: 'staff' as const, staffId: pick(driverIds), name: 'Escort' } : null,
      carrier,
      runId: null,
      appointment: { startsAt: new Date(startMs).toISOString(), endsAt: new Date(startMs + length).toISOString(), status: 'scheduled' as const, setting: 'external' as const },
    };
    const pickup = startMs - travel - 15 * 60_000;
    const back = startMs + length;
    return [
      { ...common, id: `${id}o`, kind: 'outbound', status: 'confirmed', pickupAt: new Date(pickup).toISOString(), dropoffAt: new Date(pickup + travel).toISOString() },
      rand() < 0.15
        ? { ...common, id: `${id}r`, kind: 'return', status: 'requested', pickupAt: null, dropoffAt: null }
        : { ...common, id: `${id}r`, kind: 'return', status: 'confirmed', pickupAt: new Date(back).toISOString(), dropoffAt: new Date(back + travel).toISOString() },
    ];
  };

  // Appointments between 06:00 and 16:00 local on any of the two years' days. The 100,000 legs are kept
  // as JSON rows sorted by pickup, and a check parses only the window it needs — as a database hands
  // over fresh row objects per query. Keeping 100,000 live objects instead would make every major GC
  // walk them, a pause the app (whose trips live in the database) never has.
  const randomStart = () => START + Math.floor(rand() * DAYS) * DAY + Math.floor(rand() * 40) * 15 * 60_000;
  const rows: { at: number; json: string }[] = [];
  for (let i = 0; i < TRIPS; i++) for (const leg of booking(i, randomStart())) rows.push({ at: Date.parse(leg.pickupAt ?? leg.appointment.endsAt), json: JSON.stringify(leg) });
  rows.sort((a, b) => a.at - b.at);
  const at = Float64Array.from(rows.map((r) => r.at));
  const json = rows.map((r) => r.json);
  const firstAtOrAfter = (t: number) => {
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // The window a handler would query: a day either side of the candidate covers overnight runs.
  const windowOf = (candidate: readonly TripLeg[]): TripLeg[] => {
    const from = Date.parse(candidate[0]!.pickupAt!) - DAY;
    const until = Date.parse(candidate[0]!.appointment.endsAt) + DAY;
    const existing: TripLeg[] = [];
    for (let i = firstAtOrAfter(from); i < at.length && at[i]! < until; i++) existing.push(JSON.parse(json[i]!) as TripLeg);
    return existing;
  };

  const candidates = Array.from({ length: 500 }, (_, i) => booking(TRIPS + i, randomStart()));
  let found = 0;
  let windowLegs = 0;
  const samples: number[] = [];
  for (let round = 0; round < 2500; round++) {
    const candidate = candidates[round % candidates.length]!;
    const existing = windowOf(candidate);
    const t0 = performance.now();
    const conflicts = checkConflicts(candidate, existing, ctx);
    const ms = performance.now() - t0;
    // The first rounds warm the JIT up.
    if (round >= 250) {
      samples.push(ms);
      found += conflicts.length;
      windowLegs += existing.length;
    }
  }
  const timing = summarize(samples);
  if (found === 0) throw new Error('transport bench: no conflict was ever found — the synthetic facility is not busy enough to mean anything');

  return Promise.resolve({
    'transport.conflict_rules_p95_ms': round(timing.p95, 3),
    'transport.conflict_rules_median_ms': round(timing.median, 3),
    'transport.conflict_rules_window_legs': Math.round(windowLegs / samples.length),
  });
}
