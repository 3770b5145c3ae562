import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followAppointmentChange, linkedOffer, reconcileStanding, standingLegs } from '../../../../shared/domain/transport/linked';
import type { LinkedLeg, Occurrence, OccurrenceBooking, StandingTemplate } from '../../../../shared/domain/transport/linked';
import { localTime, toMs } from '../../../../shared/domain/transport/time';
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

describe('standing booking for a series', () => {
  // Dialysis Mon/Wed/Fri 06:30–10:30 Chicago; 2027-03-14 is the spring-forward Sunday.
  const occ = (key: string, start: string, end: string, cancelled = false): Occurrence => ({ key, start: at(start), end: at(end), cancelled });
  const cdt = (local: string) => new Date(`${local}:00-05:00`).toISOString();
  const template: StandingTemplate = { travelMinutes: 20, checkInMinutes: 10, return: { kind: 'fixed', afterEndMinutes: 15 }, skip: [] };
  const series = [
    occ('2027-03-10T06:30', '2027-03-10T06:30', '2027-03-10T10:30'),
    occ('2027-03-12T06:30', '2027-03-12T06:30', '2027-03-12T10:30'),
    { key: '2027-03-15T06:30', start: cdt('2027-03-15T06:30'), end: cdt('2027-03-15T10:30'), cancelled: false },
  ];

  it('one pair of legs per occurrence, at the same local times across DST', () => {
    const planned = standingLegs(template, series);
    expect(planned.map((p) => [p.occurrenceKey, localTime(toMs(p.outbound.pickupAt), 'America/Chicago'), localTime(toMs(p.return!.pickupAt), 'America/Chicago')])).toEqual([
      ['2027-03-10T06:30', '06:00', '10:45'],
      ['2027-03-12T06:30', '06:00', '10:45'],
      ['2027-03-15T06:30', '06:00', '10:45'],
    ]);
  });

  it('follows the series exceptions: a cancelled occurrence gets no legs, a skipped one neither', () => {
    const withCancel = [series[0]!, { ...series[1]!, cancelled: true }, series[2]!];
    expect(standingLegs(template, withCancel).map((p) => p.occurrenceKey)).toEqual(['2027-03-10T06:30', '2027-03-15T06:30']);
    expect(standingLegs({ ...template, skip: ['2027-03-15T06:30'] }, series).map((p) => p.occurrenceKey)).toEqual(['2027-03-10T06:30', '2027-03-12T06:30']);
    expect(standingLegs({ ...template, return: { kind: 'will_call' } }, series)[0]!.return).toBeNull();
  });

  const bookedAsPlanned = (o: Occurrence, status: LinkedLeg['status'] = 'confirmed'): OccurrenceBooking => {
    const p = standingLegs(template, [o])[0]!;
    return {
      occurrenceKey: o.key,
      plannedFor: { start: o.start, end: o.end },
      legs: [
        { id: `${o.key}/o`, kind: 'outbound', status, ...p.outbound },
        { id: `${o.key}/r`, kind: 'return', status, ...p.return! },
      ],
    };
  };

  it('after a series exception: the moved occurrence moves its legs and asks to re-confirm; others are untouched', () => {
    const existing = series.map((o) => bookedAsPlanned(o));
    const moved = [series[0]!, occ('2027-03-12T06:30', '2027-03-12T08:00', '2027-03-12T12:00'), series[2]!];
    const r = reconcileStanding(template, moved, existing);
    expect(r.create).toEqual([]);
    expect(r.changes).toEqual([
      {
        occurrenceKey: '2027-03-12T06:30',
        change: {
          flags: ['appointment_moved_reconfirm'],
          updates: [
            { legId: '2027-03-12T06:30/o', pickupAt: at('2027-03-12T07:30'), dropoffAt: at('2027-03-12T07:50'), status: 'requested' },
            { legId: '2027-03-12T06:30/r', pickupAt: at('2027-03-12T12:15'), dropoffAt: at('2027-03-12T12:35'), status: 'requested' },
          ],
        },
      },
    ]);
  });

  it('a cancelled occurrence flags its booking; a skipped ride is flagged as skipped; a vanished one as removed', () => {
    const existing = series.map((o) => bookedAsPlanned(o));
    const edited = [{ ...series[0]!, cancelled: true }, series[1]!];
    const r = reconcileStanding({ ...template, skip: ['2027-03-12T06:30'] }, edited, existing);
    expect(r.changes).toEqual([
      { occurrenceKey: '2027-03-10T06:30', change: { flags: ['appointment_cancelled'], updates: [] } },
      { occurrenceKey: '2027-03-12T06:30', change: { flags: ['ride_skipped'], updates: [] } },
      { occurrenceKey: '2027-03-15T06:30', change: { flags: ['occurrence_removed'], updates: [] } },
    ]);
  });

  it('a new occurrence (the series was extended, or an added date) gets legs', () => {
    const existing = [bookedAsPlanned(series[0]!)];
    const r = reconcileStanding(template, series, existing);
    expect(r.create.map((c) => c.occurrenceKey)).toEqual(['2027-03-12T06:30', '2027-03-15T06:30']);
    expect(r.changes).toEqual([]);
  });

  it('is idempotent: reconciling again after applying it changes nothing', () => {
    const existing = series.map((o) => bookedAsPlanned(o));
    const moved = [series[0]!, occ('2027-03-12T06:30', '2027-03-12T08:00', '2027-03-12T12:00'), series[2]!];
    const first = reconcileStanding(template, moved, existing);
    const applied = existing.map((b) => {
      const c = first.changes.find((x) => x.occurrenceKey === b.occurrenceKey);
      if (c === undefined) return b;
      const o = moved.find((m) => m.key === b.occurrenceKey)!;
      return { ...b, plannedFor: { start: o.start, end: o.end }, legs: b.legs.map((l) => ({ ...l, ...c.change.updates.find((u) => u.legId === l.id) })) };
    });
    expect(reconcileStanding(template, moved, applied)).toEqual({ create: [], changes: [] });
  });
});
