import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followAppointmentChange, linkedOffer } from '../../../../shared/domain/transport/linked';
import type { LinkedLeg } from '../../../../shared/domain/transport/linked';
import { toMs } from '../../../../shared/domain/transport/time';
import { appointment, at } from './fixtures';

const before = appointment('2026-12-02T10:00', '2026-12-02T11:00');
const legs = (outStatus: LinkedLeg['status'] = 'confirmed', backStatus: LinkedLeg['status'] = 'confirmed', willCall = false): LinkedLeg[] => [
  { id: 'o', kind: 'outbound', status: outStatus, pickupAt: at('2026-12-02T09:20'), dropoffAt: at('2026-12-02T09:45') },
  { id: 'r', kind: 'return', status: backStatus, pickupAt: willCall ? null : at('2026-12-02T11:05'), dropoffAt: willCall ? null : at('2026-12-02T11:30') },
];

describe('the appointment is rescheduled', () => {
  it('legs move with it, keeping their lead time, and go back to requested: re-confirm with the carrier', () => {
    const after = appointment('2026-12-02T14:00', '2026-12-02T15:30');
    expect(followAppointmentChange(before, after, legs())).toEqual({
      flags: ['appointment_moved_reconfirm'],
      updates: [
        { legId: 'o', pickupAt: at('2026-12-02T13:20'), dropoffAt: at('2026-12-02T13:45'), status: 'requested' },
        { legId: 'r', pickupAt: at('2026-12-02T15:35'), dropoffAt: at('2026-12-02T16:00'), status: 'requested' },
      ],
    });
  });

  it('only the end moved: the fixed return follows, the outbound stays; a will-call return has nothing to move', () => {
    const later = appointment('2026-12-02T10:00', '2026-12-02T12:00');
    expect(followAppointmentChange(before, later, legs()).updates.map((u) => u.legId)).toEqual(['r']);
    expect(followAppointmentChange(before, later, legs('confirmed', 'requested', true))).toEqual({ flags: [], updates: [] });
  });

  it('nothing about the times changed: nothing to do', () => {
    expect(followAppointmentChange(before, { ...before, status: 'confirmed' }, legs())).toEqual({ flags: [], updates: [] });
  });

  it('a leg already under way is never rewritten, only flagged', () => {
    const after = appointment('2026-12-02T10:30', '2026-12-02T11:30');
    expect(followAppointmentChange(before, after, legs('en_route'))).toEqual({
      flags: ['appointment_moved_reconfirm', 'moved_after_departure'],
      updates: [{ legId: 'r', pickupAt: at('2026-12-02T11:35'), dropoffAt: at('2026-12-02T12:00'), status: 'requested' }],
    });
  });

  it('never leaves a live leg pointing at the old time (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -600, max: 600 }), fc.integer({ min: 0, max: 240 }), (shift, extra) => {
        const after = { ...before, startsAt: new Date(toMs(before.startsAt) + shift * 60_000).toISOString(), endsAt: new Date(toMs(before.endsAt) + (shift + extra) * 60_000).toISOString() };
        const change = followAppointmentChange(before, after, legs());
        const out = change.updates.find((u) => u.legId === 'o');
        if (shift !== 0) {
          expect(change.flags).toContain('appointment_moved_reconfirm');
          expect(toMs(after.startsAt) - toMs(out!.pickupAt!)).toBe(toMs(before.startsAt) - toMs(legs()[0]!.pickupAt!));
        } else expect(out).toBeUndefined();
      }),
    );
  });
});

describe('the appointment is cancelled, rescheduled elsewhere, or made in-house', () => {
  it('flags the booking and cancels nothing behind anyone’s back', () => {
    expect(followAppointmentChange(before, { ...before, status: 'cancelled' }, legs())).toEqual({ flags: ['appointment_cancelled'], updates: [] });
    expect(followAppointmentChange(before, { ...before, status: 'rescheduled' }, legs())).toEqual({ flags: ['appointment_rescheduled'], updates: [] });
    expect(followAppointmentChange(before, { ...before, setting: 'in_house' }, legs()).flags).toEqual(['appointment_in_house']);
  });

  it('a booking whose legs are all cancelled has nothing to flag', () => {
    expect(followAppointmentChange(before, { ...before, status: 'cancelled' }, legs('cancelled', 'cancelled'))).toEqual({ flags: [], updates: [] });
  });
});

describe('what the booking dialog offers after a linked change', () => {
  it('moved: the new pickup and return proposed next to the old, for the coordinator to accept', () => {
    const after = appointment('2026-12-02T14:00', '2026-12-02T15:00');
    expect(linkedOffer(before, after, legs())).toEqual({
      kind: 'moved',
      flags: ['appointment_moved_reconfirm'],
      proposed: [
        { legId: 'o', kind: 'outbound', wasPickupAt: at('2026-12-02T09:20'), pickupAt: at('2026-12-02T13:20'), dropoffAt: at('2026-12-02T13:45'), status: 'requested' },
        { legId: 'r', kind: 'return', wasPickupAt: at('2026-12-02T11:05'), pickupAt: at('2026-12-02T15:05'), dropoffAt: at('2026-12-02T15:30'), status: 'requested' },
      ],
      cancellable: [],
    });
  });

  it('cancelled, rescheduled elsewhere or made in-house: the rides not under way are offered for cancellation', () => {
    expect(linkedOffer(before, { ...before, status: 'cancelled' }, legs())).toEqual({ kind: 'called_off', flags: ['appointment_cancelled'], proposed: [], cancellable: ['o', 'r'] });
    expect(linkedOffer(before, { ...before, status: 'rescheduled' }, legs('en_route', 'requested'))).toMatchObject({ flags: ['appointment_rescheduled'], cancellable: ['r'] });
    expect(linkedOffer(before, { ...before, setting: 'in_house' }, legs())).toMatchObject({ kind: 'called_off', flags: ['appointment_in_house'] });
  });

  it('nothing changed, or every ride already cancelled: nothing to offer', () => {
    expect(linkedOffer(before, before, legs())).toBeNull();
    expect(linkedOffer(before, { ...before, status: 'cancelled' }, legs('cancelled', 'cancelled'))).toBeNull();
  });
});
