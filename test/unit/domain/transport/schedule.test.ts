import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planLegs, proposePickup, proposeReturn, validateBooking } from '../../../../shared/domain/transport/schedule';
import type { BookingDraft } from '../../../../shared/domain/transport/schedule';
import { TRANSPORT_CREDENTIALS, requirementsFromCatalog } from '../../../../shared/domain/transport/credentials';
import { localDatesOf, localTime, toMs } from '../../../../shared/domain/transport/time';
import { TZ, appointment, at, chair, van2, walks } from './fixtures';

const appt = appointment('2026-12-02T10:00', '2026-12-02T11:00');

const draft = (p: Partial<BookingDraft> = {}): BookingDraft => ({
  appointment: appt,
  travelMinutes: 25,
  checkInMinutes: 15,
  outboundPickupAt: at('2026-12-02T09:20'),
  return: { kind: 'fixed', pickupAt: at('2026-12-02T11:00') },
  need: chair,
  escort: null,
  vehicles: { outbound: van2, return: van2 },
  ...p,
});

describe('pickup time', () => {
  it('is the appointment start minus travel minus check-in', () => {
    expect(proposePickup(at('2026-12-02T10:00'), { travelMinutes: 25, checkInMinutes: 15 })).toBe(at('2026-12-02T09:20'));
  });

  it('crosses midnight and DST as instants, not wall clocks', () => {
    expect(proposePickup(at('2026-12-03T00:30'), { travelMinutes: 40, checkInMinutes: 20 })).toBe(at('2026-12-02T23:30'));
    // 2027-03-14 is the spring-forward night in Chicago: 03:30 CDT minus 60 minutes is 01:30 CST.
    const start = new Date('2027-03-14T03:30:00-05:00').toISOString();
    const pickup = proposePickup(start, { travelMinutes: 45, checkInMinutes: 15 });
    expect(localTime(toMs(pickup), TZ)).toBe('01:30');
  });

  it('a fixed return is proposed at the appointment end; legs follow from the travel time', () => {
    expect(proposeReturn(appt)).toEqual({ kind: 'fixed', pickupAt: at('2026-12-02T11:00') });
    expect(planLegs(draft())).toEqual({
      outbound: { pickupAt: at('2026-12-02T09:20'), dropoffAt: at('2026-12-02T09:45') },
      return: { pickupAt: at('2026-12-02T11:00'), dropoffAt: at('2026-12-02T11:25') },
    });
    expect(planLegs(draft({ return: { kind: 'will_call' } })).return).toBeNull();
  });

  it('the proposal always validates (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 120 }), (travelMinutes, checkInMinutes) => {
        const outboundPickupAt = proposePickup(appt.startsAt, { travelMinutes, checkInMinutes });
        expect(validateBooking(draft({ travelMinutes, checkInMinutes, outboundPickupAt, return: proposeReturn(appt) }))).toEqual([]);
      }),
    );
  });
});

describe('bad input: a specific error, nothing written', () => {
  it('a booking for an in-house appointment', () => {
    expect(validateBooking(draft({ appointment: { ...appt, setting: 'in_house' } }))).toEqual([{ path: 'appointmentId', code: 'in_house_appointment' }]);
  });

  it('a negative travel time (and nothing about times computed from it)', () => {
    expect(validateBooking(draft({ travelMinutes: -5 }))).toEqual([{ path: 'travelMinutes', code: 'negative_travel_time' }]);
    expect(validateBooking(draft({ checkInMinutes: -1 }))).toEqual([{ path: 'checkInMinutes', code: 'negative_check_in_time' }]);
  });

  it('pickup after the appointment starts; or early enough to leave but too late to arrive', () => {
    expect(validateBooking(draft({ outboundPickupAt: at('2026-12-02T10:05') }))).toEqual([{ path: 'outbound.pickupAt', code: 'pickup_after_start' }]);
    expect(validateBooking(draft({ outboundPickupAt: at('2026-12-02T09:50') }))).toEqual([{ path: 'outbound.pickupAt', code: 'arrives_after_start', params: { minutes: 15 } }]);
    // Arriving exactly at the start (no check-in time left) is allowed: the buffer is a setting, the start is not.
    expect(validateBooking(draft({ outboundPickupAt: at('2026-12-02T09:35') }))).toEqual([]);
  });

  it('return before outbound, and a return before the appointment starts', () => {
    expect(validateBooking(draft({ return: { kind: 'fixed', pickupAt: at('2026-12-02T09:40') } }))).toEqual([{ path: 'return.pickupAt', code: 'return_before_outbound' }]);
    expect(validateBooking(draft({ return: { kind: 'fixed', pickupAt: at('2026-12-02T09:50') } }))).toEqual([{ path: 'return.pickupAt', code: 'return_before_appointment' }]);
    expect(validateBooking(draft({ return: { kind: 'will_call' } }))).toEqual([]);
  });

  it('a vehicle without a position for the mode, or without a seat for the escort', () => {
    const sedan = { ...van2, id: 'car', name: 'Car 1', seats: 3, wheelchairPositions: 0 };
    expect(validateBooking(draft({ vehicles: { outbound: sedan, return: null } }))).toEqual([
      { path: 'outbound.carrier.vehicleId', code: 'no_position_for_mode', params: { vehicle: 'Car 1', position: 'wheelchair' } },
    ]);
    const chairOnly = { ...van2, seats: 0 };
    const escort = { kind: 'staff', staffId: 'lee', name: 'Lee Park' } as const;
    expect(validateBooking(draft({ escort, vehicles: { outbound: chairOnly, return: chairOnly } }))).toEqual([
      { path: 'outbound.carrier.vehicleId', code: 'no_seat_for_escort', params: { vehicle: 'Van 2' } },
      { path: 'return.carrier.vehicleId', code: 'no_seat_for_escort', params: { vehicle: 'Van 2' } },
    ]);
    const oneSeat = { ...van2, seats: 1 };
    expect(validateBooking(draft({ need: walks, escort, vehicles: { outbound: oneSeat, return: null } }))).toEqual([
      { path: 'outbound.carrier.vehicleId', code: 'no_seat_for_escort', params: { vehicle: 'Van 2' } },
    ]);
  });
});

describe('dates a trip touches', () => {
  it('an overnight trip touches two dates; one ending at midnight only the first', () => {
    expect(localDatesOf(toMs(at('2026-12-02T22:00')), toMs(at('2026-12-03T01:30')), TZ)).toEqual(['2026-12-02', '2026-12-03']);
    expect(localDatesOf(toMs(at('2026-12-02T22:00')), toMs(at('2026-12-03T00:00')), TZ)).toEqual(['2026-12-02']);
    expect(localDatesOf(toMs(at('2026-12-02T09:00')), toMs(at('2026-12-02T09:00')), TZ)).toEqual(['2026-12-02']);
  });

  it('a long trip lists every date in between', () => {
    expect(localDatesOf(toMs(at('2026-12-02T22:00')), toMs(at('2026-12-04T01:00')), TZ)).toEqual(['2026-12-02', '2026-12-03', '2026-12-04']);
  });
});

describe('requirements in force', () => {
  it('only courses active in the facility catalog, under the catalog name', () => {
    const catalog = [
      { code: 'cpr_bls', name: 'CPR / BLS (AHA)', active: true },
      { code: 'driver_safety', name: 'Defensive driving', active: false },
    ];
    expect(requirementsFromCatalog(catalog)).toEqual([{ code: 'cpr_bls', source: 'course', roles: ['driver', 'escort'], name: 'CPR / BLS (AHA)' }]);
    expect(TRANSPORT_CREDENTIALS.map((r) => r.code)).toEqual(['driver_safety', 'cpr_bls']);
  });
});
