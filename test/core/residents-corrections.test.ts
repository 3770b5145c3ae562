import { describe, expect, test } from 'vitest';
import { adminCore, caller } from '../support/core';
import { fingerprint, sqlRows } from '../support/db';
import { addRooms, admission } from '../support/residents';

// Issue 8 · 2: a supervised "entered in error" correction — director of nursing or administrator,
// reason required, audited; restores the state before the mistaken entry and keeps that entry in
// the history, marked. 2026-03-02 is "today" (08:00 in Chicago).

const PASSWORD = 'quiet meadow lantern';
const OWN_PASSWORD = 'river stone harbor light';

async function setup() {
  const a = await adminCore({ now: '2026-03-02T14:00:00Z' });
  const place = await addRooms(a);
  const mc = place.units['Memory Care']!;
  const d = await a.must('residents.admit', admission({ unitId: mc, bedId: place.beds['101A']! }));
  const as = async (username: string, role: 'director_of_nursing' | 'charge_nurse') => {
    await a.must('users.create', { username, displayName: username === 'don' ? 'Dolores Director' : 'Carl Charge', role, password: PASSWORD });
    const c = caller(a.core);
    await c.must('auth.signIn', { username, password: PASSWORD });
    await c.must('auth.changePassword', { currentPassword: PASSWORD, newPassword: OWN_PASSWORD });
    return c;
  };
  return { ...a, ...place, mc, id: d.id, don: await as('don', 'director_of_nursing'), charge: await as('charge', 'charge_nurse') };
}

const fieldsOf = (r: { ok: boolean; error?: { fields?: { path: string; code: string }[] } }) => (r.ok ? [] : (r.error?.fields ?? []).map((f) => `${f.path}:${f.code}`));

describe('residents.markEnteredInError', () => {
  test('a death recorded by mistake: the director restores active in the same bed; the entry stays, marked, and it is audited', async () => {
    const a = await setup();
    const dead = await a.must('residents.changeStatus', { id: a.id, status: 'deceased', date: '2026-03-01' });
    expect(dead).toMatchObject({ status: 'deceased', location: null });

    const preview = await a.don.must('residents.correctable', { id: a.id });
    const entry = preview.entries.find((e) => e.kind === 'status')!;
    expect(entry).toMatchObject({ status: 'deceased', date: '2026-03-01', restores: { status: 'active', since: '2026-02-01', bed: { place: 'Memory Care · 101-A', free: true, takenBy: null }, frees: null } });

    const d = await a.don.must('residents.markEnteredInError', { id: a.id, expectedVersion: dead.version, kind: 'status', entryId: entry.entryId, reason: 'Wrong resident: the death was Room 102.' });
    expect(d).toMatchObject({ status: 'active', statusSince: '2026-02-01', location: { unitName: 'Memory Care', roomLabel: '101', bedLabel: 'A' } });
    // Never deleted: the mistaken period is still there, with who, when and why.
    expect(d.periods.map((p) => [p.status, p.from, p.to, p.enteredInError?.reason ?? null, p.enteredInError?.by ?? null])).toEqual([
      ['active', '2026-02-01', null, null, null],
      ['deceased', '2026-03-01', null, 'Wrong resident: the death was Room 102.', 'Dolores Director'],
    ]);
    expect(d.beds.map((b) => [b.place, b.from, b.to, b.enteredInError])).toEqual([['Memory Care · 101-A', '2026-02-01', null, null]]);
    expect((await a.must('residents.list', {})).rows.map((r) => r.id)).toEqual([a.id]);
    const audit = (await a.must('residents.history', { id: a.id })).rows[0]!;
    expect(audit).toMatchObject({ method: 'residents.markEnteredInError', userName: 'Dolores Director', before: { status: 'deceased' }, after: { status: 'active', enteredInError: { reason: 'Wrong resident: the death was Room 102.' } } });

    // The record goes on from the restored state: the next change closes the restored period.
    const later = await a.must('residents.changeStatus', { id: a.id, status: 'hospital', date: '2026-03-02' });
    expect(later.periods.filter((p) => !p.enteredInError).map((p) => [p.status, p.from, p.to])).toEqual([
      ['active', '2026-02-01', '2026-03-02'],
      ['hospital', '2026-03-02', null],
    ]);
    // The one already marked cannot be marked again.
    expect(fieldsOf(await a.don.call('residents.markEnteredInError', { id: a.id, expectedVersion: later.version, kind: 'status', entryId: entry.entryId, reason: 'Again, by mistake' }))).toEqual(['entryId:already_in_error']);
  });

  test('a discharge whose bed was taken since: says who has it, then the director chooses another free bed', async () => {
    const a = await setup();
    const gone = await a.must('residents.changeStatus', { id: a.id, status: 'discharged', date: '2026-02-20' });
    await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']!, recordNumber: 'MRN-2', legalGiven: 'Ruth', legalFamily: 'Anderson' }));
    const entry = (await a.don.must('residents.correctable', { id: a.id })).entries[0]!;
    expect(entry.restores.bed).toEqual({ bedId: a.beds['101A'], place: 'Memory Care · 101-A', free: false, takenBy: 'Anderson, Ruth' });

    const before = await fingerprint(a.core);
    const refused = await a.don.call('residents.markEnteredInError', { id: a.id, expectedVersion: gone.version, kind: 'status', entryId: entry.entryId, reason: 'Discharge was planned, not done' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'bedId', code: 'bed_taken_since', params: { bed: 'Memory Care · 101-A', by: 'Anderson, Ruth' } }] } });
    expect(await fingerprint(a.core)).toBe(before);

    const d = await a.don.must('residents.markEnteredInError', { id: a.id, expectedVersion: gone.version, kind: 'status', entryId: entry.entryId, reason: 'Discharge was planned, not done', bedId: a.beds['102B']! });
    expect(d).toMatchObject({ status: 'active', location: { roomLabel: '102', bedLabel: 'B' } });
    expect(d.beds.map((b) => [b.place, b.from, b.to, b.reason])).toEqual([
      ['Memory Care · 101-A', '2026-02-01', '2026-02-20', 'admission'],
      ['Memory Care · 102-B', '2026-02-20', null, 'correction'],
    ]);
  });

  test('a readmission in error goes back to discharged and frees its bed; a move after it must be taken back first', async () => {
    const a = await setup();
    await a.must('residents.changeStatus', { id: a.id, status: 'discharged', date: '2026-02-10' });
    await a.must('residents.changeStatus', { id: a.id, status: 'active', date: '2026-02-20', bedId: a.beds['103A']! });
    const moved = await a.must('residents.transfer', { id: a.id, bedId: a.beds['104A']!, date: '2026-02-25' });
    const entries = (await a.don.must('residents.correctable', { id: a.id })).entries;
    // Only the move is offered: taking the readmission back first would leave the move hanging.
    expect(entries.map((e) => [e.kind, e.place, e.restores.bed?.place ?? null, e.restores.frees])).toEqual([['move', 'Memory Care · 104-A', 'Memory Care · 103-A', 'Memory Care · 104-A']]);
    const readmission = moved.periods.at(-1)!;
    expect(fieldsOf(await a.don.call('residents.markEnteredInError', { id: a.id, expectedVersion: moved.version, kind: 'status', entryId: readmission.id, reason: 'Readmitted the wrong Ana' }))).toEqual(['entryId:correct_move_first']);

    const back = await a.don.must('residents.markEnteredInError', { id: a.id, expectedVersion: moved.version, kind: 'move', entryId: entries[0]!.entryId, reason: 'Move was cancelled' });
    expect(back.location).toMatchObject({ roomLabel: '103', bedLabel: 'A' });
    const d = await a.don.must('residents.markEnteredInError', { id: a.id, expectedVersion: back.version, kind: 'status', entryId: readmission.id, reason: 'Readmitted the wrong Ana' });
    expect(d).toMatchObject({ status: 'discharged', statusSince: '2026-02-10', location: null });
    expect(d.beds.map((b) => [b.place, b.to, b.enteredInError?.reason ?? null])).toEqual([
      ['Memory Care · 101-A', '2026-02-10', null],
      // Reopened when the move was taken back, then marked with the readmission: left as it was then.
      ['Memory Care · 103-A', null, 'Readmitted the wrong Ana'],
      ['Memory Care · 104-A', null, 'Move was cancelled'],
    ]);
    expect((await a.must('residents.freeBeds', { unitId: a.mc })).map((b) => `${b.roomLabel}-${b.bedLabel}`)).toEqual(expect.arrayContaining(['103-A', '104-A']));
  });

  test('a move in error whose earlier bed was taken: another bed is chosen, never the mistaken one', async () => {
    const a = await setup();
    const moved = await a.must('residents.transfer', { id: a.id, bedId: a.beds['102A']!, date: '2026-02-10' });
    await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']!, recordNumber: 'MRN-2', legalGiven: 'Ruth', legalFamily: 'Anderson' }));
    const move = moved.beds.at(-1)!;
    const input = { id: a.id, expectedVersion: moved.version, kind: 'move' as const, entryId: move.id, reason: 'Meant another resident' };
    expect(fieldsOf(await a.don.call('residents.markEnteredInError', input))).toEqual(['bedId:bed_taken_since']);
    expect(fieldsOf(await a.don.call('residents.markEnteredInError', { ...input, bedId: a.beds['102A']! }))).toEqual(['bedId:same_bed']);
    const d = await a.don.must('residents.markEnteredInError', { ...input, bedId: a.beds['103B']! });
    expect(d.location).toMatchObject({ roomLabel: '103', bedLabel: 'B' });
  });

  test('hospital leave in error: status only; no bed may be named', async () => {
    const a = await setup();
    const away = await a.must('residents.changeStatus', { id: a.id, status: 'hospital', date: '2026-02-28' });
    const entryId = away.periods.at(-1)!.id;
    expect(fieldsOf(await a.don.call('residents.markEnteredInError', { id: a.id, expectedVersion: away.version, kind: 'status', entryId, reason: 'Went to clinic, not hospital', bedId: a.beds['104B']! }))).toEqual(['bedId:bed_not_needed']);
    const d = await a.don.must('residents.markEnteredInError', { id: a.id, expectedVersion: away.version, kind: 'status', entryId, reason: 'Went to clinic, not hospital' });
    expect(d).toMatchObject({ status: 'active', statusSince: '2026-02-01', location: { roomLabel: '101', bedLabel: 'A' } });
  });

  test('supervised: a charge nurse is refused, a reason is required, the admission and older entries are not taken back', async () => {
    const a = await setup();
    const first = await a.must('residents.changeStatus', { id: a.id, status: 'hospital', date: '2026-02-10' });
    const latest = await a.must('residents.changeStatus', { id: a.id, status: 'active', date: '2026-02-12' });
    const before = await fingerprint(a.core);
    const base = { id: a.id, expectedVersion: latest.version, kind: 'status' as const, entryId: latest.periods.at(-1)!.id, reason: 'Entered twice by mistake' };
    expect(await a.charge.call('residents.markEnteredInError', base)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await a.charge.call('residents.correctable', { id: a.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fieldsOf(await a.don.call('residents.markEnteredInError', { ...base, reason: '  ' }))).toEqual(['reason:required']);
    expect(fieldsOf(await a.don.call('residents.markEnteredInError', { ...base, reason: 'oops' }))).toEqual(['reason:too_short']);
    expect(fieldsOf(await a.don.call('residents.markEnteredInError', { ...base, entryId: first.periods[0]!.id }))).toEqual(['entryId:admission_not_correctable']);
    expect(fieldsOf(await a.don.call('residents.markEnteredInError', { ...base, entryId: first.periods[1]!.id }))).toEqual(['entryId:not_latest']);
    expect(fieldsOf(await a.don.call('residents.markEnteredInError', { ...base, entryId: 999 }))).toEqual(['entryId:unknown_entry']);
    expect(await a.don.call('residents.markEnteredInError', { ...base, expectedVersion: first.version })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await fingerprint(a.core)).toBe(before);
    // An administrator may, as the director may.
    expect((await a.call('residents.markEnteredInError', base)).ok).toBe(true);
  });

  test('the history tables keep the marked rows exactly as entered', async () => {
    const a = await setup();
    const dead = await a.must('residents.changeStatus', { id: a.id, status: 'deceased', date: '2026-03-01', note: 'Found unresponsive' });
    const entryId = dead.periods.at(-1)!.id;
    await a.don.must('residents.markEnteredInError', { id: a.id, expectedVersion: dead.version, kind: 'status', entryId, reason: 'Wrong resident chart' });
    const rows = await sqlRows<{ status: string; from_date: string; to_date: string | null; note: string | null; entered_in_error_reason: string | null }>(
      a.core,
      'SELECT status, from_date, to_date, note, entered_in_error_reason FROM resident_status_periods WHERE resident_id = ? ORDER BY id',
      [a.id],
    );
    expect(rows).toEqual([
      { status: 'active', from_date: '2026-02-01', to_date: null, note: null, entered_in_error_reason: null },
      { status: 'deceased', from_date: '2026-03-01', to_date: null, note: 'Found unresponsive', entered_in_error_reason: 'Wrong resident chart' },
    ]);
  });
});
