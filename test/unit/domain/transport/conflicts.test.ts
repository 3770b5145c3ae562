import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConflicts, formatConflictParams, resolveConflicts } from '../../../../shared/domain/transport/conflicts';
import type { Conflict, TripLeg } from '../../../../shared/domain/transport/conflicts';
import { localTime } from '../../../../shared/domain/transport/time';
import { TZ, appointment, at, chair, context, leg, person, van2, walks } from './fixtures';

const codes = (cs: Conflict[]) => cs.map((c) => c.code);

describe('one vehicle on overlapping trips', () => {
  // Existing: outbound 09:00–09:30 on Van 2, so the van is back at 10:00 (empty drive home).
  const existing = [leg({ id: 'e1', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', residentName: 'Rosa Díaz' })];

  it('reports a run that overlaps, in plain words', () => {
    const cs = checkConflicts([leg({ id: 'c1', pickup: '2026-12-02T09:45', dropoff: '2026-12-02T10:15', driver: 'kim' })], existing, context());
    expect(codes(cs)).toEqual(['vehicle_overlap']);
    expect(cs[0]).toMatchObject({ legId: 'c1', legKind: 'outbound', withLegIds: ['e1'], key: 'vehicle_overlap:outbound:v2|leg:e1' });
    const words = formatConflictParams(cs[0]!.params, { time: (iso) => localTime(Date.parse(iso), TZ), date: (d) => d, mode: (m) => m });
    expect(words).toEqual({ vehicle: 'Van 2', from: '09:00', to: '10:00', resident: 'Rosa Díaz' });
  });

  it('counts the empty drive: a van that dropped someone off is not at the building yet', () => {
    // 09:35 is after the 09:30 drop-off but before the van is back at 10:00.
    expect(codes(checkConflicts([leg({ pickup: '2026-12-02T09:35', dropoff: '2026-12-02T09:50', driver: 'kim' })], existing, context()))).toEqual(['vehicle_overlap']);
  });

  it('back-to-back is fine: the run ending at 10:00 and one starting at 10:00 do not overlap', () => {
    expect(checkConflicts([leg({ pickup: '2026-12-02T10:00', dropoff: '2026-12-02T10:20' })], existing, context())).toEqual([]);
    // A return leg whose empty drive out starts exactly when the van is back.
    expect(checkConflicts([leg({ kind: 'return', pickup: '2026-12-02T10:30', dropoff: '2026-12-02T11:00' })], existing, context())).toEqual([]);
    expect(codes(checkConflicts([leg({ kind: 'return', pickup: '2026-12-02T10:29', dropoff: '2026-12-02T10:59' })], existing, context()))).toEqual(['vehicle_overlap']);
  });

  it('overnight trips overlap across midnight', () => {
    const night = [leg({ id: 'n1', pickup: '2026-12-02T23:10', dropoff: '2026-12-03T00:10', residentName: 'Ana Ruiz' })];
    const cs = checkConflicts([leg({ kind: 'return', pickup: '2026-12-03T01:00', dropoff: '2026-12-03T01:40' })], night, context());
    expect(codes(cs)).toEqual(['vehicle_overlap']);
    expect(formatConflictParams(cs[0]!.params, { time: (iso) => localTime(Date.parse(iso), TZ), date: (d) => d, mode: (m) => m })).toMatchObject({ from: '23:10', to: '01:10' });
    expect(checkConflicts([leg({ kind: 'return', pickup: '2026-12-03T01:50', dropoff: '2026-12-03T02:30' })], night, context())).toEqual([]);
  });

  it('legs on one run share the vehicle (a shared ride, or the driver waiting at the clinic)', () => {
    const shared = [leg({ id: 's1', runId: 'run7', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30' })];
    expect(checkConflicts([leg({ runId: 'run7', pickup: '2026-12-02T09:05', dropoff: '2026-12-02T09:30' })], shared, context())).toEqual([]);
  });

  it('a waiting driver keeps the van busy between the legs', () => {
    const out = leg({ id: 'w1', bookingId: 'bw', runId: 'wait', pickup: '2026-12-02T08:00', dropoff: '2026-12-02T08:30' });
    const back = leg({ id: 'w2', bookingId: 'bw', kind: 'return', runId: 'wait', pickup: '2026-12-02T11:00', dropoff: '2026-12-02T11:30' });
    const cs = checkConflicts([leg({ pickup: '2026-12-02T10:00', dropoff: '2026-12-02T10:10' })], [out, back], context());
    expect(codes(cs)).toEqual(['vehicle_overlap']);
    expect(cs[0]!.withLegIds).toEqual(['w1', 'w2']);
  });

  it('ignores cancelled and no-show legs, and the legs of the booking being edited', () => {
    const gone = [
      leg({ pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', status: 'cancelled' }),
      leg({ pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', status: 'no_show' }),
      leg({ id: 'old', bookingId: 'mine', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30' }),
    ];
    expect(checkConflicts([leg({ bookingId: 'mine', pickup: '2026-12-02T09:10', dropoff: '2026-12-02T09:30' })], gone, context())).toEqual([]);
  });

  it('finds the same conflicts whatever the order of the existing legs', () => {
    const many = Array.from({ length: 8 }, (_, i) => leg({ id: `m${i}`, pickup: `2026-12-02T${String(8 + i).padStart(2, '0')}:00`, dropoff: `2026-12-02T${String(8 + i).padStart(2, '0')}:20`, vehicle: i % 2 ? 'v2' : 'v3', driver: i % 2 ? 'sam' : 'kim' }));
    const cand = [leg({ id: 'c', pickup: '2026-12-02T10:30', dropoff: '2026-12-02T12:00', driver: 'kim' })];
    const base = checkConflicts(cand, many, context());
    fc.assert(
      fc.property(fc.shuffledSubarray(many, { minLength: many.length, maxLength: many.length }), (shuffled) => {
        expect(new Set(checkConflicts(cand, shuffled, context()).map((c) => c.key))).toEqual(new Set(base.map((c) => c.key)));
      }),
    );
  });
});

describe('one driver on overlapping trips', () => {
  it('the same driver cannot drive two vehicles at once', () => {
    const existing = [leg({ id: 'e1', vehicle: 'v3', driver: 'sam', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', residentName: 'Rosa Díaz' })];
    const cs = checkConflicts([leg({ vehicle: 'v2', driver: 'sam', pickup: '2026-12-02T09:15', dropoff: '2026-12-02T09:45' })], existing, context());
    expect(codes(cs)).toEqual(['driver_overlap']);
    expect(cs[0]!.params).toMatchObject({ driver: 'Sam Ortiz', vehicle: 'Van 3', resident: 'Rosa Díaz' });
    expect(checkConflicts([leg({ vehicle: 'v2', driver: 'kim', pickup: '2026-12-02T09:15', dropoff: '2026-12-02T09:45' })], existing, context())).toEqual([]);
  });

  it('one vehicle with the same driver is reported once, as the vehicle', () => {
    const existing = [leg({ pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30' })];
    expect(codes(checkConflicts([leg({ pickup: '2026-12-02T09:15', dropoff: '2026-12-02T09:45' })], existing, context()))).toEqual(['vehicle_overlap']);
  });
});

describe('capacity', () => {
  const onRun = (id: string, pickup: string, dropoff: string, need = chair, extra: Partial<Parameters<typeof leg>[0]> = {}) =>
    leg({ id, runId: 'dialysis', pickup: `2026-12-02T${pickup}`, dropoff: `2026-12-02T${dropoff}`, need, ...extra });

  it('exactly full is fine; one more wheelchair is a conflict with the numbers', () => {
    const existing = [onRun('a', '06:00', '06:30')];
    expect(checkConflicts([onRun('b', '06:00', '06:30')], existing, context())).toEqual([]);
    const cs = checkConflicts([onRun('c', '06:05', '06:30')], [...existing, onRun('b', '06:00', '06:30')], context());
    expect(codes(cs)).toEqual(['over_capacity_wheelchairs']);
    expect(cs[0]!.params).toMatchObject({ vehicle: 'Van 2', count: 3, capacity: 2, at: at('2026-12-02T06:05') });
    expect(cs[0]!.withLegIds.sort()).toEqual(['a', 'b']);
  });

  it('a position freed at a drop-off can be taken by a pickup at the same minute', () => {
    const existing = [onRun('a', '06:00', '06:30'), onRun('b', '06:00', '06:45')];
    expect(checkConflicts([onRun('c', '06:30', '07:00')], existing, context())).toEqual([]);
    expect(codes(checkConflicts([onRun('c', '06:29', '07:00')], existing, context()))).toEqual(['over_capacity_wheelchairs']);
  });

  it('stretchers and seats are counted on their own; an escort takes a seat', () => {
    const stretcher = { base: 'stretcher', bariatric: false, oxygen: false } as const;
    const cs = checkConflicts([onRun('s', '06:00', '06:30', stretcher, { vehicle: 'v3' })], [onRun('t', '06:00', '06:30', stretcher, { vehicle: 'v3' })], context());
    expect(codes(cs)).toEqual(['over_capacity_stretchers']);
    // Van 2 has 4 seats: three walkers and one escort fill it; a second escort does not fit.
    const riders = [onRun('w1', '06:00', '06:30', walks), onRun('w2', '06:00', '06:30', walks), onRun('w3', '06:00', '06:30', walks)];
    const escort = { kind: 'family', name: 'Maria Díaz', phone: null } as const;
    expect(checkConflicts([onRun('x', '06:00', '06:30', chair, { escort })], riders, context())).toEqual([]);
    expect(codes(checkConflicts([onRun('x', '06:00', '06:30', walks, { escort })], riders, context()))).toEqual(['over_capacity_seats']);
  });

  it('an overload among other bookings at a moment the candidate is not aboard is not its conflict', () => {
    const others = [onRun('a', '06:00', '06:30'), onRun('b', '06:00', '06:30'), onRun('c', '06:00', '06:30')];
    expect(codes(checkConflicts([onRun('d', '07:00', '07:30')], others, context()))).toEqual([]);
  });

  it('agrees with counting minute by minute (property)', () => {
    const slot = fc.record({ start: fc.integer({ min: 0, max: 17 }), length: fc.integer({ min: 1, max: 8 }) });
    const END = 18; // 3-minute steps within 06:00–06:54
    fc.assert(
      fc.property(fc.array(slot, { maxLength: 6 }), slot, (others, mine) => {
        const hhmm = (m: number) => `06:${String(m * 3).padStart(2, '0')}`;
        const toLeg = (s: { start: number; length: number }, id: string) => onRun(id, hhmm(s.start), hhmm(Math.min(s.start + s.length, END)));
        const existing = others.map((s, i) => toLeg(s, `o${i}`));
        const cand = toLeg(mine, 'me');
        let expected = false;
        for (let m = mine.start; m < Math.min(mine.start + mine.length, END); m++) {
          const aboard = others.filter((s) => s.start <= m && m < Math.min(s.start + s.length, END)).length + 1;
          if (aboard > van2.wheelchairPositions) expected = true;
        }
        const got = checkConflicts([cand], existing, context()).some((c) => c.code === 'over_capacity_wheelchairs');
        expect(got).toBe(expected);
      }),
    );
  });
});

describe('mode the vehicle cannot carry', () => {
  it('names each missing mode', () => {
    const need = { base: 'wheelchair', bariatric: true, oxygen: true } as const;
    const cs = checkConflicts([leg({ need, pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30' })], [], context());
    expect(cs.map((c) => [c.code, c.params['mode']])).toEqual([
      ['mode_not_carried', 'bariatric'],
      ['mode_not_carried', 'oxygen'],
    ]);
    expect(checkConflicts([leg({ need, vehicle: 'v3', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30' })], [], context())).toEqual([]);
  });
});

describe('a resident on two trips', () => {
  const appt = appointment('2026-12-02T10:00', '2026-12-02T11:00');
  const booked = (bookingId: string, times: [string, string, string | null, string | null], vehicle: string | null = null) => [
    leg({ id: `${bookingId}-o`, bookingId, resident: 'rosa', vehicle, pickup: times[0], dropoff: times[1], appointment: appt }),
    leg({ id: `${bookingId}-r`, bookingId, kind: 'return', resident: 'rosa', vehicle, pickup: times[2], dropoff: times[3], appointment: appt }),
  ];

  it('overlapping away windows of two bookings are a conflict', () => {
    const existing = booked('b1', ['2026-12-02T09:20', '2026-12-02T09:45', '2026-12-02T11:00', '2026-12-02T11:25']);
    const cs = checkConflicts(booked('b2', ['2026-12-02T11:10', '2026-12-02T11:30', '2026-12-02T12:30', '2026-12-02T12:50']), existing, context());
    expect(codes(cs)).toEqual(['resident_double_booked']);
    expect(cs[0]!.params).toMatchObject({ resident: 'Rosa Díaz', from: at('2026-12-02T09:20'), to: at('2026-12-02T11:25') });
    expect(checkConflicts(booked('b2', ['2026-12-02T11:25', '2026-12-02T11:45', '2026-12-02T12:30', '2026-12-02T12:50']), existing, context())).toEqual([]);
  });

  it('a will-call return keeps the resident out until the appointment ends plus the drive back', () => {
    const existing = booked('b1', ['2026-12-02T09:20', '2026-12-02T09:45', null, null]);
    // Appointment ends 11:00, drive 25 min: out until 11:25.
    expect(codes(checkConflicts(booked('b2', ['2026-12-02T11:20', '2026-12-02T11:40', null, null]), existing, context()))).toEqual(['resident_double_booked']);
    expect(checkConflicts(booked('b2', ['2026-12-02T11:25', '2026-12-02T11:40', null, null]), existing, context())).toEqual([]);
  });
});

describe('a trip for an appointment that will not happen', () => {
  it('a cancelled or rescheduled appointment is a conflict while any leg is live', () => {
    const cancelled = appointment('2026-12-02T10:00', '2026-12-02T11:00', { status: 'cancelled' });
    expect(codes(checkConflicts([leg({ vehicle: null, pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', appointment: cancelled })], [], context()))).toEqual(['appointment_cancelled']);
    const moved = appointment('2026-12-02T10:00', '2026-12-02T11:00', { status: 'rescheduled' });
    expect(codes(checkConflicts([leg({ vehicle: null, pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', appointment: moved })], [], context()))).toEqual(['appointment_rescheduled']);
    expect(checkConflicts([leg({ vehicle: null, status: 'cancelled', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', appointment: cancelled })], [], context())).toEqual([]);
    // Rides already done are history: editing the booking afterwards is not a conflict.
    expect(checkConflicts([leg({ vehicle: null, status: 'completed', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', appointment: cancelled })], [], context())).toEqual([]);
  });
});

describe('credentials on the trip date', () => {
  // CPR completed 2024-12-03 with 24 months' validity: expires 2026-12-03, valid through 2026-12-02.
  const withCpr = (completed: string) => context({ staff: new Map([['sam', person('sam', 'Sam Ortiz', { cpr_bls: [completed] })]]) });
  const trip = (day: string) => [leg({ pickup: `${day}T09:00`, dropoff: `${day}T09:30` })];

  it('a credential expiring the day after the trip is fine', () => {
    expect(checkConflicts(trip('2026-12-02'), [], withCpr('2024-12-03'))).toEqual([]);
  });

  it('a credential expiring on the day of the trip blocks it (valid through the day before)', () => {
    const cs = checkConflicts(trip('2026-12-03'), [], withCpr('2024-12-03'));
    expect(codes(cs)).toEqual(['driver_credential_expired']);
    expect(cs[0]!.params).toEqual({ staff: 'Sam Ortiz', course: 'CPR / BLS', date: '2026-12-03', expiredOn: '2026-12-03' });
  });

  it('a credential that expired the day before the trip blocks it', () => {
    expect(codes(checkConflicts(trip('2026-12-04'), [], withCpr('2024-12-03')))).toEqual(['driver_credential_expired']);
  });

  it('is judged on the trip date, not today: a trip next week after the expiry is blocked now', () => {
    // Booked on 2026-11-25 (when the card is still current) for 2026-12-09.
    expect(codes(checkConflicts(trip('2026-12-09'), [], withCpr('2024-12-03')))).toEqual(['driver_credential_expired']);
  });

  it('a renewal on or before the trip date counts; one after it does not', () => {
    expect(checkConflicts(trip('2026-12-04'), [], withCpr('2024-12-03'))).not.toEqual([]);
    const renewed = context({ staff: new Map([['sam', person('sam', 'Sam Ortiz', { cpr_bls: ['2024-12-03', '2026-12-04'] })]]) });
    expect(checkConflicts(trip('2026-12-04'), [], renewed)).toEqual([]);
    expect(codes(checkConflicts(trip('2026-12-03'), [], renewed))).toEqual(['driver_credential_expired']);
  });

  it('an overnight trip is checked on both dates it touches', () => {
    const overnight = [leg({ pickup: '2026-12-02T23:00', dropoff: '2026-12-03T00:30' })];
    const cs = checkConflicts(overnight, [], withCpr('2024-12-03'));
    expect(codes(cs)).toEqual(['driver_credential_expired']);
    expect(cs[0]!.params['date']).toBe('2026-12-03');
  });

  it('missing: nothing on file; a staff escort is checked for CPR, not driver safety', () => {
    const noDriverSafety = context({ staff: new Map([['sam', { staffId: 'sam', name: 'Sam Ortiz', evidence: {} }], ['lee', person('lee', 'Lee Park', { cpr_bls: ['2020-01-01'] })]]) });
    const cs = checkConflicts([leg({ pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', escort: { kind: 'staff', staffId: 'lee', name: 'Lee Park' } })], [], noDriverSafety);
    expect(cs.map((c) => [c.code, c.params['course'], c.params['staff']])).toEqual([
      ['driver_credential_missing', 'Driver safety', 'Sam Ortiz'],
      ['driver_credential_missing', 'CPR / BLS', 'Sam Ortiz'],
      ['escort_credential_expired', 'CPR / BLS', 'Lee Park'],
    ]);
  });

  it('a staff escort in a taxi is still checked; a family escort is not', () => {
    const expiredLee = context({ staff: new Map([['lee', person('lee', 'Lee Park', { cpr_bls: ['2020-01-01'] })]]) });
    expect(codes(checkConflicts([leg({ vehicle: null, pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', escort: { kind: 'staff', staffId: 'lee', name: 'Lee Park' } })], [], expiredLee))).toEqual(['escort_credential_expired']);
    expect(checkConflicts([leg({ vehicle: null, pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30', escort: { kind: 'family', name: 'Ana', phone: null } })], [], expiredLee)).toEqual([]);
  });

  it('a will-call return not yet called is checked on the appointment date', () => {
    const cs = checkConflicts([leg({ kind: 'return', pickup: null, dropoff: null, appointment: appointment('2026-12-03T10:00', '2026-12-03T11:00') })], [], withCpr('2024-12-03'));
    expect(cs[0]).toMatchObject({ code: 'driver_credential_expired', params: { date: '2026-12-03' } });
  });
});

describe('overrides', () => {
  const existing = [leg({ id: 'e1', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30' })];
  const candidate = (pickup: string): TripLeg[] => [leg({ id: 'c1', pickup, dropoff: '2026-12-02T10:15', driver: 'kim' })];

  it('an override with a reason clears exactly that conflict', () => {
    const cs = checkConflicts(candidate('2026-12-02T09:45'), existing, context());
    const r = resolveConflicts(cs, [{ key: cs[0]!.key, reason: '  Rosa rides along, same clinic  ' }]);
    expect(r.blocking).toEqual([]);
    expect(r.overridden).toEqual([{ conflict: cs[0], reason: 'Rosa rides along, same clinic' }]);
    expect(r.stale).toEqual([]);
  });

  it('a blank or token reason does not clear it', () => {
    const cs = checkConflicts(candidate('2026-12-02T09:45'), existing, context());
    expect(resolveConflicts(cs, [{ key: cs[0]!.key, reason: ' ok ' }]).blocking).toEqual(cs);
  });

  it('the key survives saving (leg ids change) but not a different collision', () => {
    const before = checkConflicts(candidate('2026-12-02T09:45'), existing, context());
    const saved = checkConflicts([{ ...candidate('2026-12-02T09:45')[0]!, id: '901', bookingId: '77' }], existing, context());
    expect(saved[0]!.key).toBe(before[0]!.key);
    const other = [leg({ id: 'e2', pickup: '2026-12-02T09:00', dropoff: '2026-12-02T09:30' })];
    const now = checkConflicts(candidate('2026-12-02T09:45'), other, context());
    const r = resolveConflicts(now, [{ key: before[0]!.key, reason: 'Accepted by the charge nurse' }]);
    expect(r.blocking).toEqual(now);
    expect(r.stale).toEqual([{ key: before[0]!.key, reason: 'Accepted by the charge nurse' }]);
  });
});
