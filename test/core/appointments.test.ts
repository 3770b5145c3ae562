import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { nearWindow } from '../../electron/core/handlers/appointments';
import { requireLocal } from '../../shared/domain/appointments/local-time';
import { expand, type Series } from '../../shared/domain/appointments/recurrence';
import { adminCore } from '../support/core';
import { countRows, fingerprint, sqlRows } from '../support/db';
import { addRooms, admission } from '../support/residents';

// Issue 10, the appointments core, on both engines (the `pg` project runs this same file on PostgreSQL).
// The facility is in America/Chicago; 2026-03-02 14:00 UTC is 08:00 there. Clocks spring forward on
// Sunday 2026-03-08 (02:00 → 03:00) and fall back on 2026-11-01 (02:00 → 01:00).
const NOW = '2026-03-02T14:00:00Z';

async function setup() {
  const a = await adminCore({ now: NOW });
  const place = await addRooms(a);
  const mc = place.units['Memory Care']!;
  const s2 = place.units['Skilled 2']!;
  const ana = await a.must('residents.admit', admission({ unitId: mc, bedId: place.beds['101A']!, recordNumber: 'R-1', legalGiven: 'Ana' }));
  const ben = await a.must('residents.admit', admission({ unitId: s2, bedId: place.beds['201A']!, recordNumber: 'R-2', legalGiven: 'Ben' }));
  return { ...a, ...place, mc, s2, ana, ben };
}

const one = (over: Partial<InputOf<'appointments.create'>> & { residentId: number }): InputOf<'appointments.create'> => ({
  type: 'physician',
  setting: 'external',
  providerName: 'Dr. Rivera',
  startLocal: '2026-03-04T10:00',
  endLocal: '2026-03-04T11:00',
  ...over,
});

const fieldsOf = (r: { ok: boolean; error?: { fields?: { path: string; code: string }[] } }) => (r.ok ? [] : (r.error?.fields ?? []).map((f) => `${f.path}:${f.code}`));

describe('appointments', () => {
  test('a one-off appointment is booked, listed by unit and day, and read back', async () => {
    const a = await setup();
    const created = await a.must('appointments.create', one({ residentId: a.ana.id, preparation: { items: ['fasting', 'fasting', 'npo_after_midnight'] } }));
    expect(created).toMatchObject({ status: 'scheduled', startAt: '2026-03-04T16:00:00.000Z', endAt: '2026-03-04T17:00:00.000Z', startLocal: '2026-03-04T10:00', unitName: 'Memory Care', version: 1 });
    expect(created.preparationItems).toEqual(['npo_after_midnight', 'fasting']);
    expect(created.history).toHaveLength(1);
    const day = await a.must('appointments.list', { from: '2026-03-04', to: '2026-03-04', unitId: a.mc });
    expect(day.rows.map((r) => r.id)).toEqual([created.id]);
    expect((await a.must('appointments.list', { from: '2026-03-04', to: '2026-03-04', unitId: a.s2 })).total).toBe(0);
    expect((await a.must('appointments.list', { from: '2026-03-05', to: '2026-03-06' })).total).toBe(0);
  });

  test('bad input names its field and writes nothing', async () => {
    const a = await setup();
    const before = await fingerprint(a.core);
    expect(fieldsOf(await a.call('appointments.create', one({ residentId: a.ana.id, endLocal: '2026-03-04T09:00' })))).toEqual(['endLocal:end_before_start']);
    // 02:30 does not exist on 8 March in Chicago.
    const gap = await a.call('appointments.create', one({ residentId: a.ana.id, startLocal: '2026-03-08T02:30', endLocal: '2026-03-08T04:00' }));
    expect(fieldsOf(gap)).toEqual(['startLocal:local_time_skipped']);
    expect(!gap.ok && gap.error.fields![0]!.params).toMatchObject({ suggestedTime: '03:30' });
    // 01:30 happens twice on 1 November: ask which.
    expect(fieldsOf(await a.call('appointments.create', one({ residentId: a.ana.id, startLocal: '2026-11-01T01:30', endLocal: '2026-11-01T03:00' })))).toEqual(['startLocal:local_time_ambiguous']);
    expect(fieldsOf(await a.call('appointments.createSeries', { ...one({ residentId: a.ana.id, startLocal: '2026-04-01T10:00', endLocal: '2026-04-01T11:00' }), recurrence: { freq: 'monthly', byMonthDay: [31], end: { kind: 'until', date: '2026-04-29' } } }))).toEqual(['recurrence:rule_no_occurrences']);
    expect(fieldsOf(await a.call('appointments.createSeries', { ...one({ residentId: a.ana.id }), recurrence: { freq: 'weekly', byDay: ['WE'], end: { kind: 'until', date: '2028-12-31' } } }))).toEqual(['recurrence.end.date:beyond_horizon']);
    await a.must('residents.changeStatus', { id: a.ben.id, status: 'discharged', date: '2026-03-02' });
    const afterDischarge = await fingerprint(a.core);
    expect(fieldsOf(await a.call('appointments.create', one({ residentId: a.ben.id })))).toEqual(['residentId:resident_not_in_care']);
    expect(await fingerprint(a.core)).toBe(afterDischarge);
    expect(await countRows(a.core, 'appointments')).toBe(0);
    expect(before).not.toBe(afterDischarge);
  });

  test('a clash is shown before saving; back-to-back is not one; save anyway records the reason', async () => {
    const a = await setup();
    const first = await a.must('appointments.create', one({ residentId: a.ana.id }));
    // Back to back: 11:00–12:00 after 10:00–11:00.
    await a.must('appointments.create', one({ residentId: a.ana.id, startLocal: '2026-03-04T11:00', endLocal: '2026-03-04T12:00' }));
    const clash = await a.call('appointments.create', one({ residentId: a.ana.id, startLocal: '2026-03-04T10:30', endLocal: '2026-03-04T10:45' }));
    expect(clash.ok).toBe(false);
    if (clash.ok) return;
    expect(clash.error.code).toBe('conflict');
    expect(clash.error.fields).toEqual([expect.objectContaining({ path: 'startLocal', code: 'overlaps_appointment', params: expect.objectContaining({ key: `appointment:${first.id}` }) })]);
    // A reason without acknowledging the clash is not enough.
    expect((await a.call('appointments.create', one({ residentId: a.ana.id, startLocal: '2026-03-04T10:30', endLocal: '2026-03-04T10:45', conflictOverride: { reason: 'x', acknowledged: [] } }))).ok).toBe(false);
    const saved = await a.must('appointments.create', one({ residentId: a.ana.id, startLocal: '2026-03-04T10:30', endLocal: '2026-03-04T10:45', conflictOverride: { reason: 'Lab draw during the visit', acknowledged: [`appointment:${first.id}`] } }));
    expect(saved.overrides).toEqual([expect.objectContaining({ reason: 'Lab draw during the visit', keys: [`appointment:${first.id}`] })]);
  });

  test('a weekly series: occurrences listed, one moved (with its clash), family informed, the rest untouched', async () => {
    const a = await setup();
    const series = await a.must('appointments.createSeries', {
      ...one({ residentId: a.ana.id, type: 'dialysis', startLocal: '2026-03-02T06:30', endLocal: '2026-03-02T10:30' }),
      recurrence: { freq: 'weekly', byDay: ['MO', 'WE', 'FR'], end: { kind: 'until', date: '2026-03-31' } },
    });
    expect(series.rrule).toBe('FREQ=WEEKLY;BYDAY=MO,WE,FR');
    const week = await a.must('appointments.agenda', { date: '2026-03-02', days: 7, unitId: a.mc });
    // 06:30 stays 06:30 local across the 8 March change: 12:30Z before, 11:30Z after.
    expect(week.rows.map((r) => r.startLocal)).toEqual(['2026-03-02T06:30', '2026-03-04T06:30', '2026-03-06T06:30']);
    const next = await a.must('appointments.agenda', { date: '2026-03-09', days: 1, unitId: a.mc });
    expect(next.rows.map((r) => [r.startLocal, r.startAt])).toEqual([['2026-03-09T06:30', '2026-03-09T11:30:00.000Z']]);
    // A one-off that clashes with the series.
    const clash = await a.call('appointments.create', one({ residentId: a.ana.id, startLocal: '2026-03-04T09:00', endLocal: '2026-03-04T09:30' }));
    expect(!clash.ok && clash.error.fields?.map((f) => f.params?.key)).toEqual([`series:${series.id}`]);
    // Move Wednesday's occurrence to Thursday, 07:00–11:00.
    const occ = await a.must('appointments.openOccurrence', { seriesId: series.id, originalLocal: '2026-03-04T06:30' });
    expect(occ).toMatchObject({ seriesId: series.id, originalLocal: '2026-03-04T06:30', startLocal: '2026-03-04T06:30', status: 'scheduled' });
    expect((await a.must('appointments.openOccurrence', { seriesId: series.id, originalLocal: '2026-03-04T06:30' })).id).toBe(occ.id);
    const moved = await a.must('appointments.reschedule', { id: occ.id, expectedVersion: occ.version, times: { startLocal: '2026-03-05T07:00', endLocal: '2026-03-05T11:00' } });
    expect(moved.startAt).toBe('2026-03-05T13:00:00.000Z');
    const after = await a.must('appointments.agenda', { date: '2026-03-02', days: 7, unitId: a.mc });
    expect(after.rows.map((r) => r.startLocal)).toEqual(['2026-03-02T06:30', '2026-03-05T07:00', '2026-03-06T06:30']);
    // Now the Wednesday slot is free.
    await a.must('appointments.create', one({ residentId: a.ana.id, startLocal: '2026-03-04T09:00', endLocal: '2026-03-04T09:30' }));
    const informed = await a.must('appointments.familyInformed', { id: moved.id, expectedVersion: moved.version, informed: { method: 'phone', contactName: 'Maria (daughter)', informedAt: '2026-03-02T13:30:00Z' } });
    expect(informed).toMatchObject({ familyInformedMethod: 'phone', familyInformedByName: 'Ada Admin', familyContactName: 'Maria (daughter)' });
    // A stale version is refused with who changed it.
    const stale = await a.call('appointments.setStatus', { id: moved.id, expectedVersion: moved.version, change: { status: 'confirmed' } });
    expect(!stale.ok && stale.error.code).toBe('conflict');
    // Completed before its start is refused.
    expect(fieldsOf(await a.call('appointments.setStatus', { id: moved.id, expectedVersion: informed.version, change: { status: 'completed' } }))).toEqual(['status:status_not_yet_started']);
    // The series keeps the move when edited as a whole (07:00 start for the rest).
    const s = await a.must('appointments.getSeries', { id: series.id });
    const edited = await a.must('appointments.editSeries', { id: series.id, expectedVersion: s.version, edit: { scope: 'all', startTime: '07:00' } });
    expect(edited.overrides).toEqual([expect.objectContaining({ originalLocal: '2026-03-04T07:00', startLocal: '2026-03-05T07:00', appointmentId: moved.id })]);
    const later = await a.must('appointments.agenda', { date: '2026-03-02', days: 7, unitId: a.mc });
    expect(later.rows.map((r) => r.startLocal).filter((x) => x.endsWith('07:00'))).toEqual(['2026-03-02T07:00', '2026-03-05T07:00', '2026-03-06T07:00']);
  });

  test('this and following: the series splits, earlier occurrences keep their time', async () => {
    const a = await setup();
    const series = await a.must('appointments.createSeries', {
      ...one({ residentId: a.ana.id, type: 'therapy', setting: 'in_house', startLocal: '2026-03-03T14:00', endLocal: '2026-03-03T15:00' }),
      recurrence: { freq: 'weekly', byDay: ['TU'], end: { kind: 'count', count: 6 } },
    });
    const edited = await a.must('appointments.editSeries', { id: series.id, expectedVersion: series.version, edit: { scope: 'following', fromLocal: '2026-03-24T14:00', startTime: '15:00' } });
    expect(edited.id).not.toBe(series.id);
    const rows = await a.must('appointments.list', { from: '2026-03-01', to: '2026-04-30', residentId: a.ana.id });
    expect(rows.rows.map((r) => r.startLocal)).toEqual(['2026-03-03T14:00', '2026-03-10T14:00', '2026-03-17T14:00', '2026-03-24T15:00', '2026-03-31T15:00', '2026-04-07T15:00']);
    // Paging over the merged list.
    const p2 = await a.must('appointments.list', { from: '2026-03-01', to: '2026-04-30', residentId: a.ana.id, offset: 2, limit: 2 });
    expect(p2).toMatchObject({ total: 6 });
    expect(p2.rows.map((r) => r.startLocal)).toEqual(['2026-03-17T14:00', '2026-03-24T15:00']);
    const cancelled = await a.must('appointments.cancelSeries', { id: edited.id, expectedVersion: edited.version, reason: 'Therapy ended' });
    expect(cancelled.cancelledAt).not.toBeNull();
    expect((await a.must('appointments.list', { from: '2026-03-01', to: '2026-04-30', residentId: a.ana.id })).total).toBe(3);
  });

  test('paging a day of stored rows and occurrences: every row once, in order, whatever the page size', async () => {
    const a = await setup();
    // Ben's Wednesdays at 12:00, and eight one-offs the day after, so the day's ids cross 9 → 10.
    await a.must('appointments.createSeries', { ...one({ residentId: a.ben.id, startLocal: '2026-03-04T12:00', endLocal: '2026-03-04T13:00' }), recurrence: { freq: 'weekly', byDay: ['WE'], end: { kind: 'count', count: 2 } } });
    for (let h = 8; h < 16; h++) await a.must('appointments.create', one({ residentId: a.ben.id, startLocal: `2026-03-05T${String(h).padStart(2, '0')}:00`, endLocal: `2026-03-05T${String(h).padStart(2, '0')}:30` }));
    // Three at 10:00 for Ana (each saved over the others' clash), one before and one after the series' 12:00.
    const same: number[] = [];
    for (let n = 0; n < 3; n++) {
      const acknowledged = same.map((id) => `appointment:${id}`);
      same.push((await a.must('appointments.create', one({ residentId: a.ana.id, ...(n > 0 ? { conflictOverride: { reason: 'Two clinics share the slot', acknowledged } } : {}) }))).id);
    }
    const early = await a.must('appointments.create', one({ residentId: a.ana.id, startLocal: '2026-03-04T07:00', endLocal: '2026-03-04T07:30' }));
    const late = await a.must('appointments.create', one({ residentId: a.ana.id, startLocal: '2026-03-04T15:00', endLocal: '2026-03-04T15:30' }));
    expect(Math.max(...same)).toBeGreaterThanOrEqual(10);
    const day = { from: '2026-03-04', to: '2026-03-04' };
    const full = await a.must('appointments.list', day);
    expect(full.total).toBe(6);
    expect(full.rows.map((r) => r.startLocal)).toEqual(['2026-03-04T07:00', '2026-03-04T10:00', '2026-03-04T10:00', '2026-03-04T10:00', '2026-03-04T12:00', '2026-03-04T15:00']);
    expect(full.rows.map((r) => r.id)).toEqual([early.id, ...same, null, late.id]);
    // A page's total counts only the stored rows after the last one it read (start, then id: the
    // three at 10:00 are told apart by id).
    const stored = full.rows.filter((r) => r.id !== null);
    const filter = { fromAt: '2026-03-04T06:00:00.000Z', toAt: '2026-03-05T06:00:00.000Z', type: null, status: null, unitId: null, residentId: null, needsTransport: false, followUpDue: false, familyNotInformed: false, nowAt: NOW, soonAt: NOW };
    const after = await a.core.engine.read(async () => Promise.all(stored.map((r) => a.core.q.appointments.countAfter(filter, { startAt: r.startAt, id: r.id! }))));
    expect(after).toEqual([4, 3, 2, 1, 0]);
    for (const limit of [1, 2, 3, 4, 5]) {
      const keys: string[] = [];
      for (let offset = 0; offset < 6; offset += limit) {
        const page = await a.must('appointments.list', { ...day, offset, limit });
        expect(page.total).toBe(6);
        keys.push(...page.rows.map((r) => r.key));
      }
      expect(keys).toEqual(full.rows.map((r) => r.key));
    }
  });

  test('a series stores where its occurrences lie, kept by every write; a window reads only the series that reach it', async () => {
    const a = await setup();
    const bounds = async (id: number) => {
      const r = (await sqlRows<{ first_local: string; last_local: string; exception_count: number | string }>(a.core, 'SELECT first_local, last_local, exception_count FROM appointment_series WHERE id = ?', [id]))[0]!;
      return [r.first_local, r.last_local, Number(r.exception_count)];
    };
    const readFor = async (fromLocal: string, toLocal: string) => (await a.core.engine.read(() => a.core.q.appointments.seriesIn({ fromLocal, toLocal }))).map((x) => x.id);
    // Tuesdays 14:00 until Monday 30 March: the last occurrence is on the 24th.
    const s = await a.must('appointments.createSeries', {
      ...one({ residentId: a.ana.id, type: 'therapy', setting: 'in_house', startLocal: '2026-03-03T14:00', endLocal: '2026-03-03T15:00' }),
      recurrence: { freq: 'weekly', byDay: ['TU'], end: { kind: 'until', date: '2026-03-30' } },
    });
    expect(await bounds(s.id)).toEqual(['2026-03-03T14:00', '2026-03-24T14:00', 0]);
    // The days after the last occurrence (the rule itself runs on to the 30th) do not read the series.
    expect(await readFor('2026-03-25T00:00', '2026-03-31T00:00')).toEqual([]);
    expect(await readFor('2026-03-24T00:00', '2026-03-25T00:00')).toEqual([s.id]);
    expect(await readFor('2026-02-01T00:00', '2026-03-03T14:00')).toEqual([]);
    // One occurrence opened and moved past the rule's end: the bounds follow it.
    const occ = await a.must('appointments.openOccurrence', { seriesId: s.id, originalLocal: '2026-03-10T14:00' });
    expect(await bounds(s.id)).toEqual(['2026-03-03T14:00', '2026-03-24T14:00', 1]);
    await a.must('appointments.reschedule', { id: occ.id, expectedVersion: occ.version, times: { startLocal: '2026-03-31T10:00', endLocal: '2026-03-31T11:00' } });
    expect(await bounds(s.id)).toEqual(['2026-03-03T14:00', '2026-03-31T10:00', 1]);
    expect(await readFor('2026-03-31T00:00', '2026-04-01T00:00')).toEqual([s.id]);
    // The whole series re-timed: the move stays where it was moved to.
    const all = await a.must('appointments.editSeries', { id: s.id, expectedVersion: (await a.must('appointments.getSeries', { id: s.id })).version, edit: { scope: 'all', startTime: '15:00' } });
    expect(await bounds(s.id)).toEqual(['2026-03-03T15:00', '2026-03-31T10:00', 1]);
    // This and following from the 17th at 16:00: the old part ends before it (keeping the move), the new part starts there.
    const next = await a.must('appointments.editSeries', { id: s.id, expectedVersion: all.version, edit: { scope: 'following', fromLocal: '2026-03-17T15:00', startTime: '16:00' } });
    expect(await bounds(s.id)).toEqual(['2026-03-03T15:00', '2026-03-31T10:00', 1]);
    expect(await bounds(next.id)).toEqual(['2026-03-17T16:00', '2026-03-24T16:00', 0]);
    // Ended from the 24th (cancelled from there): the new part keeps the 17th, the cancelled rest is its own series.
    await a.must('appointments.cancelSeries', { id: next.id, expectedVersion: next.version, fromLocal: '2026-03-24T16:00', reason: 'Therapy ended' });
    expect(await bounds(next.id)).toEqual(['2026-03-17T16:00', '2026-03-17T16:00', 0]);
    const rest = (await sqlRows<{ id: number | string }>(a.core, 'SELECT id FROM appointment_series WHERE split_from_id = ?', [next.id])).map((r) => Number(r.id));
    expect(rest).toHaveLength(1);
    expect(await bounds(rest[0]!)).toEqual(['2026-03-24T16:00', '2026-03-24T16:00', 0]);
    // The 24th: only the old part (its move to the 31st spans it); the new part ends on the 17th, the rest is cancelled.
    expect(await readFor('2026-03-24T00:00', '2026-03-25T00:00')).toEqual([s.id]);
    const listed = await a.must('appointments.list', { from: '2026-03-01', to: '2026-04-30', residentId: a.ana.id });
    expect(listed.rows.map((r) => r.startLocal)).toEqual(['2026-03-03T15:00', '2026-03-17T16:00', '2026-03-31T10:00']);
  });

  test('the follow-ups work list, outcomes and the filters that match it', async () => {
    const a = await setup();
    const soon = await a.must('appointments.create', one({ residentId: a.ana.id, startLocal: '2026-03-03T10:00', endLocal: '2026-03-03T11:00' }));
    await a.must('appointments.create', one({ residentId: a.ben.id, setting: 'in_house', startLocal: '2026-03-10T10:00', endLocal: '2026-03-10T11:00' }));
    const lists = await a.must('appointments.followUps', {});
    expect(lists.familyNotInformed.map((x) => x.row.id)).toEqual([soon.id]);
    expect(lists.needsTransport.map((x) => x.row.id)).toEqual([soon.id]);
    expect((await a.must('appointments.list', { from: '2026-03-01', to: '2026-03-31', familyNotInformed: true })).rows.map((r) => r.id)).toEqual([soon.id]);
    a.clock.set('2026-03-03T18:00:00Z');
    await a.must('auth.signIn', { username: 'admin', password: 'lantern orchard bicycle' });
    const done = await a.must('appointments.setStatus', { id: soon.id, expectedVersion: soon.version, change: { status: 'completed' } });
    expect(fieldsOf(await a.call('appointments.recordOutcome', { id: done.id, expectedVersion: done.version, outcome: { newOrders: true } }))).toEqual(['outcome.followUpDue:follow_up_due_required']);
    const out = await a.must('appointments.recordOutcome', { id: done.id, expectedVersion: done.version, outcome: { outcomeNote: 'Start iron', newOrders: true, followUpDue: '2026-03-05' } });
    expect((await a.must('appointments.followUps', {})).newOrders.map((x) => [x.row.id, x.due, x.overdue])).toEqual([[soon.id, '2026-03-05', false]]);
    expect((await a.must('appointments.list', { from: '2026-03-01', to: '2026-03-31', followUpDue: true })).total).toBe(1);
    await a.must('appointments.markFollowedUp', { id: out.id, expectedVersion: out.version });
    expect((await a.must('appointments.followUps', {})).newOrders).toEqual([]);
    const detail = await a.must('appointments.get', { id: soon.id });
    expect(detail.history.map((h) => h.to)).toEqual(['scheduled', 'completed']);
  });

  test('providers: entered once, reused, duplicates merged', async () => {
    const a = await setup();
    const p1 = await a.must('appointments.createProvider', { name: 'Riverside Renal', address: '12 River Rd', phone: '555-0100' });
    const p2 = await a.must('appointments.createProvider', { name: 'Riverside Renal Center' });
    const appt = await a.must('appointments.create', one({ residentId: a.ana.id, providerId: p2.id, providerName: null }));
    expect(appt.providerName).toBe('Riverside Renal Center');
    const withDirectory = await a.must('appointments.create', one({ residentId: a.ben.id, providerId: p1.id, providerName: null }));
    expect(withDirectory).toMatchObject({ providerName: 'Riverside Renal', address: '12 River Rd', phone: '555-0100' });
    await a.must('appointments.mergeProviders', { fromId: p2.id, intoId: p1.id });
    expect((await a.must('appointments.get', { id: appt.id })).providerId).toBe(p1.id);
    expect((await a.must('appointments.providers', { query: 'riverside' })).rows.map((p) => p.id)).toEqual([p1.id]);
    expect(fieldsOf(await a.call('appointments.create', one({ residentId: a.ana.id, providerId: p2.id, startLocal: '2026-03-06T10:00', endLocal: '2026-03-06T11:00' })))).toEqual(['providerId:unknown_provider']);
  });

  test('the calendar export carries what the user chose, parses back, and is audited', async () => {
    const a = await setup();
    await a.must('appointments.createSeries', {
      ...one({ residentId: a.ana.id, type: 'dialysis', providerName: 'Riverside Renal', startLocal: '2026-03-02T06:30', endLocal: '2026-03-02T10:30' }),
      recurrence: { freq: 'weekly', byDay: ['MO', 'WE', 'FR'], end: { kind: 'until', date: '2026-03-31' } },
    });
    await a.must('appointments.create', one({ residentId: a.ana.id, startLocal: '2026-03-03T10:00', endLocal: '2026-03-03T11:00' }));
    const minimal = await a.must('appointments.exportIcs', { residentId: a.ana.id, from: '2026-03-01', to: '2026-03-31', content: {} });
    expect(minimal.text).not.toContain('Riverside');
    expect(minimal.text).not.toContain('Dialysis');
    const full = await a.must('appointments.exportIcs', { residentId: a.ana.id, from: '2026-03-01', to: '2026-03-31', content: { type: true, provider: true } });
    expect(full.text).toContain('Riverside Renal');
    const cal = new ICAL.Component(ICAL.parse(full.text));
    const events = cal.getAllSubcomponents('vevent');
    expect(events.length).toBe(2);
    const series = new ICAL.Event(events.find((e) => e.hasProperty('rrule'))!);
    const it = series.iterator();
    const starts: string[] = [];
    for (let n = it.next(); n && starts.length < 6; n = it.next()) starts.push(n.toJSDate().toISOString());
    // 06:30 Chicago: 12:30Z before 8 March, 11:30Z after.
    expect(starts).toEqual(['2026-03-02T12:30:00.000Z', '2026-03-04T12:30:00.000Z', '2026-03-06T12:30:00.000Z', '2026-03-09T11:30:00.000Z', '2026-03-11T11:30:00.000Z', '2026-03-13T11:30:00.000Z']);
    await a.core.dispatcher.settled();
    expect(await countRows(a.core, "audit_log WHERE entity = 'appointment_export'")).toBe(2);
  });

  test('the handoff sheet lists the shift’s appointments', async () => {
    const a = await setup();
    await a.must('appointments.create', one({ residentId: a.ana.id, type: 'dental', providerName: 'Smile Clinic', startLocal: '2026-03-02T12:00', endLocal: '2026-03-02T13:00', preparation: { items: ['bring_medication_list'] } }));
    const shifts = (await a.must('facility.get', {})).shifts;
    const sheet = await a.must('handoff.sheet', { unitId: a.mc, date: '2026-03-02', shiftId: shifts.find((s) => s.name === 'Day')!.id });
    expect(sheet.scheduleAvailable).toBe(true);
    const row = sheet.rows.find((r) => r.residentId === a.ana.id)!;
    expect(row.appointments).toEqual([expect.objectContaining({ title: 'Dental · Smile Clinic', inHouse: false, preparation: 'Bring medication list', when: 'this_shift' })]);
  });

  test('a window far from the start expands the same with DTSTART moved near it (daily and weekly, across DST)', () => {
    const base = { timeZone: 'America/New_York', untilLocal: '2027-12-31T23:59:59', durationMinutes: 60, exdates: ['2027-03-17T02:30'], rdates: [], overrides: [] } as const;
    const cases: Series[] = [
      { ...base, dtstartLocal: '2026-01-05T06:30', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR' },
      { ...base, dtstartLocal: '2026-01-06T02:30', rrule: 'FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,WE;WKST=MO' },
      { ...base, dtstartLocal: '2026-01-01T02:30', rrule: 'FREQ=DAILY;INTERVAL=4' },
    ];
    for (const s of cases) {
      for (const [from, to] of [['2027-03-10T00:00', '2027-03-20T00:00'], ['2027-11-01T00:00', '2027-11-09T00:00']] as const) {
        const f = Date.parse(`${from}:00Z`);
        const t = Date.parse(`${to}:00Z`);
        const moved = nearWindow(s, requireLocal(from));
        expect(moved.dtstartLocal > s.dtstartLocal).toBe(true);
        expect(expand(moved, f, t).map((o) => [o.start, o.originalWall])).toEqual(expand(s, f, t).map((o) => [o.start, o.originalWall]));
      }
    }
  });
});
