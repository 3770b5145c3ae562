import { describe, expect, test } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { STRONG_PASSWORD, adminCore, caller } from '../support/core';
import { countRows, fingerprint, sqlRows } from '../support/db';
import { addRooms, admission } from '../support/residents';
import { addAppointment, addProvider, changeAppointment } from '../support/transport';
import type { SqliteEngine } from '../../db/engine/sqlite';
import { CONFLICT_SQL } from '../../db/queries/transport';
import type { HandlerContext } from '../../electron/core/context';
import { conflictsOf, resolveBooking } from '../../electron/core/handlers/transport';
import { BookInput } from '../../shared/domain/transport/schemas';

// Issue 11, transport, on both engines (the `pg` project runs this same file on PostgreSQL).
// 2026-03-02 14:00 UTC is 08:00 in Chicago. The appointments are on Mar 3 at 09:00 Chicago (15:00 UTC).
const NOW = '2026-03-02T14:00:00Z';
const DRIVER_PASSWORD = 'quiet meadow lantern river';

async function setup() {
  const a = await adminCore({ now: NOW });
  const place = await addRooms(a);
  const mc = place.units['Memory Care']!;
  const ana = await a.must('residents.admit', admission({ unitId: mc, bedId: place.beds['101A']!, recordNumber: 'R-1', legalGiven: 'Ana', legalFamily: 'Ruiz', aid: 'wheelchair', transfer: 'standby', bariatric: false }));
  const ben = await a.must('residents.admit', admission({ unitId: mc, bedId: place.beds['102A']!, recordNumber: 'R-2', legalGiven: 'Ben', legalFamily: 'Stone', aid: 'none', transfer: 'independent', bariatric: false }));
  const cas = await a.must('residents.admit', admission({ unitId: mc, bedId: place.beds['103A']!, recordNumber: 'R-3', legalGiven: 'Cas', legalFamily: 'Lee' }));
  const courses = (await a.must('training.listCourses', { includeInactive: true })).rows;
  const cpr = courses.find((c) => c.code === 'cpr_bls')!;
  const safety = courses.find((c) => c.code === 'driver_safety')!;
  await a.must('users.create', { username: 'dan', displayName: 'Dan Driver', role: 'driver', password: STRONG_PASSWORD });
  const danUser = (await a.must('users.list', {})).rows.find((u) => u.username === 'dan')!;
  const dan = await a.must('training.createStaff', { name: 'Dan Driver', role: 'driver', employeeId: 'E-10', hireDate: '2020-01-06', unitId: null, userId: danUser.id });
  const eve = await a.must('training.createStaff', { name: 'Eve Escort', role: 'cna', employeeId: 'E-11', hireDate: '2020-01-06', unitId: null });
  // Dan's CPR card: completed 2024-03-05, 24 months: valid through Mar 4, 2026. Driver safety current.
  await a.must('training.createRecord', { staffId: dan.id, courseId: cpr.id, completedOn: '2024-03-05', hours: null, provider: null, certificateNumber: null });
  await a.must('training.createRecord', { staffId: dan.id, courseId: safety.id, completedOn: '2025-06-01', hours: null, provider: null, certificateNumber: null });
  await a.must('training.createRecord', { staffId: eve.id, courseId: cpr.id, completedOn: '2025-06-01', hours: null, provider: null, certificateNumber: null });
  const van = await a.must('transport.saveVehicle', { name: 'Van 1', seats: 4, wheelchairPositions: 1, stretcherPositions: 0, bariatric: false, oxygen: false });
  const sedan = await a.must('transport.saveVehicle', { name: 'Sedan', seats: 3, wheelchairPositions: 0, stretcherPositions: 0, bariatric: false, oxygen: false });
  const renal = await addProvider(a.core, { name: 'Riverside Renal', locationName: 'Dialysis unit', address: '12 River Rd', phone: '555-0100' });
  await a.must('transport.saveDestination', { providerId: renal, travelMinutes: 30, checkInMinutes: 15 });
  const appt = (residentId: number, startAt: string, endAt: string, over: { setting?: 'external' | 'in_house'; status?: string } = {}) =>
    addAppointment(a.core, { residentId, startAt, endAt, providerId: renal, ...over });
  const anaAppt = await appt(ana.id, '2026-03-03T15:00:00.000Z', '2026-03-03T16:00:00.000Z');
  const benAppt = await appt(ben.id, '2026-03-03T15:00:00.000Z', '2026-03-03T16:00:00.000Z');
  return { ...a, mc, ana, ben, cas, dan, eve, van, sedan, renal, anaAppt, benAppt, appt, danUser };
}
type Setup = Awaited<ReturnType<typeof setup>>;

function ride(s: Setup, appointmentId: number, over: Partial<InputOf<'transport.book'>> = {}): InputOf<'transport.book'> {
  return {
    appointmentId,
    mode: null,
    escort: null,
    travelMinutes: 30,
    checkInMinutes: 15,
    outbound: { pickupAt: '2026-03-03T14:15:00.000Z', carrier: { kind: 'facility_vehicle', vehicleId: s.van.id, driverStaffId: s.dan.id } },
    return: { kind: 'fixed', pickupAt: '2026-03-03T16:00:00.000Z', carrier: { kind: 'facility_vehicle', vehicleId: s.van.id, driverStaffId: s.dan.id } },
    notes: 'Bring the dialysis bag',
    ...over,
  };
}

const fieldsOf = (r: { ok: boolean; error?: { fields?: { path: string; code: string }[] } }) => (r.ok ? [] : (r.error?.fields ?? []).map((f) => `${f.path}:${f.code}`));

describe('booking a ride', () => {
  test('the pickup is proposed from the destination settings and the mode from mobility; the booking is saved with its audit row', async () => {
    const s = await setup();
    const p = await s.must('transport.prepare', { appointmentId: s.anaAppt });
    expect(p.proposedPickupAt).toBe('2026-03-03T14:15:00.000Z');
    expect(p.proposal).toMatchObject({ kind: 'proposed', need: { base: 'wheelchair', bariatric: false, oxygen: false } });
    expect(p.appointment).toMatchObject({ residentName: 'Ana Ruiz', room: '101', destinationName: 'Riverside Renal — Dialysis unit', address: '12 River Rd' });
    const b = await s.must('transport.book', ride(s, s.anaAppt));
    expect(b.legs.map((l) => [l.kind, l.status, l.pickupAt, l.dropoffAt])).toEqual([
      ['outbound', 'requested', '2026-03-03T14:15:00.000Z', '2026-03-03T14:45:00.000Z'],
      ['return', 'requested', '2026-03-03T16:00:00.000Z', '2026-03-03T16:30:00.000Z'],
    ]);
    expect(b).toMatchObject({ need: { base: 'wheelchair' }, modeProposed: 'wheelchair', travelMinutes: 30, flags: [], version: 1 });
    const audit = await sqlRows<{ n: number | string }>(s.core, "SELECT count(*) AS n FROM audit_log WHERE entity = 'transport_booking'");
    expect(Number(audit[0]!.n)).toBe(1);
    // A second booking for the same appointment is refused: the first is edited instead.
    expect(fieldsOf(await s.call('transport.book', ride(s, s.anaAppt)))).toEqual(['appointmentId:already_booked']);
  });

  test('not assessed mobility asks for the mode; a different mode needs a reason', async () => {
    const s = await setup();
    const casAppt = await s.appt(s.cas.id, '2026-03-04T15:00:00.000Z', '2026-03-04T16:00:00.000Z');
    expect((await s.must('transport.prepare', { appointmentId: casAppt })).proposal).toMatchObject({ kind: 'ask' });
    expect(fieldsOf(await s.call('transport.book', ride(s, casAppt)))).toEqual(['mode:mode_required']);
    const wheel = { need: { base: 'wheelchair' as const, bariatric: false, oxygen: false }, overrideReason: null };
    const mar4 = {
      outbound: { pickupAt: '2026-03-04T14:15:00.000Z', carrier: { kind: 'facility_vehicle' as const, vehicleId: s.van.id, driverStaffId: null } },
      return: { kind: 'will_call' as const, carrier: { kind: 'family' as const, name: 'Rosa', phone: '555-0101' } },
    };
    expect((await s.must('transport.book', ride(s, casAppt, { mode: wheel, ...mar4 }))).need.base).toBe('wheelchair');
    const benAmb = { need: { base: 'wheelchair' as const, bariatric: false, oxygen: false }, overrideReason: null };
    expect(fieldsOf(await s.call('transport.book', ride(s, s.benAppt, { mode: benAmb })))).toEqual(['mode.overrideReason:mode_override_reason_required']);
  });

  test('bad input: a specific field error and nothing written', async () => {
    const s = await setup();
    const inHouse = await s.appt(s.ben.id, '2026-03-04T15:00:00.000Z', '2026-03-04T16:00:00.000Z', { setting: 'in_house' });
    const before = await fingerprint(s.core);
    const cases: [InputOf<'transport.book'>, string][] = [
      [ride(s, s.anaAppt, { outbound: { pickupAt: '2026-03-03T15:05:00.000Z', carrier: { kind: 'facility_vehicle', vehicleId: s.van.id, driverStaffId: null } } }), 'outbound.pickupAt:pickup_after_start'],
      [ride(s, s.anaAppt, { travelMinutes: -5 }), 'travelMinutes:negative_travel_time'],
      [ride(s, s.anaAppt, { return: { kind: 'fixed', pickupAt: '2026-03-03T14:30:00.000Z', carrier: { kind: 'family', name: 'Rosa Ruiz', phone: '555-0101' } } }), 'return.pickupAt:return_before_outbound'],
      [ride(s, s.anaAppt, { outbound: { pickupAt: '2026-03-03T14:15:00.000Z', carrier: { kind: 'facility_vehicle', vehicleId: s.sedan.id, driverStaffId: null } } }), 'outbound.carrier.vehicleId:no_position_for_mode'],
      [ride(s, inHouse), 'appointmentId:in_house_appointment'],
    ];
    for (const [input, field] of cases) expect(fieldsOf(await s.call('transport.book', input))).toContain(field);
    expect(await fingerprint(s.core)).toBe(before);
    expect(await countRows(s.core, 'transport_bookings')).toBe(0);
  });
});

describe('conflicts on save', () => {
  test('a vehicle already on a trip blocks the save until overridden with a reason, which is recorded', async () => {
    const s = await setup();
    await s.must('transport.book', ride(s, s.anaAppt));
    const before = await fingerprint(s.core);
    const refused = await s.call('transport.book', ride(s, s.benAppt));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('conflict');
    const codes = refused.error.fields!.map((f) => f.code);
    expect(codes).toContain('vehicle_overlap');
    expect(codes).not.toContain('driver_overlap');
    expect(await fingerprint(s.core)).toBe(before);
    const overrides = refused.error.fields!.map((f) => ({ key: String(f.params!.key), reason: 'Shared ride, both go to the same unit' }));
    expect(await s.call('transport.book', ride(s, s.benAppt, { overrides: overrides.map((o) => ({ ...o, reason: 'ok' })) }))).toMatchObject({ ok: false });
    const saved = await s.must('transport.book', ride(s, s.benAppt, { overrides }));
    expect(saved.overrides.map((o) => [o.code, o.reason, o.byName])).toContainEqual(['vehicle_overlap', 'Shared ride, both go to the same unit', 'Ada Admin']);
  });

  test("a driver's course expiring on the trip's date blocks it; the day before does not", async () => {
    const s = await setup();
    const onExpiry = await s.appt(s.ben.id, '2026-03-05T15:00:00.000Z', '2026-03-05T16:00:00.000Z');
    const dayBefore = await s.appt(s.cas.id, '2026-03-04T15:00:00.000Z', '2026-03-04T16:00:00.000Z');
    const wheel = { need: { base: 'ambulatory' as const, bariatric: false, oxygen: false }, overrideReason: null };
    const at = (day: string) => ({
      outbound: { pickupAt: `${day}T14:15:00.000Z`, carrier: { kind: 'facility_vehicle' as const, vehicleId: s.van.id, driverStaffId: s.dan.id } },
      return: { kind: 'will_call' as const, carrier: { kind: 'family' as const, name: 'Rosa', phone: '555-0101' } },
    });
    expect((await s.must('transport.book', ride(s, dayBefore, { mode: wheel, ...at('2026-03-04') }))).id).toBeGreaterThan(0);
    const r = await s.call('transport.book', ride(s, onExpiry, at('2026-03-05')));
    expect(r.ok ? [] : r.error.fields!.map((f) => [f.code, f.params?.expiredOn, f.params?.date])).toEqual([['driver_credential_expired', '2026-03-05', '2026-03-05']]);
    // A staff escort with a current card is fine; escort takes a seat.
    const escorted = await s.call('transport.book', ride(s, onExpiry, { ...at('2026-03-05'), escort: { kind: 'staff', staffId: s.eve.id }, outbound: { ...at('2026-03-05').outbound, carrier: { kind: 'facility_vehicle', vehicleId: s.van.id, driverStaffId: null } } }));
    expect(escorted.ok).toBe(true);
  });

  test('a cancelled appointment: the booking is flagged, and saving it again meets the conflict', async () => {
    const s = await setup();
    const b = await s.must('transport.book', ride(s, s.anaAppt));
    await changeAppointment(s.core, s.anaAppt, { status: 'cancelled' });
    const flagged = await s.must('transport.booking', { bookingId: b.id });
    expect(flagged.flags).toEqual(['appointment_cancelled']);
    const { appointmentId: _, ...rest } = ride(s, s.anaAppt);
    const again = await s.call('transport.updateBooking', { ...rest, bookingId: b.id, expectedVersion: b.version });
    expect(again.ok ? [] : again.error.fields!.map((f) => f.code)).toContain('appointment_cancelled');
  });

  test('a save reads only the trips that can collide: its vehicles, its drivers with their runs, the resident’s own', async () => {
    const s = await setup();
    const van2 = await s.must('transport.saveVehicle', { name: 'Van 2', seats: 4, wheelchairPositions: 1, stretcherPositions: 0, bariatric: false, oxygen: false });
    const casAppt = await s.appt(s.cas.id, '2026-03-03T15:00:00.000Z', '2026-03-03T16:00:00.000Z');
    const family = { kind: 'will_call' as const, carrier: { kind: 'family' as const, name: 'Rosa', phone: '555-0101' } };
    const leave = '2026-03-03T14:15:00.000Z';
    // Dan drives Ben and Cas to the clinic in the sedan, one run; Ana goes in Van 2 without a driver yet.
    const ben = await s.must('transport.book', ride(s, s.benAppt, { outbound: { pickupAt: leave, carrier: { kind: 'facility_vehicle', vehicleId: s.sedan.id, driverStaffId: s.dan.id }, runId: 5 }, return: family }));
    const seated = { need: { base: 'ambulatory' as const, bariatric: false, oxygen: false }, overrideReason: null };
    const cas = await s.must('transport.book', ride(s, casAppt, { mode: seated, outbound: { pickupAt: leave, carrier: { kind: 'facility_vehicle', vehicleId: s.sedan.id, driverStaffId: null }, runId: 5 }, return: family }));
    const ana = await s.must('transport.book', ride(s, s.anaAppt, { outbound: { pickupAt: leave, carrier: { kind: 'facility_vehicle', vehicleId: van2.id, driverStaffId: null } }, return: family }));
    const legIds = (b: { legs: { id: number; kind: string }[] }, kind: string) => b.legs.filter((l) => l.kind === kind).map((l) => l.id);
    const read = async (scope: { residentId: number; vehicleIds: number[]; driverIds: number[] }) =>
      (await s.core.q.transport.conflictLegs('2026-03-02T00:00:00.000Z', '2026-03-05T00:00:00.000Z', scope)).map((l) => l.id).sort((a, b) => a - b);
    const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
    const anasOwn = sorted([...legIds(ana, 'outbound'), ...legIds(ana, 'return')]);
    // Van 1 is free and nobody drives: only Ana's own legs, not the other vehicles' trips of the day.
    expect(await read({ residentId: s.ana.id, vehicleIds: [s.van.id], driverIds: [] })).toEqual(anasOwn);
    // With Dan driving: his leg, and Cas's leg of his run (the run's times and riders are all its legs').
    expect(await read({ residentId: s.ana.id, vehicleIds: [s.van.id], driverIds: [s.dan.id] })).toEqual(sorted([...anasOwn, ...legIds(ben, 'outbound'), ...legIds(cas, 'outbound')]));
    // In the sedan: both legs of the sedan, whoever drives.
    expect(await read({ residentId: s.ana.id, vehicleIds: [s.sedan.id], driverIds: [] })).toEqual(sorted([...anasOwn, ...legIds(ben, 'outbound'), ...legIds(cas, 'outbound')]));
    // And the check on save still finds Dan on the sedan's run when he is put on Van 2 at the same time.
    const { appointmentId: _, ...moved } = ride(s, s.anaAppt, { outbound: { pickupAt: leave, carrier: { kind: 'facility_vehicle', vehicleId: van2.id, driverStaffId: s.dan.id } }, return: family });
    const refused = await s.call('transport.updateBooking', {
      ...moved,
      bookingId: ana.id,
      expectedVersion: ana.version,
    });
    expect(fieldsOf(refused)).toEqual(['overrides:driver_overlap']);
  });
});

describe('what a save reads, by its own statements', () => {
  test("the resident's own trips: by an appointment overlapping the window, or by pickups in it after the appointment moved; not the rest of the history", async () => {
    const s = await setup();
    const family = { kind: 'family' as const, name: 'Rosa', phone: '555-0101' };
    const on = (day: string) => ({ outbound: { pickupAt: `${day}T14:15:00.000Z`, carrier: family }, return: { kind: 'will_call' as const, carrier: family } });
    const later = await s.appt(s.ana.id, '2026-03-20T15:00:00.000Z', '2026-03-20T16:00:00.000Z');
    const movedIn = await s.appt(s.ana.id, '2026-03-22T15:00:00.000Z', '2026-03-22T16:00:00.000Z');
    const staysAway = await s.must('transport.book', ride(s, later, on('2026-03-20')));
    const movedAway = await s.must('transport.book', ride(s, s.anaAppt, on('2026-03-03')));
    const comesIn = await s.must('transport.book', ride(s, movedIn, on('2026-03-22')));
    await s.must('transport.book', ride(s, s.benAppt, on('2026-03-03')));
    // The Mar 3 appointment moves to Mar 25 (its legs still say Mar 3); the Mar 22 one moves to Mar 3 (its legs still say Mar 22).
    await changeAppointment(s.core, s.anaAppt, { startAt: '2026-03-25T15:00:00.000Z', endAt: '2026-03-25T16:00:00.000Z' });
    await changeAppointment(s.core, movedIn, { startAt: '2026-03-03T15:00:00.000Z', endAt: '2026-03-03T16:00:00.000Z' });
    const read = (await s.core.q.transport.conflictLegs('2026-03-02T00:00:00.000Z', '2026-03-05T00:00:00.000Z', { residentId: s.ana.id, vehicleIds: [], driverIds: [] })).map((l) => l.id);
    const ids = (b: { legs: { id: number }[] }) => b.legs.map((l) => l.id);
    const outboundOf = (b: { legs: { id: number; kind: string }[] }) => b.legs.find((l) => l.kind === 'outbound')!.id;
    // The Mar 3 ride's outbound still picks up in the window; its will-call return (no times yet) belongs to an appointment now far away.
    // Both legs of the ride whose appointment moved into the window. Nothing of Mar 20, nor Ben's.
    expect([...read].sort((a, b) => a - b)).toEqual([outboundOf(movedAway), ...ids(comesIn)].sort((a, b) => a - b));
    expect(read).not.toEqual(expect.arrayContaining(ids(staysAway)));
    // Legs picked up in the window come first.
    expect(read[0]).toBe(outboundOf(movedAway));
  });

  test("on SQLite the resident's legs in the window and the drivers' shared runs are found from indexes, without reading every leg of the resident or of the drivers' days", async () => {
    const s = await setup();
    // PostgreSQL plans this itself; only SQLite's plan is checked.
    if (s.core.engine.kind !== 'sqlite') return;
    const sqlite = (s.core.engine as SqliteEngine).opened.sqlite;
    const params = { from: '2026-03-02T00:00:00.000Z', until: '2026-03-05T00:00:00.000Z', resident: s.ana.id, v1: s.van.id, v2: null, d1: s.dan.id, d2: null };
    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${CONFLICT_SQL}`).all(params) as { detail: string }[]).map((r) => r.detail);
    // Each of the resident's bookings answers "a leg picked up in the window?" from the index alone.
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH o USING COVERING INDEX transport_legs_booking_pickup_idx \(booking_id=\? AND pickup_at>\? AND pickup_at<\?\)/));
    // The drivers' runs start from the legs that have a run (none until runs have a screen).
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH d USING INDEX transport_legs_driver_run_idx /));
  });

  test("a save reads its appointment with the resident's mobility, its staff and the vehicles once each; the conflict check takes them from there", async () => {
    const s = await setup();
    const calls: string[] = [];
    // The real queries, counted: each is one statement (or one per four ids) on the save's path.
    const counted = new Proxy(s.core.q.transport, {
      get(target, name, receiver) {
        const v = Reflect.get(target, name, receiver) as unknown;
        return typeof v === 'function' ? (...args: unknown[]) => (calls.push(String(name)), (v as (...a: unknown[]) => unknown).apply(target, args)) : v;
      },
    });
    const ctx = { q: { ...s.core.q, transport: counted }, timeZone: 'America/Chicago', now: new Date(NOW), nowIso: new Date(NOW).toISOString(), today: '2026-03-02' } as unknown as HandlerContext;
    const { appointmentId, standing: _standing, ...input } = ride(s, s.anaAppt, { escort: { kind: 'staff', staffId: s.eve.id } });
    const conflicts = await s.core.engine.read(async () => {
      const r = await resolveBooking(ctx, appointmentId, BookInput.parse({ appointmentId, ...input }));
      if ('ok' in r) throw new Error('refused');
      return conflictsOf(ctx, r, null, new Map(), []);
    });
    // The appointment's statement carries the resident's mobility (the mode proposed from it).
    expect((await s.core.q.transport.appointment(appointmentId))!.mobility).toEqual({ aid: 'wheelchair', transfer: 'standby', bariatric: false });
    // Dan's CPR card lapses the day after the trip's date: the booking is valid, and refused for nothing.
    expect(conflicts).toEqual([]);
    expect(calls.sort()).toEqual(['appointment', 'completionsThrough', 'conflictLegs', 'coursesByCode', 'staffFacts', 'vehicles']);
  });

  test("the credentials read for a save: transport's courses by code, live records of the booking's staff through the trip's last date", async () => {
    const s = await setup();
    const courses = await s.core.q.transport.coursesByCode(['cpr_bls', 'driver_safety', 'cpr_bls']);
    expect(courses.map((c) => [c.code, c.name, c.validity, c.active]).sort()).toEqual([
      ['cpr_bls', 'CPR / BLS', { kind: 'months', months: 24 }, true],
      ['driver_safety', 'Driver safety', { kind: 'months', months: 12 }, true],
    ]);
    const cpr = courses.find((c) => c.code === 'cpr_bls')!.id;
    const safety = courses.find((c) => c.code === 'driver_safety')!.id;
    const done = (r: { staffId: number; courseId: number; completedOn: string }[]) => r.map((x) => `${x.staffId}:${x.courseId}:${x.completedOn}`).sort();
    expect(done(await s.core.q.transport.completionsThrough([s.dan.id, s.eve.id], [cpr, safety], '2026-03-05'))).toEqual(
      [`${s.dan.id}:${cpr}:2024-03-05`, `${s.dan.id}:${safety}:2025-06-01`, `${s.eve.id}:${cpr}:2025-06-01`].sort(),
    );
    // Through an earlier date, and a voided record no longer counts.
    expect(done(await s.core.q.transport.completionsThrough([s.dan.id, s.eve.id], [cpr, safety], '2025-01-01'))).toEqual([`${s.dan.id}:${cpr}:2024-03-05`]);
    const eves = await sqlRows<{ id: number }>(s.core, 'SELECT id FROM training_records WHERE staff_id = ?', [s.eve.id]);
    await s.must('training.voidRecord', { id: Number(eves[0]!.id), reason: 'Entered for the wrong person' });
    expect(done(await s.core.q.transport.completionsThrough([s.eve.id], [cpr, safety], '2026-03-05'))).toEqual([]);
    // Lists longer than the statement's slots are read in slices, each person once.
    const more = [];
    for (let i = 0; i < 5; i++) more.push((await s.must('training.createStaff', { name: `Extra ${i}`, role: 'cna', employeeId: `E-2${i}`, hireDate: '2021-01-04', unitId: null })).id);
    const everyone = [s.dan.id, s.eve.id, ...more, s.dan.id];
    expect((await s.core.q.transport.staffFacts(everyone)).map((f) => f.id).sort((a, b) => a - b)).toEqual([s.dan.id, s.eve.id, ...more].sort((a, b) => a - b));
    expect((await s.core.q.transport.staffFacts([s.eve.id]))[0]).toEqual({ id: s.eve.id, name: 'Eve Escort', hireDate: '2020-01-06', active: true });
    expect(await s.core.q.transport.staffFacts([])).toEqual([]);
  });
});

describe('linked changes and statuses', () => {
  test('an appointment moved after booking flags the booking to re-confirm; saving it with the new pickup clears the flag', async () => {
    const s = await setup();
    const b = await s.must('transport.book', ride(s, s.anaAppt));
    const leg = b.legs[0]!;
    const confirmed = await s.must('transport.setLegStatus', { legId: leg.id, status: 'confirmed', confirmationNumber: 'C-1', reason: null });
    expect(confirmed.booking.legs[0]!.status).toBe('confirmed');
    await changeAppointment(s.core, s.anaAppt, { startAt: '2026-03-03T17:00:00.000Z', endAt: '2026-03-03T18:00:00.000Z' });
    const moved = await s.must('transport.booking', { bookingId: b.id });
    expect(moved.flags).toEqual(['appointment_moved_reconfirm']);
    const board = await s.must('transport.board', { date: '2026-03-03' });
    expect(board.groups.flatMap((g) => g.rows).find((r) => r.legId === leg.id)!.flags).toEqual(['appointment_moved_reconfirm']);
    const { appointmentId: _, ...rest } = ride(s, s.anaAppt);
    const stale = await s.call('transport.updateBooking', { ...rest, bookingId: b.id, expectedVersion: 1 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const saved = await s.must('transport.updateBooking', {
      ...rest,
      outbound: { ...rest.outbound, pickupAt: '2026-03-03T16:15:00.000Z' },
      return: { kind: 'fixed', pickupAt: '2026-03-03T18:00:00.000Z', carrier: { kind: 'facility_vehicle', vehicleId: s.van.id, driverStaffId: s.dan.id } },
      bookingId: b.id,
      expectedVersion: moved.version,
    });
    expect(saved.flags).toEqual([]);
    // The carrier had the old time: the ride must be confirmed again.
    expect(saved.legs[0]).toMatchObject({ status: 'requested', confirmationNumber: null, pickupAt: '2026-03-03T16:15:00.000Z' });
  });

  test('linked change after a reschedule: old and new times shown, the new pickup proposed (not applied) until the coordinator saves it; a cancel offers the rides for cancellation', async () => {
    const s = await setup();
    const b = await s.must('transport.book', ride(s, s.anaAppt));
    await s.must('transport.setLegStatus', { legId: b.legs[0]!.id, status: 'confirmed', confirmationNumber: 'C-1', reason: null });
    expect(b.linked).toBeNull();
    // Through the appointments area's own method: 09:00 → 11:00 Chicago (15:00 → 17:00 UTC).
    const appt = await s.must('appointments.get', { id: s.anaAppt });
    const moved = await s.must('appointments.reschedule', { id: s.anaAppt, expectedVersion: appt.version, times: { startLocal: '2026-03-03T11:00', endLocal: '2026-03-03T12:00' } });
    const flagged = await s.must('transport.booking', { bookingId: b.id });
    expect(flagged.flags).toEqual(['appointment_moved_reconfirm']);
    expect(flagged.linked).toEqual({
      kind: 'moved',
      was: { startsAt: '2026-03-03T15:00:00.000Z', endsAt: '2026-03-03T16:00:00.000Z' },
      proposed: [
        { legId: b.legs[0]!.id, kind: 'outbound', wasPickupAt: '2026-03-03T14:15:00.000Z', pickupAt: '2026-03-03T16:15:00.000Z', dropoffAt: '2026-03-03T16:45:00.000Z' },
        { legId: b.legs[1]!.id, kind: 'return', wasPickupAt: '2026-03-03T16:00:00.000Z', pickupAt: '2026-03-03T18:00:00.000Z', dropoffAt: '2026-03-03T18:30:00.000Z' },
      ],
      cancellable: [],
    });
    // Proposed, not applied: the legs still hold the old times (and the confirmation) until accepted.
    expect(flagged.legs.map((l) => [l.pickupAt, l.status])).toEqual([
      ['2026-03-03T14:15:00.000Z', 'confirmed'],
      ['2026-03-03T16:00:00.000Z', 'requested'],
    ]);
    const { appointmentId: _, ...rest } = ride(s, s.anaAppt);
    const [out, back] = flagged.linked!.proposed;
    const accepted = await s.must('transport.updateBooking', {
      ...rest,
      outbound: { ...rest.outbound, pickupAt: out!.pickupAt! },
      return: { ...rest.return, kind: 'fixed', pickupAt: back!.pickupAt! } as typeof rest.return,
      bookingId: b.id,
      expectedVersion: flagged.version,
    });
    expect(accepted).toMatchObject({ flags: [], linked: null });
    expect(accepted.legs[0]).toMatchObject({ status: 'requested', confirmationNumber: null, pickupAt: '2026-03-03T16:15:00.000Z' });

    await s.must('appointments.setStatus', { id: s.anaAppt, expectedVersion: moved.version, change: { status: 'cancelled', reason: 'Clinic closed' } });
    const cancelled = await s.must('transport.booking', { bookingId: b.id });
    expect(cancelled.flags).toEqual(['appointment_cancelled']);
    expect(cancelled.linked).toMatchObject({ kind: 'called_off', proposed: [], cancellable: [b.legs[0]!.id, b.legs[1]!.id] });
    for (const legId of cancelled.linked!.cancellable) await s.must('transport.setLegStatus', { legId, status: 'cancelled', confirmationNumber: null, reason: 'Appointment cancelled' });
    expect(await s.must('transport.booking', { bookingId: b.id })).toMatchObject({ flags: [], linked: null });
  });

  test('a cancellation needs a reason; a finished ride keeps its status', async () => {
    const s = await setup();
    const b = await s.must('transport.book', ride(s, s.anaAppt));
    expect(fieldsOf(await s.call('transport.setLegStatus', { legId: b.legs[1]!.id, status: 'cancelled', confirmationNumber: null, reason: null }))).toEqual(['reason:cancel_reason_required']);
    await s.must('transport.setLegStatus', { legId: b.legs[1]!.id, status: 'cancelled', confirmationNumber: null, reason: 'Family takes her home' });
    expect(fieldsOf(await s.call('transport.setLegStatus', { legId: b.legs[1]!.id, status: 'confirmed', confirmationNumber: null, reason: null }))).toEqual(['status:leg_final_status']);
  });
});

describe("the driver's day, the board and the manifest", () => {
  test('a driver sees only their own trips with the minimum fields, marks the pickup, and the board shows the resident out', async () => {
    const s = await setup();
    await s.must('transport.book', ride(s, s.anaAppt));
    await s.must('transport.book', ride(s, s.benAppt, { outbound: { pickupAt: '2026-03-03T14:00:00.000Z', carrier: { kind: 'facility_vehicle', vehicleId: s.sedan.id, driverStaffId: null } }, return: { kind: 'will_call', carrier: { kind: 'family', name: 'Rosa', phone: '555' } } }));
    s.clock.set('2026-03-03T14:20:00Z');
    await s.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const driver = caller(s.core);
    await driver.must('auth.signIn', { username: 'dan', password: STRONG_PASSWORD });
    await driver.must('auth.changePassword', { currentPassword: STRONG_PASSWORD, newPassword: DRIVER_PASSWORD });
    const day = await driver.must('transport.driverDay', { date: '2026-03-03' });
    expect(day.driverName).toBe('Dan Driver');
    expect(day.trips.map((t) => [t.row.residentName, t.row.kind, t.row.room, t.actions])).toEqual([
      ['Ana Ruiz', 'outbound', '101', ['picked_up', 'no_show']],
      ['Ana Ruiz', 'return', '101', ['picked_up', 'no_show']],
    ]);
    expect(Object.keys(day.trips[0]!.row).sort()).toEqual(
      ['destinationAddress', 'destinationName', 'destinationPhone', 'escort', 'expectedCallAt', 'flags', 'kind', 'legId', 'modes', 'notes', 'pickupAt', 'residentName', 'room', 'status'].sort(),
    );
    // The board and the booking screens are not the driver's.
    expect(await driver.call('transport.book', ride(s, s.anaAppt))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const marked = await driver.must('transport.driverMark', { legId: day.trips[0]!.row.legId, action: 'picked_up' });
    expect(marked).toMatchObject({ row: { status: 'en_route' }, actions: ['dropped_off'] });
    // Someone else's leg is not there for this driver.
    const benLeg = (await s.must('transport.board', { date: '2026-03-03' })).groups.flatMap((g) => g.rows).find((r) => r.residentName === 'Ben Stone')!;
    expect(await driver.call('transport.driverMark', { legId: benLeg.legId, action: 'picked_up' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const board = await s.must('transport.board', { date: '2026-03-03' });
    expect(board.out.map((o) => [o.residentName, o.returnState, o.overdue])).toEqual([['Ana Ruiz', 'planned', false]]);
    // Ben's pickup at 14:00 was not marked: the board says so.
    expect(board.unmarked.map((u) => [u.residentName, u.minutesLate])).toEqual([['Ben Stone', 20]]);
    // Hours later, Ana not marked back: overdue.
    s.clock.set('2026-03-03T17:00:00Z');
    await s.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const late = await s.must('transport.board', { date: '2026-03-03' });
    expect(late.out.map((o) => [o.residentName, o.overdue, o.minutesOverdue])).toEqual([['Ana Ruiz', true, 30]]);
  });

  test("the manifest lists one vehicle's day in time order, cancelled rides left off", async () => {
    const s = await setup();
    const early = await s.appt(s.cas.id, '2026-03-03T13:00:00.000Z', '2026-03-03T13:30:00.000Z');
    const wheel = { need: { base: 'ambulatory' as const, bariatric: false, oxygen: false }, overrideReason: null };
    await s.must('transport.book', ride(s, s.anaAppt));
    await s.must('transport.book', ride(s, early, { mode: wheel, outbound: { pickupAt: '2026-03-03T12:15:00.000Z', carrier: { kind: 'facility_vehicle', vehicleId: s.van.id, driverStaffId: s.dan.id } }, return: { kind: 'fixed', pickupAt: '2026-03-03T13:30:00.000Z', carrier: { kind: 'facility_vehicle', vehicleId: s.van.id, driverStaffId: s.dan.id } } }));
    const m = await s.must('transport.manifest', { vehicleId: s.van.id, date: '2026-03-03' });
    expect(m.rows.map((r) => [r.residentName, r.kind, r.pickupAt])).toEqual([
      ['Cas Lee', 'outbound', '2026-03-03T12:15:00.000Z'],
      ['Cas Lee', 'return', '2026-03-03T13:30:00.000Z'],
      ['Ana Ruiz', 'outbound', '2026-03-03T14:15:00.000Z'],
      ['Ana Ruiz', 'return', '2026-03-03T16:00:00.000Z'],
    ]);
    expect(m.rows[0]).toMatchObject({ destinationName: 'Riverside Renal — Dialysis unit', destinationAddress: '12 River Rd', destinationPhone: '555-0100', modes: ['ambulatory'] });
  });
});

describe('the handoff sheet takes its trips from transport', () => {
  test("an appointment's pickup, return and staff escort are on the sheet, and the escort is off the floor", async () => {
    const s = await setup();
    await s.must('transport.book', ride(s, s.anaAppt, { escort: { kind: 'staff', staffId: s.eve.id } }));
    const shifts = (await s.must('facility.get', {})).shifts;
    const day = shifts.find((x) => x.name === 'Day')!;
    s.clock.set('2026-03-03T14:20:00Z');
    await s.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const sheet = await s.must('handoff.sheet', { unitId: s.mc, residentIds: null, date: '2026-03-03', shiftId: day.id });
    const row = sheet.rows.find((r) => r.residentId === s.ana.id)!;
    expect(row.appointments.map((a) => [a.pickupAt, a.returnAt, a.escort?.name])).toEqual([['2026-03-03T14:15:00.000Z', '2026-03-03T16:30:00.000Z', 'Eve Escort']]);
    expect(sheet.staffOffFloor.map((x) => x.name)).toEqual(['Eve Escort']);
  });
});
