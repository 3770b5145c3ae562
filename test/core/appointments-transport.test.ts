import { describe, expect, test } from 'vitest';
import { adminCore } from '../support/core';
import { addRooms, admission } from '../support/residents';

// Issue 10 item 2, on both engines (the `pg` project runs this same file on PostgreSQL): "needs
// transport" (the list filter, the follow-ups work list, each row's transport mark) is read from
// transport's bookings — an external appointment needs transport while it has no live booking (one
// with a leg that is not cancelled). The facility is in America/Chicago; 14:00 UTC is 08:00 there.
const NOW = '2026-03-02T14:00:00Z';

async function setup() {
  const a = await adminCore({ now: NOW });
  const place = await addRooms(a);
  const mc = place.units['Memory Care']!;
  const ana = await a.must('residents.admit', admission({ unitId: mc, bedId: place.beds['101A']!, recordNumber: 'R-1', legalGiven: 'Ana', aid: 'wheelchair', transfer: 'standby', bariatric: false }));
  const renal = await a.must('appointments.createProvider', { name: 'Riverside Renal', specialty: null, locationName: 'Dialysis unit', address: '12 River Rd', phone: '555-0100' });
  await a.must('transport.saveDestination', { providerId: renal.id, travelMinutes: 30, checkInMinutes: 15 });
  return { ...a, mc, ana, renal };
}

describe('needs transport reads the bookings', () => {
  test('an external appointment needs transport until it has a live booking, and again once every leg is cancelled', async () => {
    const a = await setup();
    // Mar 4 10:00 Chicago = 16:00 UTC; an in-house one never needs transport.
    const appt = await a.must('appointments.create', { residentId: a.ana.id, type: 'dialysis', setting: 'external', providerId: a.renal.id, startLocal: '2026-03-04T10:00', endLocal: '2026-03-04T11:00' });
    await a.must('appointments.create', { residentId: a.ana.id, type: 'therapy', setting: 'in_house', providerName: 'Gym', startLocal: '2026-03-05T10:00', endLocal: '2026-03-05T11:00' });
    const needing = async () => ({
      work: (await a.must('appointments.followUps', {})).needsTransport.map((x) => x.row.id),
      filter: (await a.must('appointments.list', { from: '2026-03-01', to: '2026-03-31', needsTransport: true })).rows.map((r) => r.id),
      marked: (await a.must('appointments.agenda', { date: '2026-03-04', days: 1, unitId: a.mc })).rows.map((r) => [r.id, r.transportArranged]),
    });
    expect(await needing()).toEqual({ work: [appt.id], filter: [appt.id], marked: [[appt.id, false]] });

    const booked = await a.must('transport.book', {
      appointmentId: appt.id,
      mode: null,
      escort: null,
      travelMinutes: 30,
      checkInMinutes: 15,
      outbound: { pickupAt: '2026-03-04T15:15:00.000Z', carrier: { kind: 'family', name: 'Rosa', phone: '555-0101' } },
      return: { kind: 'will_call', carrier: { kind: 'family', name: 'Rosa', phone: '555-0101' } },
      notes: null,
    });
    expect(await needing()).toEqual({ work: [], filter: [], marked: [[appt.id, true]] });
    expect((await a.must('appointments.get', { id: appt.id })).transportArranged).toBe(true);

    // One leg cancelled: the booking is still live. Both: the appointment needs transport again.
    await a.must('transport.setLegStatus', { legId: booked.legs[1]!.id, status: 'cancelled', confirmationNumber: null, reason: 'Family takes her home' });
    expect((await needing()).work).toEqual([]);
    await a.must('transport.setLegStatus', { legId: booked.legs[0]!.id, status: 'cancelled', confirmationNumber: null, reason: 'Ride no longer needed' });
    expect(await needing()).toEqual({ work: [appt.id], filter: [appt.id], marked: [[appt.id, false]] });
  });
});
