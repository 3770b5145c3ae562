import { describe, expect, it } from 'vitest';
import { buildSheet, NO_SCHEDULE, scheduleFrom, type ScheduledAppointment } from '../../../../shared/domain/handoff/rows';
import { canonicalContent, CONTENT_VERSION } from '../../../../shared/domain/handoff/content';
import { resident, sheetInput } from './fixtures';

describe('the handoff row model', () => {
  it('keeps every clinical value that was never assessed as null, never as a default', () => {
    const sheet = buildSheet(
      sheetInput({
        residents: [
          resident(1, {
            codeStatus: null,
            allergies: null,
            dietType: null,
            iddsiFood: null,
            iddsiDrink: null,
            transfer: null,
            aid: null,
            bariatric: null,
            fallRisk: null,
            wanderingRisk: null,
            isolation: null,
          }),
        ],
      }),
    );
    const row = sheet.rows[0]!;
    expect(row.codeStatus).toBeNull();
    expect(row.allergies).toEqual({ state: 'not_recorded' });
    expect(row.diet).toEqual({ type: null, note: null, food: null, drink: null });
    expect(row.mobility).toEqual({ transfer: null, aid: null, bariatric: null });
    expect([row.fallRisk, row.wanderingRisk, row.isolation]).toEqual([null, null, null]);
  });

  it('tells NKA from not recorded, treats an empty list as not recorded, and puts severe allergies first', () => {
    const sheet = buildSheet(
      sheetInput({
        residents: [
          resident(1, { allergies: { state: 'nka', recordedOn: '2026-01-01' } }),
          resident(2, { allergies: { state: 'listed', items: [] } }),
          resident(3, {
            allergies: {
              state: 'listed',
              items: [
                { substance: 'Shellfish', reaction: 'rash', severity: 'mild' },
                { substance: 'Penicillin', reaction: 'anaphylaxis', severity: 'severe' },
              ],
            },
          }),
        ],
      }),
    );
    expect(sheet.rows.map((r) => r.allergies.state)).toEqual(['nka', 'not_recorded', 'listed']);
    const listed = sheet.rows[2]!.allergies;
    expect(listed.state === 'listed' && listed.items.map((i) => i.substance)).toEqual(['Penicillin', 'Shellfish']);
    expect(listed.state === 'listed' && listed.hasSevere).toBe(true);
  });

  it('lists residents out of the building and counts them in the census', () => {
    const sheet = buildSheet(
      sheetInput({
        residents: [resident(1, { status: 'hospital', statusSince: '2026-03-01' }), resident(2, { status: 'leave', statusSince: '2026-03-02' }), resident(3)],
      }),
    );
    expect(sheet.census).toBe(3);
    expect(sheet.outOfBuilding).toBe(2);
    expect(sheet.rows.map((r) => r.away)).toEqual([{ kind: 'hospital', since: '2026-03-01' }, { kind: 'leave', since: '2026-03-02' }, null]);
  });

  it('turns the status and bed history into the last 24 hours of events', () => {
    const sheet = buildSheet(
      sheetInput({
        history: [
          { kind: 'status', residentId: 1, at: '2026-03-02T15:00:00Z', status: 'active', previous: 'hospital', fromDate: '2026-03-02' },
          { kind: 'status', residentId: 1, at: '2026-03-01T22:00:00Z', status: 'hospital', previous: 'active', fromDate: '2026-03-01' },
          { kind: 'status', residentId: 2, at: '2026-03-02T14:00:00Z', status: 'active', previous: null, fromDate: '2026-03-02' },
          { kind: 'move', residentId: 2, at: '2026-03-02T16:00:00Z', from: 'Memory Care · 101-A', to: 'Memory Care · 102-A', fromDate: '2026-03-02' },
          { kind: 'clinical', residentId: 2, at: '2026-03-02T17:00:00Z', fields: ['codeStatus', 'allergies'] },
          { kind: 'clinical', residentId: 2, at: '2026-03-02T17:30:00Z', fields: [] },
        ],
      }),
    );
    expect(sheet.rows[0]!.events.map((e) => e.kind)).toEqual(['status', 'returned']);
    expect(sheet.rows[1]!.events.map((e) => e.kind)).toEqual(['admitted', 'moved', 'clinical']);
  });

  it('marks open actions past their due time as overdue', () => {
    const sheet = buildSheet(
      sheetInput({
        actions: new Map([
          [
            1,
            [
              { id: 1, text: 'Recheck temperature', owner: 'Evening RN', dueDate: '2026-03-02', dueTime: '13:00' },
              { id: 2, text: 'Call daughter', owner: null, dueDate: '2026-03-02', dueTime: '18:00' },
              { id: 3, text: 'Order supplies', owner: null, dueDate: null, dueTime: null },
            ],
          ],
        ]),
      }),
    );
    expect(sheet.rows[0]!.actions.map((a) => a.overdue)).toEqual([true, false, false]);
  });

  it('fills the appointments slot with this and the next shift only, and keeps staff escorts off the floor', () => {
    const appt = (key: string, startsAt: string, escort: ScheduledAppointment['escort'] = null): ScheduledAppointment => ({
      key,
      startsAt,
      endsAt: null,
      title: `Appointment ${key}`,
      inHouse: false,
      preparation: null,
      tripKey: `trip-${key}`,
      pickupAt: startsAt,
      returnAt: 'will_call',
      escort,
    });
    const sheet = buildSheet(
      sheetInput({
        schedule: {
          available: true,
          appointments: new Map([
            [
              1,
              [
                appt('late', '2026-03-03T06:00:00.000Z'), // after the next shift
                appt('next', '2026-03-02T22:00:00.000Z'),
                appt('now', '2026-03-02T15:00:00.000Z', { kind: 'staff', staffId: '9', name: 'Lee Park' }),
                appt('past', '2026-03-02T12:00:00.000Z'), // before this shift
              ],
            ],
          ]),
          staffOffFloor: [
            { staffId: '9', name: 'Lee Park', residentId: 1, from: '2026-03-02T14:30:00.000Z', until: '2026-03-02T17:00:00.000Z' },
            { staffId: '9', name: 'Lee Park', residentId: 1, from: '2026-03-03T14:30:00.000Z', until: '2026-03-03T17:00:00.000Z' }, // tomorrow
          ],
          outOnTrip: new Map([[1, { since: '2026-03-02T14:30:00.000Z', expectedBackAt: '2026-03-02T17:00:00.000Z', overdue: false }]]),
        },
      }),
    );
    const row = sheet.rows[0]!;
    expect(row.appointments.map((a) => [a.key, a.when])).toEqual([
      ['now', 'this_shift'],
      ['next', 'next_shift'],
    ]);
    expect(sheet.staffOffFloor.map((s) => s.from)).toEqual(['2026-03-02T14:30:00.000Z']);
    expect(row.escortsOffFloor).toHaveLength(1);
    expect(row.away).toEqual({ kind: 'appointment', since: '2026-03-02T14:30:00.000Z', expectedBackAt: '2026-03-02T17:00:00.000Z', overdue: false });
    expect(sheet.scheduleAvailable).toBe(true);
    expect(buildSheet(sheetInput()).scheduleAvailable).toBe(false);
  });

  it('builds the schedule from what appointments and transport supply: neither, appointments only, or both', () => {
    const appt: ScheduledAppointment = { key: 'a1', startsAt: '2026-03-02T15:00:00.000Z', endsAt: null, title: 'Dialysis', inHouse: false, preparation: null, tripKey: null, pickupAt: null, returnAt: null, escort: null };
    const appointments = new Map([[1, [appt, { ...appt, key: 'a2' }]]]);
    // Appointments not known here (the area is not merged): no schedule, no column.
    expect(scheduleFrom(null, null)).toBe(NO_SCHEDULE);
    // Appointments without transport: the column lists them, with no pickups or escorts.
    expect(scheduleFrom(appointments, null)).toEqual({ available: true, appointments, staffOffFloor: [], outOnTrip: new Map() });
    // Both: each occurrence gets its booked trip by key; one without a trip keeps nulls.
    const staffOffFloor = [{ staffId: '9', name: 'Lee Park', residentId: 1, from: '2026-03-02T14:30:00.000Z', until: '2026-03-02T17:00:00.000Z' }];
    const both = scheduleFrom(appointments, {
      byAppointment: new Map([['a1', { tripKey: 't1', pickupAt: '2026-03-02T14:30:00.000Z', returnAt: 'will_call', escort: { kind: 'staff', staffId: '9', name: 'Lee Park' } }]]),
      staffOffFloor,
      outOnTrip: new Map(),
    });
    expect(both.appointments.get(1)!.map((a) => [a.key, a.tripKey, a.pickupAt, a.returnAt, a.escort?.name ?? null])).toEqual([
      ['a1', 't1', '2026-03-02T14:30:00.000Z', 'will_call', 'Lee Park'],
      ['a2', null, null, null, null],
    ]);
    expect(both.staffOffFloor).toBe(staffOffFloor);
  });

  it('serialises the same content to the same text, and a note edit to different text', () => {
    const a = buildSheet(sheetInput());
    const b = buildSheet(sheetInput({ now: '2026-03-02T20:30:00.000Z', nowWall: '2026-03-02T14:30' }));
    const envelope = (content: typeof a.content) => canonicalContent({ v: CONTENT_VERSION, unitId: 1, date: '2026-03-02', shiftId: 1, rows: content });
    expect(envelope(a.content)).toBe(envelope(b.content));
    const note = { template: 'ipass' as const, severity: 'watcher' as const, summary: 'New cough', awareness: null, situation: null, background: null, assessment: null, recommendation: null, updatedAt: '2026-03-02T19:00:00Z', updatedByName: 'Nina' };
    const c = buildSheet(sheetInput({ notes: new Map([[1, note]]) }));
    expect(envelope(c.content)).not.toBe(envelope(a.content));
  });
});
