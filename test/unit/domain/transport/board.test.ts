import { describe, expect, it } from 'vitest';
import { overdueReturns, residentsOut, staffEscortsAway, unmarkedPickups } from '../../../../shared/domain/transport/board';
import type { BoardBooking, BoardLeg } from '../../../../shared/domain/transport/board';
import { driverTrips, manifestRow, tripBoard, vehicleManifest, DRIVER_VIEW_FIELDS } from '../../../../shared/domain/transport/manifest';
import type { ManifestSource } from '../../../../shared/domain/transport/manifest';
import { TZ, appointment, at, chair, leg } from './fixtures';

const appt = appointment('2026-12-02T10:00', '2026-12-02T11:00');

function booking(id: number, out: Partial<BoardLeg>, back: Partial<BoardLeg> | null): BoardBooking {
  const base = { pickedUpAt: null, droppedOffAt: null };
  const legs: BoardLeg[] = [{ id: id * 10, kind: 'outbound', status: 'confirmed', pickupAt: at('2026-12-02T09:20'), dropoffAt: at('2026-12-02T09:45'), ...base, ...out }];
  if (back !== null) legs.push({ id: id * 10 + 1, kind: 'return', status: 'confirmed', pickupAt: at('2026-12-02T11:05'), dropoffAt: at('2026-12-02T11:30'), ...base, ...back });
  return { bookingId: id, residentId: 100 + id, appointment: appt, legs };
}

describe('residents out of the building', () => {
  const pickedUp = { status: 'completed' as const, pickedUpAt: at('2026-12-02T09:22') };

  it('out from the marked pickup until the return drop-off is marked', () => {
    const notYet = booking(1, {}, {});
    const out = booking(2, pickedUp, {});
    const back = booking(3, pickedUp, { status: 'completed', droppedOffAt: at('2026-12-02T11:28') });
    const onTheWay = booking(4, { status: 'en_route', pickedUpAt: at('2026-12-02T09:21') }, {});
    expect(residentsOut([notYet, out, back, onTheWay], at('2026-12-02T10:00')).map((r) => [r.bookingId, r.outSince, r.returnState, r.overdue])).toEqual([
      [2, at('2026-12-02T09:22'), 'planned', false],
      [4, at('2026-12-02T09:21'), 'planned', false],
    ]);
  });

  it('a cancelled return or a no-show at the clinic keeps the resident listed, with the problem named', () => {
    const rows = residentsOut([booking(1, pickedUp, { status: 'cancelled' }), booking(2, pickedUp, { status: 'no_show' }), booking(3, pickedUp, null)], at('2026-12-02T10:00'));
    expect(rows.map((r) => [r.bookingId, r.returnState, r.estimated, r.expectedBackAt])).toEqual([
      [1, 'cancelled', true, at('2026-12-02T11:25')],
      [2, 'no_show', true, at('2026-12-02T11:25')],
      [3, 'none', true, at('2026-12-02T11:25')],
    ]);
  });
});

describe('overdue returns', () => {
  const out = { status: 'completed' as const, pickedUpAt: at('2026-12-02T09:22') };

  it('past the expected return and not marked back; on the minute is not yet overdue', () => {
    const b = booking(1, out, {});
    expect(overdueReturns([b], at('2026-12-02T11:30'))).toEqual([]);
    expect(overdueReturns([b], at('2026-12-02T11:31')).map((r) => r.minutesOverdue)).toEqual([1]);
    expect(overdueReturns([b], at('2026-12-02T11:40'), 15)).toEqual([]);
    expect(overdueReturns([b], at('2026-12-02T11:46'), 15).map((r) => r.minutesOverdue)).toEqual([16]);
  });

  it('a will-call return is overdue after the appointment end plus the drive back', () => {
    const b = booking(1, out, { pickupAt: null, dropoffAt: null });
    expect(overdueReturns([b], at('2026-12-02T11:25'))).toEqual([]);
    expect(overdueReturns([b], at('2026-12-02T12:00'))).toMatchObject([{ bookingId: 1, returnState: 'will_call', estimated: true, minutesOverdue: 35 }]);
  });

  it('the most overdue comes first', () => {
    const early = booking(1, out, { dropoffAt: at('2026-12-02T11:00') });
    const late = booking(2, out, {});
    expect(overdueReturns([late, early], at('2026-12-02T12:00')).map((r) => r.bookingId)).toEqual([1, 2]);
  });
});

describe('pickups nobody marked', () => {
  it('lists planned pickups past their time without a mark', () => {
    const rows = unmarkedPickups([booking(1, {}, {}), booking(2, { status: 'en_route' }, {})], at('2026-12-02T09:40'), 10);
    expect(rows).toEqual([{ bookingId: 1, residentId: 101, legId: 10, kind: 'outbound', pickupAt: at('2026-12-02T09:20'), minutesLate: 20 }]);
  });
});

describe("driver's manifest and view", () => {
  const source = (p: Partial<ManifestSource> & { legId: number }): ManifestSource => ({
    kind: 'outbound',
    status: 'confirmed',
    vehicleId: 2,
    driverStaffId: 7,
    pickupAt: at('2026-12-02T09:20'),
    dropoffAt: at('2026-12-02T09:45'),
    appointmentEndsAt: at('2026-12-02T11:00'),
    resident: { givenName: 'Rosalinda', familyName: 'Díaz', preferredName: 'Rosa', room: '12B' },
    need: chair,
    destination: { name: 'Lakeside Dialysis', address: '400 Lake St', phone: '555-0100' },
    escort: null,
    notes: null,
    flags: [],
    ...p,
  });

  it('per vehicle and day, in time order, pickups and returns; will-call sorts by its expected call; cancelled left out', () => {
    const sources = [
      source({ legId: 3, kind: 'return', pickupAt: null, dropoffAt: null }),
      source({ legId: 1, pickupAt: at('2026-12-02T13:00') }),
      source({ legId: 2 }),
      source({ legId: 4, status: 'cancelled', pickupAt: at('2026-12-02T08:00') }),
      source({ legId: 5, vehicleId: 3 }),
      source({ legId: 6, pickupAt: at('2026-12-03T09:00') }),
      // Overnight: picked up 23:30 on the 2nd, arrives after midnight; stays on the 2nd's manifest.
      source({ legId: 7, pickupAt: at('2026-12-02T23:30'), dropoffAt: at('2026-12-03T00:20') }),
    ];
    const rows = vehicleManifest(sources, 2, '2026-12-02', TZ);
    expect(rows.map((r) => [r.legId, r.kind, r.pickupAt ?? `call ~${r.expectedCallAt}`])).toEqual([
      [2, 'outbound', at('2026-12-02T09:20')],
      [3, 'return', `call ~${at('2026-12-02T11:00')}`],
      [1, 'outbound', at('2026-12-02T13:00')],
      [7, 'outbound', at('2026-12-02T23:30')],
    ]);
    expect(rows[0]).toEqual({
      legId: 2,
      kind: 'outbound',
      status: 'confirmed',
      pickupAt: at('2026-12-02T09:20'),
      expectedCallAt: null,
      residentName: 'Rosa Díaz',
      room: '12B',
      modes: ['wheelchair'],
      destinationName: 'Lakeside Dialysis',
      destinationAddress: '400 Lake St',
      destinationPhone: '555-0100',
      escort: null,
      notes: null,
      flags: [],
    });
  });

  it('a driver sees their own trips of the day, whatever the vehicle', () => {
    const rows = driverTrips([source({ legId: 1 }), source({ legId: 2, vehicleId: 3 }), source({ legId: 3, driverStaffId: 8 })], 7, '2026-12-02', TZ);
    expect(rows.map((r) => r.legId)).toEqual([1, 2]);
  });

  it('carries nothing of the record beyond what the trip needs', () => {
    const leaky = {
      ...source({ legId: 1, escort: { kind: 'staff', staffId: '9', name: 'Lee Park' } }),
      dateOfBirth: '1941-03-02',
      allergies: 'Penicillin',
      codeStatus: 'dnr',
      resident: { givenName: 'Rosalinda', familyName: 'Díaz', preferredName: null, room: '12B', diagnosis: 'CKD stage 5', recordNumber: 'MG0012' },
    };
    const row = manifestRow(leaky);
    expect(Object.keys(row).sort()).toEqual([...DRIVER_VIEW_FIELDS].sort());
    expect(JSON.stringify(row)).not.toMatch(/1941|Penicillin|dnr|CKD|MG0012/);
    expect(row.residentName).toBe('Rosalinda Díaz');
    expect(row.escort).toEqual({ kind: 'staff', name: 'Lee Park', phone: null });
  });
});

describe('staff escorts off the floor (for the handoff)', () => {
  it('from the outbound pickup until the expected return; family escorts are not staff', () => {
    const lee = { kind: 'staff', staffId: 'lee', name: 'Lee Park' } as const;
    const legs = [
      leg({ bookingId: 'b1', escort: lee, pickup: '2026-12-02T09:20', dropoff: '2026-12-02T09:45' }),
      leg({ bookingId: 'b1', kind: 'return', escort: lee, pickup: '2026-12-02T11:00', dropoff: '2026-12-02T11:25' }),
      leg({ bookingId: 'b2', escort: { kind: 'family', name: 'Ana', phone: null }, pickup: '2026-12-02T08:00', dropoff: '2026-12-02T08:30' }),
      leg({ bookingId: 'b3', escort: lee, status: 'cancelled', pickup: '2026-12-02T13:00', dropoff: '2026-12-02T13:30' }),
    ];
    expect(staffEscortsAway(legs)).toEqual([{ staffId: 'lee', name: 'Lee Park', bookingId: 'b1', from: at('2026-12-02T09:20'), until: at('2026-12-02T11:25') }]);
  });
});

describe('trip board by date and vehicle', () => {
  const source = (legId: number, vehicleId: number | null, pickup: string, status: ManifestSource['status'] = 'confirmed'): ManifestSource => ({
    legId,
    kind: 'outbound',
    status,
    vehicleId,
    driverStaffId: null,
    pickupAt: at(pickup),
    dropoffAt: at(pickup),
    appointmentEndsAt: at(pickup),
    resident: { givenName: 'Rosa', familyName: 'Díaz', preferredName: null, room: '12B' },
    need: chair,
    destination: { name: 'Clinic', address: '1 Main St', phone: null },
    escort: null,
    notes: null,
    flags: [],
  });

  it('groups today and tomorrow by vehicle, outside carriers last, each in time order; cancelled rides stay visible', () => {
    const groups = tripBoard(
      [source(1, 3, '2026-12-02T10:00'), source(2, 2, '2026-12-02T11:00'), source(3, null, '2026-12-02T08:00'), source(4, 2, '2026-12-02T07:00', 'cancelled'), source(5, 2, '2026-12-03T07:00'), source(6, 2, '2026-12-04T07:00')],
      ['2026-12-02', '2026-12-03'],
      TZ,
    );
    expect(groups.map((g) => [g.date, g.vehicleId, g.rows.map((r) => r.legId)])).toEqual([
      ['2026-12-02', 2, [4, 2]],
      ['2026-12-02', 3, [1]],
      ['2026-12-02', null, [3]],
      ['2026-12-03', 2, [5]],
    ]);
  });
});
