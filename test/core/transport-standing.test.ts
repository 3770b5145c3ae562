import { describe, expect, test } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { STRONG_PASSWORD, adminCore } from '../support/core';
import { sqlRows } from '../support/db';
import { addRooms, admission } from '../support/residents';

// Issue 11, standing rides, on both engines (the `pg` project runs this same file on PostgreSQL).
// America/Chicago; now is Mon 2026-03-02 08:00 there. Dialysis Mon/Wed/Fri 06:30–10:30 from Wed Mar 4
// to Fri Mar 20: 8 occurrences, across the DST change of Sunday Mar 8 (06:30 is 12:30Z before, 11:30Z after).
const NOW = '2026-03-02T14:00:00Z';

async function setup() {
  const a = await adminCore({ now: NOW });
  const place = await addRooms(a);
  const mc = place.units['Memory Care']!;
  const ana = await a.must('residents.admit', admission({ unitId: mc, bedId: place.beds['101A']!, recordNumber: 'R-1', legalGiven: 'Ana', legalFamily: 'Ruiz', aid: 'wheelchair', transfer: 'standby', bariatric: false }));
  const courses = (await a.must('training.listCourses', { includeInactive: true })).rows;
  const cpr = courses.find((c) => c.code === 'cpr_bls')!;
  const safety = courses.find((c) => c.code === 'driver_safety')!;
  const fay = await a.must('training.createStaff', { name: 'Fay Driver', role: 'driver', employeeId: 'E-20', hireDate: '2020-01-06', unitId: null });
  const dan = await a.must('training.createStaff', { name: 'Dan Driver', role: 'driver', employeeId: 'E-21', hireDate: '2020-01-06', unitId: null });
  for (const s of [fay, dan]) await a.must('training.createRecord', { staffId: s.id, courseId: safety.id, completedOn: '2025-06-01', hours: null, provider: null, certificateNumber: null });
  await a.must('training.createRecord', { staffId: fay.id, courseId: cpr.id, completedOn: '2025-06-01', hours: null, provider: null, certificateNumber: null });
  // Dan's CPR card is valid through Wed Mar 4: every ride after that is a conflict.
  await a.must('training.createRecord', { staffId: dan.id, courseId: cpr.id, completedOn: '2024-03-05', hours: null, provider: null, certificateNumber: null });
  const van = await a.must('transport.saveVehicle', { name: 'Van 1', seats: 4, wheelchairPositions: 1, stretcherPositions: 0, bariatric: false, oxygen: false });
  const renal = await a.must('appointments.createProvider', { name: 'Riverside Renal', specialty: null, locationName: 'Dialysis unit', address: '12 River Rd', phone: '555-0100' });
  await a.must('transport.saveDestination', { providerId: renal.id, travelMinutes: 30, checkInMinutes: 15 });
  const series = await a.must('appointments.createSeries', {
    residentId: ana.id,
    type: 'dialysis',
    setting: 'external',
    providerId: renal.id,
    startLocal: '2026-03-04T06:30',
    endLocal: '2026-03-04T10:30',
    recurrence: { freq: 'weekly', byDay: ['MO', 'WE', 'FR'], end: { kind: 'until', date: '2026-03-20' } },
  });
  return { ...a, ana, fay, dan, van, renal, series };
}
type Setup = Awaited<ReturnType<typeof setup>>;

/** The ride the coordinator books for the first occurrence: pickup 45 minutes before, back when it ends. */
function ride(s: Setup, appointmentId: number, driverStaffId: number, over: Partial<InputOf<'transport.book'>> = {}): InputOf<'transport.book'> {
  const carrier = { kind: 'facility_vehicle' as const, vehicleId: s.van.id, driverStaffId };
  return {
    appointmentId,
    mode: null,
    escort: null,
    travelMinutes: 30,
    checkInMinutes: 15,
    outbound: { pickupAt: '2026-03-04T11:45:00.000Z', carrier },
    return: { kind: 'fixed', pickupAt: '2026-03-04T16:30:00.000Z', carrier },
    notes: 'Bring the dialysis bag',
    standing: true,
    ...over,
  };
}

const fieldsOf = (r: { ok: boolean; error?: { fields?: { path: string; code: string }[] } }) => (r.ok ? [] : (r.error?.fields ?? []).map((f) => `${f.path}:${f.code}`));

/** The outbound pickups of every ride made from a standing booking, by the occurrence they belong to. */
async function standingPickups(s: Setup): Promise<[string, string, string][]> {
  const rows = await sqlRows<{ k: string; p: string; st: string }>(
    s.core,
    "SELECT b.occurrence_key AS k, l.pickup_at AS p, l.status AS st FROM transport_bookings b JOIN transport_legs l ON l.booking_id = b.id AND l.kind = 'outbound' WHERE b.standing_booking_id IS NOT NULL ORDER BY b.occurrence_key",
  );
  return rows.map((r) => [r.k, r.p, r.st]);
}

async function firstOccurrence(s: Setup) {
  const list = await s.must('transport.appointments', { from: '2026-03-04', days: 7 });
  // Not opened yet: listed without an id, as an occurrence of the series.
  expect(list.rows.map((r) => [r.id, r.occurrence?.originalLocal, r.standing])).toEqual([
    [null, '2026-03-04T06:30', false],
    [null, '2026-03-06T06:30', false],
    [null, '2026-03-09T06:30', false],
  ]);
  const { appointmentId } = await s.must('transport.openOccurrence', { seriesId: s.series.id, originalLocal: '2026-03-04T06:30' });
  return appointmentId;
}

async function occurrenceRow(s: Setup, startLocal: string) {
  const rows = await s.must('appointments.list', { from: '2026-03-01', to: '2026-03-31', residentId: s.ana.id });
  return rows.rows.find((r) => r.startLocal === startLocal)!;
}

describe('standing rides', () => {
  test('one booking makes a ride for every occurrence from it on, at the same lead time across DST, and the lists show them', async () => {
    const s = await setup();
    const first = await firstOccurrence(s);
    expect((await s.must('transport.prepare', { appointmentId: first })).series).toEqual({ id: s.series.id, standingId: null });
    const b = await s.must('transport.book', ride(s, first, s.fay.id));
    expect(b.standing).toEqual({ id: expect.any(Number), rides: 8, active: true });
    expect(b.legs.map((l) => l.pickupAt)).toEqual(['2026-03-04T11:45:00.000Z', '2026-03-04T16:30:00.000Z']);
    // 05:45 local every time: 11:45Z in CST, 10:45Z once daylight time starts.
    expect(await standingPickups(s)).toEqual([
      ['2026-03-04T06:30', '2026-03-04T11:45:00.000Z', 'requested'],
      ['2026-03-06T06:30', '2026-03-06T11:45:00.000Z', 'requested'],
      ['2026-03-09T06:30', '2026-03-09T10:45:00.000Z', 'requested'],
      ['2026-03-11T06:30', '2026-03-11T10:45:00.000Z', 'requested'],
      ['2026-03-13T06:30', '2026-03-13T10:45:00.000Z', 'requested'],
      ['2026-03-16T06:30', '2026-03-16T10:45:00.000Z', 'requested'],
      ['2026-03-18T06:30', '2026-03-18T10:45:00.000Z', 'requested'],
      ['2026-03-20T06:30', '2026-03-20T10:45:00.000Z', 'requested'],
    ]);
    const list = await s.must('transport.appointments', { from: '2026-03-04', days: 7 });
    expect(list.rows.every((r) => r.id !== null && r.bookingId !== null && r.standing)).toBe(true);
    // The driver's board on a day after the change has the ride like any other.
    const board = await s.must('transport.board', { date: '2026-03-09' });
    expect(JSON.stringify(board)).toContain('2026-03-09T10:45:00.000Z');
    // A second standing ride for the same series, or one for a one-off appointment, is refused.
    const second = (await s.must('appointments.list', { from: '2026-03-06', to: '2026-03-06', residentId: s.ana.id })).rows[0]!;
    expect(fieldsOf(await s.call('transport.book', ride(s, second.id!, s.fay.id)))).toEqual(['standing:standing_exists']);
    const oneOff = await s.must('appointments.create', { residentId: s.ana.id, type: 'physician', setting: 'external', providerId: s.renal.id, startLocal: '2026-03-05T13:00', endLocal: '2026-03-05T14:00' });
    expect(fieldsOf(await s.call('transport.book', ride(s, oneOff.id, s.fay.id)))).toEqual(['standing:not_a_series_occurrence']);
  });

  test('a series exception: the moved occurrence flags its ride to re-confirm with the new times, a cancelled one offers its rides for cancellation', async () => {
    const s = await setup();
    await s.must('transport.book', ride(s, await firstOccurrence(s), s.fay.id));
    const wed = await occurrenceRow(s, '2026-03-11T06:30');
    await s.must('appointments.reschedule', { id: wed.id!, expectedVersion: wed.version!, times: { startLocal: '2026-03-11T08:00', endLocal: '2026-03-11T12:00' } });
    const bookingOf = async (appointmentId: number) => (await s.must('transport.prepare', { appointmentId })).booking!;
    const moved = await bookingOf(wed.id!);
    expect(moved.flags).toEqual(['appointment_moved_reconfirm']);
    // 07:15 local (CDT) = 12:15Z, and back at 12:00 local = 17:00Z: the same lead time, offered not applied.
    expect(moved.linked!.proposed.map((p) => [p.kind, p.pickupAt])).toEqual([
      ['outbound', '2026-03-11T12:15:00.000Z'],
      ['return', '2026-03-11T17:00:00.000Z'],
    ]);
    const fri = await occurrenceRow(s, '2026-03-13T06:30');
    await s.must('appointments.setStatus', { id: fri.id!, expectedVersion: fri.version!, change: { status: 'cancelled', reason: 'Unit closed' } });
    const called = await bookingOf(fri.id!);
    expect(called.flags).toEqual(['appointment_cancelled']);
    expect(called.linked).toMatchObject({ kind: 'called_off', cancellable: called.legs.map((l) => l.id) });
    // The other occurrences' rides are untouched.
    expect((await bookingOf((await occurrenceRow(s, '2026-03-16T06:30')).id!)).flags).toEqual([]);
  });

  test('series edits are followed: new occurrences get rides, "this and following" carries the standing ride over, cancelling the series ends it', async () => {
    const s = await setup();
    const b = await s.must('transport.book', ride(s, await firstOccurrence(s), s.fay.id));
    // Tuesdays added: Mar 10 and 17 get rides (Mar 3 is before the first occurrence the standing ride covers).
    const v1 = await s.must('appointments.getSeries', { id: s.series.id });
    await s.must('appointments.editSeries', { id: s.series.id, expectedVersion: v1.version, edit: { scope: 'all', recurrence: { freq: 'weekly', byDay: ['MO', 'TU', 'WE', 'FR'], end: { kind: 'until', date: '2026-03-20' } } } });
    expect((await s.must('transport.booking', { bookingId: b.id })).standing!.rides).toBe(10);
    expect((await standingPickups(s)).map(([k]) => k)).toContain('2026-03-17T06:30');

    // From Mon Mar 16 on, at 07:00: a new series, whose opened occurrences (and rides) move with it.
    const v2 = await s.must('appointments.getSeries', { id: s.series.id });
    const split = await s.must('appointments.editSeries', { id: s.series.id, expectedVersion: v2.version, edit: { scope: 'following', fromLocal: '2026-03-16T06:30', startTime: '07:00' } });
    expect(split.id).not.toBe(s.series.id);
    const standing = await sqlRows<{ series_id: number; active: boolean | number }>(s.core, 'SELECT series_id, active FROM transport_standing_bookings ORDER BY id');
    expect(standing.map((r) => [Number(r.series_id), Boolean(r.active)])).toEqual([
      [s.series.id, true],
      [split.id, true],
    ]);
    const mon = await occurrenceRow(s, '2026-03-16T07:00');
    expect((await s.must('transport.prepare', { appointmentId: mon.id! })).booking!.flags).toEqual(['appointment_moved_reconfirm']);

    // The new part cancelled: its standing ride ends and its rides are flagged for the coordinator.
    const v3 = await s.must('appointments.getSeries', { id: split.id });
    await s.must('appointments.cancelSeries', { id: split.id, expectedVersion: v3.version, fromLocal: null, reason: 'Moved to home dialysis' });
    const after = await sqlRows<{ series_id: number; active: boolean | number }>(s.core, 'SELECT series_id, active FROM transport_standing_bookings ORDER BY id');
    expect(after.map((r) => [Number(r.series_id), Boolean(r.active)])).toEqual([
      [s.series.id, true],
      [split.id, false],
    ]);
    // (Still moved too: the carrier has the old time until someone calls it off.)
    expect((await s.must('transport.prepare', { appointmentId: mon.id! })).booking!.flags).toEqual(['appointment_moved_reconfirm', 'appointment_cancelled']);
  });

  test('a series edit followed later: dates it adds in the past are neither opened nor given rides; those ahead are', async () => {
    const s = await setup();
    await s.must('transport.book', ride(s, await firstOccurrence(s), s.fay.id));
    // A week on (Thu Mar 12), Tuesdays are added to the whole series: Mar 10 is past, Mar 17 ahead.
    s.clock.set('2026-03-12T14:00:00Z');
    await s.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
    const v = await s.must('appointments.getSeries', { id: s.series.id });
    await s.must('appointments.editSeries', { id: s.series.id, expectedVersion: v.version, edit: { scope: 'all', recurrence: { freq: 'weekly', byDay: ['MO', 'TU', 'WE', 'FR'], end: { kind: 'until', date: '2026-03-20' } } } });
    const keys = (await standingPickups(s)).map(([k]) => k);
    expect(keys).toContain('2026-03-17T06:30');
    expect(keys).not.toContain('2026-03-10T06:30');
    // Mar 10 stays an occurrence of the series as it was (not a stored row someone opened).
    expect((await occurrenceRow(s, '2026-03-10T06:30')).id).toBeNull();
  });

  test('the coordinator ends a standing ride from a date: that ride and the later ones are cancelled with the reason, earlier ones and rides under way stay, and series edits add no more', async () => {
    const s = await setup();
    const first = await s.must('transport.book', ride(s, await firstOccurrence(s), s.fay.id));
    // The ride of Fri Mar 6 is already under way when the coordinator acts (the driver picked Ana up).
    const fri = await s.must('transport.prepare', { appointmentId: (await occurrenceRow(s, '2026-03-06T06:30')).id! });
    await s.must('transport.setLegStatus', { legId: fri.booking!.legs[0]!.id, status: 'en_route', confirmationNumber: null, reason: null });
    const wed = await s.must('transport.prepare', { appointmentId: (await occurrenceRow(s, '2026-03-11T06:30')).id! });

    // No reason: refused by name, nothing changed.
    expect(fieldsOf(await s.call('transport.endStanding', { bookingId: wed.booking!.id, reason: '  ' }))).toEqual(['reason:required']);
    const ended = await s.must('transport.endStanding', { bookingId: wed.booking!.id, reason: 'Family drives her from now on' });
    expect(ended.ridesCancelled).toBe(5);
    expect(ended.booking.standing).toMatchObject({ active: false });
    expect((await standingPickups(s)).map(([k, , st]) => [k, st])).toEqual([
      ['2026-03-04T06:30', 'requested'],
      ['2026-03-06T06:30', 'en_route'],
      ['2026-03-09T06:30', 'requested'],
      ['2026-03-11T06:30', 'cancelled'],
      ['2026-03-13T06:30', 'cancelled'],
      ['2026-03-16T06:30', 'cancelled'],
      ['2026-03-18T06:30', 'cancelled'],
      ['2026-03-20T06:30', 'cancelled'],
    ]);
    const reasons = await sqlRows<{ r: string | null }>(s.core, "SELECT DISTINCT cancel_reason AS r FROM transport_legs WHERE status = 'cancelled'");
    expect(reasons).toEqual([{ r: 'Family drives her from now on' }]);
    const audit = await sqlRows<{ after_json: string }>(s.core, "SELECT after_json FROM audit_log WHERE method = 'transport.endStanding'");
    expect(JSON.parse(audit[0]!.after_json)).toMatchObject({ ended: 'by_coordinator', fromOccurrence: '2026-03-11T06:30', ridesCancelled: 5 });

    // Ended: a second time is refused; Tuesdays added to the series get no rides; a one-off is not a standing ride.
    expect(fieldsOf(await s.call('transport.endStanding', { bookingId: first.id, reason: 'again' }))).toEqual(['bookingId:standing_ended']);
    const v = await s.must('appointments.getSeries', { id: s.series.id });
    await s.must('appointments.editSeries', { id: s.series.id, expectedVersion: v.version, edit: { scope: 'all', recurrence: { freq: 'weekly', byDay: ['MO', 'TU', 'WE', 'FR'], end: { kind: 'until', date: '2026-03-20' } } } });
    expect((await standingPickups(s)).map(([k]) => k)).not.toContain('2026-03-17T06:30');
    const oneOff = await s.must('appointments.create', { residentId: s.ana.id, type: 'physician', setting: 'external', providerId: s.renal.id, startLocal: '2026-03-05T13:00', endLocal: '2026-03-05T14:00' });
    const single = await s.must('transport.book', ride(s, oneOff.id, s.fay.id, { standing: false, outbound: { pickupAt: '2026-03-05T18:15:00.000Z', carrier: { kind: 'facility_vehicle' as const, vehicleId: s.van.id, driverStaffId: s.fay.id } }, return: { kind: 'fixed', pickupAt: '2026-03-05T20:00:00.000Z', carrier: { kind: 'facility_vehicle' as const, vehicleId: s.van.id, driverStaffId: s.fay.id } } }));
    expect(fieldsOf(await s.call('transport.endStanding', { bookingId: single.id, reason: 'no' }))).toEqual(['bookingId:not_standing']);
  });

  test('cancelled from a date: the rides from that date are flagged, the earlier ones and the standing ride stay', async () => {
    const s = await setup();
    await s.must('transport.book', ride(s, await firstOccurrence(s), s.fay.id));
    const v = await s.must('appointments.getSeries', { id: s.series.id });
    await s.must('appointments.cancelSeries', { id: s.series.id, expectedVersion: v.version, fromLocal: '2026-03-13T06:30', reason: 'Moved to home dialysis' });
    const flags = async (startLocal: string) => (await s.must('transport.prepare', { appointmentId: (await occurrenceRow(s, startLocal)).id! })).booking!.flags;
    expect(await flags('2026-03-11T06:30')).toEqual([]);
    expect(await flags('2026-03-13T06:30')).toEqual(['appointment_cancelled']);
    expect(await flags('2026-03-20T06:30')).toEqual(['appointment_cancelled']);
    const standing = await sqlRows<{ series_id: number; active: boolean | number }>(s.core, 'SELECT series_id, active FROM transport_standing_bookings ORDER BY id');
    expect(standing.map((r) => [Number(r.series_id), Boolean(r.active)])).toEqual([[s.series.id, true]]);
  });

  test("conflicts come once per kind with the first date and how many rides; nothing is written until one reason accepts them all", async () => {
    const s = await setup();
    const first = await firstOccurrence(s);
    const count = async () => (await sqlRows<{ n: number | string }>(s.core, 'SELECT (SELECT count(*) FROM transport_bookings) + (SELECT count(*) FROM transport_standing_bookings) AS n'))[0]!.n;
    const refused = await s.call('transport.book', ride(s, first, s.dan.id));
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('conflict');
    expect(refused.error.fields!.map((f) => [f.code, f.params?.key, f.params?.firstDate, f.params?.occurrences])).toEqual([
      ['driver_credential_expired', 'standing:driver_credential_expired:outbound', '2026-03-06', 7],
      ['driver_credential_expired', 'standing:driver_credential_expired:return', '2026-03-06', 7],
    ]);
    expect(Number(await count())).toBe(0);
    // Only the occurrence the coordinator opened is an appointment row: the others were rolled back.
    expect((await s.must('appointments.list', { from: '2026-03-01', to: '2026-03-31', residentId: s.ana.id })).rows.filter((r) => r.id !== null).length).toBe(1);

    const reason = 'Renewal class booked for Mar 5';
    const saved = await s.must('transport.book', ride(s, first, s.dan.id, { overrides: [{ key: 'standing:driver_credential_expired:outbound', reason }, { key: 'standing:driver_credential_expired:return', reason }] }));
    expect(saved.standing!.rides).toBe(8);
    const overrides = await sqlRows<{ n: number | string }>(s.core, "SELECT count(*) AS n FROM transport_conflict_overrides WHERE code = 'driver_credential_expired'");
    expect(Number(overrides[0]!.n)).toBe(14);
  });
});
