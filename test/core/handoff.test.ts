import { describe, expect, test } from 'vitest';
import type { InputOf } from '../../shared/contract';
import { STRONG_PASSWORD, adminCore, caller } from '../support/core';
import { countRows, fingerprint } from '../support/db';
import { addRooms, admission } from '../support/residents';

// Issue 12, the handoff core, on both engines (the `pg` project runs this same file on PostgreSQL).
// 2026-03-02 14:00 UTC is 08:00 in Chicago: the Day shift (07–15) of Mar 2 is being worked.
const NOW = '2026-03-02T14:00:00Z';

async function setup() {
  const a = await adminCore({ now: NOW });
  const place = await addRooms(a);
  const mc = place.units['Memory Care']!;
  const s2 = place.units['Skilled 2']!;
  const shifts = Object.fromEntries((await a.must('facility.get', {})).shifts.map((s) => [s.name, s.id])) as Record<'Day' | 'Evening' | 'Night', number>;
  const admit = (over: Partial<InputOf<'residents.admit'>> & { bedId: number; recordNumber: string; legalGiven: string }) =>
    a.must('residents.admit', admission({ unitId: mc, allergies: { state: 'nka', recordedOn: '2026-02-01' }, fallRisk: 'low', isolation: 'none', ...over }));
  const ana = await admit({ bedId: place.beds['102A']!, recordNumber: 'R-1', legalGiven: 'Ana' });
  const ben = await admit({ bedId: place.beds['101A']!, recordNumber: 'R-2', legalGiven: 'Ben' });
  const day = { date: '2026-03-02', shiftId: shifts.Day };
  return { ...a, ...place, mc, s2, shifts, ana, ben, day, admit };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const NURSE_PASSWORD = 'quiet meadow lantern river';

/**
 * Moves the clock and signs the callers in again: a jump past the idle lock ends a session, as it
 * would at a station left alone that long.
 */
async function travel(a: Setup, iso: string, ...others: { must: Setup['must']; username: string }[]) {
  a.clock.set(iso);
  await a.must('auth.signIn', { username: 'admin', password: STRONG_PASSWORD });
  for (const o of others) await o.must('auth.signIn', { username: o.username, password: NURSE_PASSWORD });
}

const note = (over: Partial<InputOf<'handoff.saveNote'>> & { residentId: number; date: string; shiftId: number }): InputOf<'handoff.saveNote'> => ({
  expectedVersion: null,
  template: 'ipass',
  severity: 'watcher',
  summary: 'New cough since lunch; lungs clear.',
  awareness: 'If temperature above 38.0, call the on-call physician.',
  ...over,
});

function fieldsOf(r: { ok: boolean; error?: { fields?: { path: string; code: string }[] } }) {
  return r.ok ? [] : (r.error?.fields ?? []).map((f) => `${f.path}:${f.code}`);
}

/** A nurse with her own password, signed in on her own connection. */
async function nurse(a: Setup, username = 'nina', displayName = 'Nina Nurse', role: 'nurse' | 'care_aide' | 'care_coordinator' | 'charge_nurse' = 'nurse') {
  await a.must('users.create', { username, displayName, role, password: STRONG_PASSWORD });
  const c = caller(a.core);
  await c.must('auth.signIn', { username, password: STRONG_PASSWORD });
  await c.must('auth.changePassword', { currentPassword: STRONG_PASSWORD, newPassword: NURSE_PASSWORD });
  return { ...c, username };
}

describe('I-PASS notes', () => {
  test('autosave over row versions: created, updated, and a save over a newer version refused with who', async () => {
    const a = await setup();
    const first = await a.must('handoff.saveNote', note({ residentId: a.ana.id, ...a.day }));
    expect(first).toMatchObject({ version: 1, severity: 'watcher', template: 'ipass', updatedByName: 'Ada Admin' });
    const second = await a.must('handoff.saveNote', note({ residentId: a.ana.id, ...a.day, expectedVersion: 1, summary: 'Cough better.' }));
    expect(second).toMatchObject({ version: 2, summary: 'Cough better.' });
    const n = await nurse(a);
    const stale = await n.call('handoff.saveNote', note({ residentId: a.ana.id, ...a.day, expectedVersion: 1, summary: 'Mine' }));
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: 'error.changedElsewhere', params: { by: 'Ada Admin', currentVersion: 2 } } });
    // Started at two stations at once: the second "new" note does not overwrite the first.
    const twice = await n.call('handoff.saveNote', note({ residentId: a.ana.id, ...a.day, summary: 'Also mine' }));
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await a.must('handoff.notes', { unitId: a.mc, ...a.day })).residents.find((r) => r.residentId === a.ana.id)!.note!.summary).toBe('Cough better.');
  });

  test('a note over the limit is refused with the limit, and nothing is written', async () => {
    const a = await setup();
    const before = await fingerprint(a.core);
    const r = await a.call('handoff.saveNote', note({ residentId: a.ana.id, ...a.day, summary: 'x'.repeat(601) }));
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'summary', code: 'too_long', params: { max: 600 } }] } });
    expect(await fingerprint(a.core)).toBe(before);
    expect((await a.call('handoff.saveNote', note({ residentId: a.ana.id, ...a.day, summary: 'x'.repeat(600) }))).ok).toBe(true);
  });

  test.each([
    ['a shift that does not exist', { shiftId: 999 }, 'shiftId:unknown_shift'],
    ['a date in the future', { date: '2026-03-03' }, 'date:date_out_of_range'],
    ['a date two days back', { date: '2026-02-28' }, 'date:date_out_of_range'],
    ['not a date', { date: '2026-02-30' }, 'date:invalid_date'],
  ])('%s is refused and nothing is written', async (_name, over, expected) => {
    const a = await setup();
    const before = await fingerprint(a.core);
    const r = await a.call('handoff.saveNote', note({ residentId: a.ana.id, ...a.day, ...over }));
    expect(fieldsOf(r)).toEqual([expected]);
    expect(await fingerprint(a.core)).toBe(before);
  });

  test('the range is named: a week back to tomorrow for sheets', async () => {
    const a = await setup();
    const r = await a.call('handoff.sheet', { unitId: a.mc, date: '2025-03-02', shiftId: a.shifts.Day });
    expect(r).toMatchObject({ ok: false, error: { fields: [{ path: 'date', code: 'date_out_of_range', params: { min: '2026-02-23', max: '2026-03-03' } }] } });
    expect((await a.call('handoff.sheet', { unitId: a.mc, date: '2026-03-04', shiftId: a.shifts.Day })).ok).toBe(false);
    expect((await a.call('handoff.sheet', { unitId: a.mc, date: '2026-02-23', shiftId: a.shifts.Day })).ok).toBe(true);
  });

  test('notes only for residents on the census', async () => {
    const a = await setup();
    await a.must('residents.changeStatus', { id: a.ben.id, status: 'discharged', date: '2026-03-02' });
    expect(fieldsOf(await a.call('handoff.saveNote', note({ residentId: a.ben.id, ...a.day })))).toEqual(['residentId:not_on_census']);
    expect(await a.call('handoff.saveNote', note({ residentId: 9999, ...a.day }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  test("the previous shift's note is offered to carry forward, and SBAR is the facility's other choice", async () => {
    const a = await setup();
    await travel(a, '2026-03-02T12:00:00Z'); // 06:00: the Night shift of Mar 1
    await a.must('handoff.saveNote', note({ residentId: a.ana.id, date: '2026-03-01', shiftId: a.shifts.Night, summary: 'Slept from 02:00.' }));
    await travel(a, NOW);
    const notes = await a.must('handoff.notes', { unitId: a.mc, ...a.day });
    expect(notes.previous).toEqual({ date: '2026-03-01', shiftId: a.shifts.Night, shiftName: 'Night' });
    expect(notes.residents.map((r) => [r.legalGiven, r.place?.roomLabel, r.note, r.previous?.summary ?? null])).toEqual([
      ['Ben', '101', null, null],
      ['Ana', '102', null, 'Slept from 02:00.'],
    ]);
    expect(notes.template).toBe('ipass');
    await a.must('handoff.setTemplate', { template: 'sbar' });
    expect((await a.must('handoff.settings', {})).template).toBe('sbar');
    const sbar = await a.must('handoff.saveNote', { residentId: a.ben.id, ...a.day, expectedVersion: null, template: 'sbar', situation: 'Fell at 03:10', background: 'On anticoagulants', assessment: 'No injury', recommendation: 'Neuro checks q4h' });
    expect(sbar).toMatchObject({ template: 'sbar', severity: null, summary: null, recommendation: 'Neuro checks q4h' });
  });
});

describe('actions', () => {
  test('carried from shift to shift until done; a due time after midnight in a night shift is the next day', async () => {
    const a = await setup();
    const act = await a.must('handoff.addAction', { residentId: a.ana.id, ...a.day, text: 'Recheck temperature', owner: 'Evening RN', dueTime: '18:00' });
    expect(act).toMatchObject({ dueDate: '2026-03-02', dueTime: '18:00', owner: 'Evening RN', doneAt: null, version: 1 });
    await travel(a, '2026-03-03T05:30:00Z'); // 23:30, Night of Mar 2
    const night = await a.must('handoff.addAction', { residentId: a.ana.id, date: '2026-03-02', shiftId: a.shifts.Night, text: 'Glucose at 02:00', dueTime: '02:00' });
    expect(night.dueDate).toBe('2026-03-03');
    const sheet = await a.must('handoff.sheet', { unitId: a.mc, date: '2026-03-02', shiftId: a.shifts.Night });
    const ana = sheet.rows.find((r) => r.residentId === a.ana.id)!;
    expect(ana.actions.map((x) => [x.text, x.overdue])).toEqual([
      ['Recheck temperature', true],
      ['Glucose at 02:00', false],
    ]);
    const done = await a.must('handoff.completeAction', { id: act.id, expectedVersion: 1 });
    expect(done).toMatchObject({ doneByName: 'Ada Admin', version: 2 });
    expect(await a.call('handoff.completeAction', { id: act.id, expectedVersion: 1 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const after = await a.must('handoff.sheet', { unitId: a.mc, date: '2026-03-02', shiftId: a.shifts.Night });
    expect(after.rows.find((r) => r.residentId === a.ana.id)!.actions.map((x) => x.text)).toEqual(['Glucose at 02:00']);
  });
});

describe('the sheet', () => {
  test('rows in room order with every column, "Not assessed" kept as null, out of the building listed, coverage in the header', async () => {
    const a = await setup();
    await a.must('residents.changeStatus', { id: a.ana.id, status: 'hospital', date: '2026-03-01' });
    const sheet = await a.must('handoff.sheet', { unitId: a.mc, ...a.day });
    expect(sheet.unit).toEqual({ id: a.mc, name: 'Memory Care' });
    expect(sheet.shift).toMatchObject({ name: 'Day', start: '07:00', end: '15:00' });
    expect(sheet.window).toEqual({ from: '2026-03-02T13:00:00.000Z', until: '2026-03-02T21:00:00.000Z' });
    expect(sheet.rows.map((r) => r.legalGiven)).toEqual(['Ben', 'Ana']);
    expect([sheet.census, sheet.outOfBuilding]).toEqual([2, 1]);
    expect(sheet.rows[1]!.away).toEqual({ kind: 'hospital', since: '2026-03-01' });
    expect(sheet.rows[0]).toMatchObject({ age: 84, codeStatus: 'dnr', allergies: { state: 'nka' }, fallRisk: 'low', isolation: 'none', place: { roomLabel: '101', bedLabel: 'A' } });
    expect(sheet.coverage).toEqual({ result: 'unknown', coveredBy: [] });
    // Appointments are known since issue 10 (none booked here): the sheet has its appointments column.
    expect(sheet.scheduleAvailable).toBe(true);
    expect(sheet.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a unit with no residents is a sheet that says so; unknown units and shifts are refused', async () => {
    const a = await setup();
    const empty = await a.must('handoff.sheet', { unitId: a.s2, ...a.day });
    expect([empty.rows, empty.census]).toEqual([[], 0]);
    expect(fieldsOf(await a.call('handoff.sheet', { unitId: 999, ...a.day }))).toEqual(['unitId:unknown_unit']);
    expect(fieldsOf(await a.call('handoff.sheet', { unitId: a.mc, date: a.day.date, shiftId: 999 }))).toEqual(['shiftId:unknown_shift']);
    expect(fieldsOf(await a.call('handoff.sheet', { ...a.day }))).toEqual(['unitId:unit_or_residents']);
  });

  test('a sheet for chosen residents, across units, in room order; one not on the census is named', async () => {
    const a = await setup();
    const cara = await a.admit({ bedId: a.beds['201A']!, unitId: a.s2, recordNumber: 'R-3', legalGiven: 'Cara' });
    const sheet = await a.must('handoff.sheet', { residentIds: [cara.id, a.ana.id], ...a.day });
    expect(sheet.unit).toBeNull();
    expect(sheet.rows.map((r) => r.legalGiven)).toEqual(['Ana', 'Cara']);
    await a.must('residents.changeStatus', { id: cara.id, status: 'discharged', date: '2026-03-02' });
    expect(fieldsOf(await a.call('handoff.sheet', { residentIds: [a.ana.id, cara.id], ...a.day }))).toEqual(['residentIds.1:not_on_census']);
  });

  test('events of the last 24 hours: admission, hospital and return, a move, clinical changes', async () => {
    const a = await setup(); // Ana and Ben admitted Mar 2 at 08:00: more than 24 hours before the sheet below
    await travel(a, '2026-03-02T14:30:00Z');
    await a.admit({ bedId: a.beds['103A']!, recordNumber: 'R-9', legalGiven: 'Olga', admittedOn: '2026-03-02' });
    await travel(a, '2026-03-03T14:40:00Z');
    await a.admit({ bedId: a.beds['104A']!, recordNumber: 'R-4', legalGiven: 'Dan', admittedOn: '2026-03-03' });
    // Entered now but dated weeks ago: history, not an event of the last 24 hours.
    await a.admit({ bedId: a.beds['104B']!, recordNumber: 'R-5', legalGiven: 'Cara', admittedOn: '2026-02-10' });
    await a.must('residents.changeStatus', { id: a.ana.id, status: 'hospital', date: '2026-03-03' });
    await a.must('residents.changeStatus', { id: a.ana.id, status: 'active', date: '2026-03-03' });
    await a.must('residents.transfer', { id: a.ben.id, bedId: a.beds['101B']!, date: '2026-03-03' });
    await updateResident(a, a.ben.id, { codeStatus: 'full_code' });
    await travel(a, '2026-03-03T14:45:00Z');
    const sheet = await a.must('handoff.sheet', { unitId: a.mc, date: '2026-03-03', shiftId: a.shifts.Day });
    const events = Object.fromEntries(sheet.rows.map((r) => [r.legalGiven, r.events.map((e) => (e.kind === 'clinical' ? `clinical:${e.fields.join(',')}` : e.kind))]));
    expect(events).toEqual({ Ben: ['moved', 'clinical:codeStatus'], Ana: ['status', 'returned'], Olga: [], Dan: ['admitted'], Cara: [] });
    const moved = sheet.rows[0]!.events[0]!;
    expect(moved.kind === 'moved' && [moved.from, moved.to]).toEqual(['Memory Care · 101-A', 'Memory Care · 101-B']);
  });
});

/** A fresh resident record as `residents.update` takes it, with some fields changed. */
async function updateResident(a: Setup, id: number, over: Partial<InputOf<'residents.update'>>) {
  const r = await a.must('residents.get', { id });
  const input: InputOf<'residents.update'> = {
    id,
    expectedVersion: r.version,
    legalGiven: r.legalGiven,
    legalFamily: r.legalFamily,
    preferredName: r.preferredName,
    dateOfBirth: r.dateOfBirth,
    sex: r.sex,
    recordNumber: r.recordNumber,
    codeStatus: r.codeStatus,
    codeStatusForm: r.codeStatusForm,
    codeStatusDocumentedOn: r.codeStatusDocumentedOn,
    allergies: r.allergies.state === 'listed' ? { state: 'listed', items: r.allergyItems } : r.allergies.state === 'nka' ? { state: 'nka', recordedOn: r.allergies.recordedOn! } : { state: 'not_recorded' },
    dietType: r.dietType,
    iddsiFood: r.iddsiFood,
    iddsiDrink: r.iddsiDrink,
    transfer: r.transfer,
    aid: r.aid,
    fallRisk: r.fallRisk,
    wanderingRisk: r.wanderingRisk,
    isolation: r.isolation,
    ...over,
  };
  return a.must('residents.update', input);
}

describe('changed since the last handoff', () => {
  test('every kind of change is marked against the previous shift’s printed sheet', async () => {
    const a = await setup();
    const cy = await a.admit({ bedId: a.beds['103A']!, recordNumber: 'R-5', legalGiven: 'Cy' });
    const di = await a.admit({ bedId: a.beds['103B']!, recordNumber: 'R-6', legalGiven: 'Di' });
    const ed = await a.admit({ bedId: a.beds['104A']!, recordNumber: 'R-7', legalGiven: 'Ed' });
    await a.must('residents.changeStatus', { id: ed.id, status: 'hospital', date: '2026-03-01' });
    const fay = await a.admit({ bedId: a.beds['201A']!, unitId: a.s2, recordNumber: 'R-8', legalGiven: 'Fay' });
    // The Day sheet is printed: that version is what the Evening sheet compares with.
    const day = await a.must('handoff.sheet', { unitId: a.mc, ...a.day });
    expect(day.baseline).toBeNull();
    expect(day.rows.every((r) => r.changes.length === 0)).toBe(true);
    await a.must('handoff.recordPrint', { unitId: a.mc, ...a.day, hash: day.hash });

    await travel(a, '2026-03-02T22:00:00Z'); // 16:00, Evening
    await updateResident(a, a.ana.id, { allergies: { state: 'listed', items: [{ substance: 'Latex', reaction: 'anaphylaxis', severity: 'severe' }] } });
    await updateResident(a, a.ben.id, { codeStatus: 'full_code' });
    await updateResident(a, cy.id, { fallRisk: 'high' });
    await updateResident(a, di.id, { isolation: 'contact' });
    await a.must('residents.changeStatus', { id: ed.id, status: 'active', date: '2026-03-02' });
    const gus = await a.admit({ bedId: a.beds['102B']!, recordNumber: 'R-10', legalGiven: 'Gus', admittedOn: '2026-03-02' });
    await a.must('residents.transfer', { id: fay.id, bedId: a.beds['104B']!, date: '2026-03-02' });

    const evening = await a.must('handoff.sheet', { unitId: a.mc, date: '2026-03-02', shiftId: a.shifts.Evening });
    expect(evening.baseline).toMatchObject({ date: '2026-03-02', shiftId: a.shifts.Day, shiftName: 'Day', acknowledged: false });
    const marks = Object.fromEntries(evening.rows.map((r) => [r.legalGiven, r.changes.map((c) => c.kind)]));
    expect(marks).toEqual({ Ben: ['code_status'], Ana: ['allergies'], Gus: ['admitted'], Cy: ['fall_risk'], Di: ['isolation'], Ed: ['returned'], Fay: ['moved_in'] });
    const allergy = evening.rows.find((r) => r.legalGiven === 'Ana')!.changes[0]!;
    expect(allergy).toMatchObject({ kind: 'allergies', before: 'nka', after: 'listed', added: [{ substance: 'Latex', severity: 'severe' }] });
    expect(evening.rows.find((r) => r.legalGiven === 'Ben')!.changes[0]).toEqual({ kind: 'code_status', residentId: a.ben.id, before: 'dnr', after: 'full_code' });
    expect(gus.id).toBeGreaterThan(0);
  });

  test('an acknowledged version is preferred over a later print of the same shift', async () => {
    const a = await setup();
    const first = await a.must('handoff.sheet', { unitId: a.mc, ...a.day });
    await a.must('handoff.acknowledge', { unitId: a.mc, ...a.day, hash: first.hash });
    await updateResident(a, a.ana.id, { fallRisk: 'high' });
    const second = await a.must('handoff.sheet', { unitId: a.mc, ...a.day });
    await a.must('handoff.recordPrint', { unitId: a.mc, ...a.day, hash: second.hash });
    await travel(a, '2026-03-02T22:00:00Z');
    const evening = await a.must('handoff.sheet', { unitId: a.mc, date: '2026-03-02', shiftId: a.shifts.Evening });
    expect(evening.baseline).toMatchObject({ acknowledged: true });
    expect(evening.rows.find((r) => r.legalGiven === 'Ana')!.changes.map((c) => c.kind)).toEqual(['fall_risk']);
  });
});

describe('receiver acknowledgment', () => {
  test('records who, when and the exact version; a sheet changed since it was shown is refused with nothing written', async () => {
    const a = await setup();
    await a.must('handoff.saveNote', note({ residentId: a.ana.id, ...a.day }));
    const shown = await a.must('handoff.sheet', { unitId: a.mc, ...a.day });
    const n = await nurse(a);
    await travel(a, '2026-03-02T21:05:00Z', n); // 15:05: the Evening nurse receives the Day handoff
    const ack = await n.must('handoff.acknowledge', { unitId: a.mc, ...a.day, hash: shown.hash, synthesis: 'Will recheck Ana at 18:00.' });
    expect(ack).toEqual({ id: expect.any(Number), at: '2026-03-02T21:05:00.000Z', hash: shown.hash });
    const again = await a.must('handoff.sheet', { unitId: a.mc, ...a.day });
    expect(again.acks).toEqual([{ id: ack.id, byName: 'Nina Nurse', at: '2026-03-02T21:05:00.000Z', hash: shown.hash, synthesis: 'Will recheck Ana at 18:00.', current: true }]);

    await updateResident(a, a.ana.id, { allergies: { state: 'listed', items: [{ substance: 'Latex', reaction: '', severity: 'severe' }] } });
    const before = await countRows(a.core, 'handoff_acks');
    const refused = await n.call('handoff.acknowledge', { unitId: a.mc, ...a.day, hash: shown.hash });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: 'handoff.sheetChanged' } });
    expect(await countRows(a.core, 'handoff_acks')).toBe(before);
    const now = await a.must('handoff.sheet', { unitId: a.mc, ...a.day });
    expect(now.hash).not.toBe(shown.hash);
    expect(now.acks[0]!.current).toBe(false);
    await n.must('handoff.acknowledge', { unitId: a.mc, ...a.day, hash: now.hash });
    expect(await countRows(a.core, 'handoff_sheets')).toBe(2);
  });

  test('a print records its version once; a print of a sheet that changed since it was loaded is refused', async () => {
    const a = await setup();
    const s = await a.must('handoff.sheet', { unitId: a.mc, ...a.day });
    const p1 = await a.must('handoff.recordPrint', { unitId: a.mc, ...a.day, hash: s.hash });
    const p2 = await a.must('handoff.recordPrint', { unitId: a.mc, ...a.day, hash: s.hash });
    expect(p2.sheetId).toBe(p1.sheetId);
    await a.must('handoff.saveNote', note({ residentId: a.ben.id, ...a.day }));
    expect(await a.call('handoff.recordPrint', { unitId: a.mc, ...a.day, hash: s.hash })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await countRows(a.core, 'handoff_sheets')).toBe(1);
  });
});

describe('roles and the Today board', () => {
  test('aides read the sheet but write nothing; coordinators do not read handoffs', async () => {
    const a = await setup();
    const aide = await nurse(a, 'ali', 'Ali Aide', 'care_aide');
    expect((await aide.call('handoff.sheet', { unitId: a.mc, ...a.day })).ok).toBe(true);
    expect(await aide.call('handoff.saveNote', note({ residentId: a.ana.id, ...a.day }))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const coordinator = await nurse(a, 'cora', 'Cora Coordinator', 'care_coordinator');
    expect(await coordinator.call('handoff.sheet', { unitId: a.mc, ...a.day })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await aide.call('handoff.setTemplate', { template: 'sbar' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('who is out of the building, whether the last handoff was acknowledged, and CPR coverage now and next', async () => {
    const a = await setup();
    await a.must('residents.changeStatus', { id: a.ana.id, status: 'leave', date: '2026-03-02' });
    const today = await a.must('handoff.today', {});
    expect(today.current).toEqual({ date: '2026-03-02', shiftId: a.shifts.Day, shiftName: 'Day' });
    expect(today.previous).toEqual({ date: '2026-03-01', shiftId: a.shifts.Night, shiftName: 'Night' });
    const mc = today.units.find((u) => u.unitId === a.mc)!;
    expect(mc).toMatchObject({ census: 2, handoff: { acknowledged: false, byName: null } });
    expect(mc.out).toEqual([expect.objectContaining({ residentId: a.ana.id, status: 'leave', since: '2026-03-02', roomLabel: '102' })]);
    expect(today.coverage.map((c) => [c.shiftName, c.result])).toEqual([
      ['Day', 'unknown'],
      ['Evening', 'unknown'],
    ]);
    const night = await a.must('handoff.sheet', { unitId: a.mc, date: '2026-03-01', shiftId: a.shifts.Night });
    await a.must('handoff.acknowledge', { unitId: a.mc, date: '2026-03-01', shiftId: a.shifts.Night, hash: night.hash });
    const after = await a.must('handoff.today', {});
    expect(after.units.find((u) => u.unitId === a.mc)!.handoff).toEqual({ acknowledged: true, byName: 'Ada Admin', at: '2026-03-02T14:00:00.000Z' });
  });
});

describe('printing the sheet', () => {
  test('to the system print dialog or to a PDF file: authorised for nurses, audited with where it went', async () => {
    const a = await setup();
    const n = await nurse(a);
    expect(await n.must('print.pdf', { document: 'handoff.sheet', suggestedName: 'Handoff Memory Care', to: 'printer' })).toMatchObject({ to: 'printer', pageSize: 'letter', landscape: true });
    // A document that does not say where prints to a PDF file, as every printout did before.
    expect(await n.must('print.pdf', { document: 'handoff.downtime', suggestedName: 'Downtime packet' })).toMatchObject({ to: 'pdf' });
    const audit = (await a.must('audit.list', { entity: 'print' })).rows.map((r) => r.after);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ document: 'handoff.sheet', to: 'printer' }),
        expect.objectContaining({ document: 'handoff.downtime', to: 'pdf' }),
      ]),
    );
    const coordinator = await nurse(a, 'cora', 'Cora Coordinator', 'care_coordinator');
    expect(await coordinator.call('print.pdf', { document: 'handoff.sheet', suggestedName: 'x', to: 'printer' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
