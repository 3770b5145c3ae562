import { describe, expect, test } from 'vitest';
import { adminCore, caller } from '../support/core';
import { addRooms, admission, counts } from '../support/residents';


// 2026-03-02 14:00 UTC is 08:00 in Chicago: "today" for every rule below is 2026-03-02.
async function setup() {
  const a = await adminCore({ now: '2026-03-02T14:00:00Z' });
  const place = await addRooms(a);
  const mc = place.units['Memory Care']!;
  return { ...a, ...place, mc };
}

function fieldsOf(r: { ok: boolean; error?: { fields?: { path: string; code: string }[] } }) {
  return r.ok ? [] : (r.error?.fields ?? []).map((f) => `${f.path}:${f.code}`);
}

describe('residents.admit', () => {
  test('admits into a free bed with status, bed history and an audit row', async () => {
    const a = await setup();
    const before = await counts(a.core);
    const d = await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']!, allergies: { state: 'listed', items: [{ substance: 'Latex', severity: 'mild' }, { substance: 'Penicillin', reaction: 'Hives', severity: 'severe' }] } }));
    expect(d).toMatchObject({ status: 'active', statusSince: '2026-02-01', age: 84, codeStatus: 'dnr', location: { unitName: 'Memory Care', roomLabel: '101', bedLabel: 'A' } });
    // The items themselves, severe first, each with its own severity: nothing to read back out of a text.
    expect(d.allergies).toEqual({
      state: 'listed',
      items: [
        { substance: 'Penicillin', reaction: 'Hives', severity: 'severe' },
        { substance: 'Latex', reaction: '', severity: 'mild' },
      ],
      hasSevere: true,
      recordedOn: null,
    });
    // Nothing clinical was sent beyond code status and allergies, so nothing else was invented.
    expect(d).toMatchObject({ dietType: null, iddsiFood: null, iddsiDrink: null, transfer: null, aid: null, bariatric: null, fallRisk: null, wanderingRisk: null, isolation: null, transportMode: null });
    expect(d.periods).toEqual([expect.objectContaining({ status: 'active', from: '2026-02-01', to: null })]);
    expect(d.beds).toEqual([expect.objectContaining({ reason: 'admission', from: '2026-02-01', to: null, place: 'Memory Care · 101-A' })]);
    const after = await counts(a.core);
    expect(after).toEqual({ ...before, residents: 1, periods: 1, beds: 1, allergies: 2, audit: before.audit + 1 });
    const history = await a.must('residents.history', { id: d.id });
    expect(history.rows[0]).toMatchObject({ method: 'residents.admit', entity: 'resident', entityId: String(d.id), before: null });
  });

  test.each([
    ['a date of birth in the future', { dateOfBirth: '2026-03-03' }, 'dateOfBirth:date_in_future'],
    ['a date of birth over 120 years ago', { dateOfBirth: '1906-03-01' }, 'dateOfBirth:dob_too_old'],
    ['an admission date in the future', { admittedOn: '2026-03-03' }, 'admittedOn:date_in_future'],
    ['an unknown unit', { unitId: 999 }, 'unitId:unknown_unit'],
    ['an unknown bed', { bedId: 999 }, 'bedId:unknown_bed'],
    ['a not-a-date birth date', { dateOfBirth: '1941-02-30' }, 'dateOfBirth:invalid_date'],
  ])('%s is a field error and nothing is written', async (_name, over, expected) => {
    const a = await setup();
    const before = await counts(a.core);
    const r = await a.call('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']!, ...over }));
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: 'error.validation' } });
    expect(fieldsOf(r)).toContain(expected);
    expect(await counts(a.core)).toEqual(before);
  });

  test('exactly 120 years is accepted (the limit day itself)', async () => {
    const a = await setup();
    expect((await a.call('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']!, dateOfBirth: '1906-03-02', admittedOn: '2026-03-02' }))).ok).toBe(true);
  });

  test('a second resident in an occupied bed is refused and nothing is written', async () => {
    const a = await setup();
    await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']! }));
    const before = await counts(a.core);
    const r = await a.call('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']!, recordNumber: 'MRN-2', legalGiven: 'Zoë' }));
    expect(fieldsOf(r)).toEqual(['bedId:bed_occupied']);
    expect(await counts(a.core)).toEqual(before);
  });

  test('a bed in another unit than the one chosen is refused', async () => {
    const a = await setup();
    const r = await a.call('residents.admit', admission({ unitId: a.mc, bedId: a.beds['201A']! }));
    expect(fieldsOf(r)).toEqual(['bedId:bed_not_in_unit']);
  });

  test('a duplicate record number (any case) is refused and nothing is written', async () => {
    const a = await setup();
    await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']! }));
    const before = await counts(a.core);
    const r = await a.call('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101B']!, recordNumber: 'mrn-1001', legalGiven: 'Other' }));
    expect(fieldsOf(r)).toEqual(['recordNumber:duplicate']);
    expect(await counts(a.core)).toEqual(before);
  });

  test('several problems are reported together', async () => {
    const a = await setup();
    await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']! }));
    const r = await a.call('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']!, dateOfBirth: '2030-01-01' }));
    expect(fieldsOf(r).sort()).toEqual(['bedId:bed_occupied', 'dateOfBirth:date_in_future', 'recordNumber:duplicate']);
  });

  test('schema problems name the field: missing code status, empty allergy list, unknown key', async () => {
    const a = await setup();
    const before = await counts(a.core);
    const r = await a.raw('residents.admit', { ...admission({ unitId: a.mc, bedId: a.beds['101A']! }), codeStatus: undefined, allergies: { state: 'listed', items: [] }, shoeSize: 9 });
    expect(fieldsOf(r as never).sort()).toEqual(['allergies.items:too_few', 'codeStatus:required', 'shoeSize:unknown_field']);
    expect(await counts(a.core)).toEqual(before);
  });

  test('two residents with the same name are allowed and told apart by room and birth date', async () => {
    const a = await setup();
    await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']!, legalGiven: 'María', legalFamily: 'García', recordNumber: 'A1', dateOfBirth: '1940-01-01' }));
    await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['102A']!, legalGiven: 'María', legalFamily: 'García', recordNumber: 'A2', dateOfBirth: '1952-07-09' }));
    const page = await a.must('residents.list', { query: 'maria garcia' });
    expect(page.rows.map((r) => [r.location?.roomLabel, r.dateOfBirth])).toEqual([
      ['101', '1940-01-01'],
      ['102', '1952-07-09'],
    ]);
  });
});

describe('moves and status changes', () => {
  async function admitted() {
    const a = await setup();
    const d = await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']! }));
    return { ...a, id: d.id };
  }

  test('transfer → hospital (bed held) → return → discharge (bed freed) → readmission, all with history', async () => {
    const a = await admitted();
    let d = await a.must('residents.transfer', { id: a.id, bedId: a.beds['103B']!, date: '2026-02-10', note: 'Quieter room' });
    expect(d.location?.roomLabel).toBe('103');
    expect(d.beds.map((b) => [b.place, b.from, b.to])).toEqual([
      ['Memory Care · 101-A', '2026-02-01', '2026-02-10'],
      ['Memory Care · 103-B', '2026-02-10', null],
    ]);
    d = await a.must('residents.changeStatus', { id: a.id, status: 'hospital', date: '2026-02-15' });
    expect(d).toMatchObject({ status: 'hospital', location: { roomLabel: '103' } });
    // A held bed is not free.
    expect((await a.must('residents.freeBeds', { unitId: a.mc })).some((b) => b.bedId === a.beds['103B'])).toBe(false);
    expect((await a.must('residents.list', {})).total).toBe(1);
    d = await a.must('residents.changeStatus', { id: a.id, status: 'active', date: '2026-02-18' });
    d = await a.must('residents.changeStatus', { id: a.id, status: 'discharged', date: '2026-02-25', note: 'Home with family' });
    expect(d).toMatchObject({ status: 'discharged', location: null });
    expect((await a.must('residents.freeBeds', { unitId: a.mc })).some((b) => b.bedId === a.beds['103B'])).toBe(true);
    // Off the census, still found.
    expect((await a.must('residents.list', {})).total).toBe(0);
    expect((await a.must('residents.list', { status: 'all', query: 'obrien' })).rows.map((r) => r.status)).toEqual(['discharged']);
    d = await a.must('residents.changeStatus', { id: a.id, status: 'active', date: '2026-03-01', bedId: a.beds['202A']! });
    expect(d).toMatchObject({ status: 'active', location: { unitName: 'Skilled 2', roomLabel: '202' } });
    expect(d.periods.map((p) => [p.status, p.from, p.to])).toEqual([
      ['active', '2026-02-01', '2026-02-15'],
      ['hospital', '2026-02-15', '2026-02-18'],
      ['active', '2026-02-18', '2026-02-25'],
      ['discharged', '2026-02-25', '2026-03-01'],
      ['active', '2026-03-01', null],
    ]);
    expect(d.beds.at(-1)).toMatchObject({ reason: 'readmission', place: 'Skilled 2 · 202-A' });
    // Every step is in the resident's history, newest first.
    expect((await a.must('residents.history', { id: a.id })).rows.map((r) => r.method)).toEqual([
      'residents.changeStatus',
      'residents.changeStatus',
      'residents.changeStatus',
      'residents.changeStatus',
      'residents.transfer',
      'residents.admit',
    ]);
  });

  test('discharge before admission is a date error and nothing is written', async () => {
    const a = await admitted();
    const before = await counts(a.core);
    const r = await a.call('residents.changeStatus', { id: a.id, status: 'discharged', date: '2026-01-15' });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'date', code: 'before_admission', params: { since: '2026-02-01' } }] } });
    expect(await counts(a.core)).toEqual(before);
    expect((await a.must('residents.get', { id: a.id })).status).toBe('active');
  });

  test.each([
    ['a status change dated in the future', { status: 'hospital', date: '2026-03-05' }, 'date:date_in_future'],
    ['the same status again', { status: 'active', date: '2026-02-20' }, 'status:same_status'],
    ['a bed on a non-readmission', { status: 'hospital', date: '2026-02-20', bedId: 1 }, 'bedId:only_for_readmission'],
  ] as const)('%s is refused', async (_n, over, expected) => {
    const a = await admitted();
    const before = await counts(a.core);
    const r = await a.call('residents.changeStatus', { id: a.id, ...over });
    expect(fieldsOf(r)).toEqual([expected]);
    expect(await counts(a.core)).toEqual(before);
  });

  test('readmission needs a free bed; deceased is final', async () => {
    const a = await admitted();
    await a.must('residents.changeStatus', { id: a.id, status: 'discharged', date: '2026-02-20' });
    await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['102A']!, recordNumber: 'MRN-2' }));
    expect(fieldsOf(await a.call('residents.changeStatus', { id: a.id, status: 'active', date: '2026-02-25' }))).toEqual(['bedId:required']);
    expect(fieldsOf(await a.call('residents.changeStatus', { id: a.id, status: 'active', date: '2026-02-25', bedId: a.beds['102A']! }))).toEqual(['bedId:bed_occupied']);
    expect(fieldsOf(await a.call('residents.changeStatus', { id: a.id, status: 'hospital', date: '2026-02-25' }))).toEqual(['status:transition_not_allowed']);
    await a.must('residents.changeStatus', { id: a.id, status: 'active', date: '2026-02-25', bedId: a.beds['104A']! });
    await a.must('residents.changeStatus', { id: a.id, status: 'deceased', date: '2026-03-01' });
    expect(fieldsOf(await a.call('residents.changeStatus', { id: a.id, status: 'active', date: '2026-03-02', bedId: a.beds['104A']! }))).toEqual(['status:final_status']);
  });

  test('transfer into an occupied bed, the same bed or before the last move is refused', async () => {
    const a = await admitted();
    await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['102A']!, recordNumber: 'MRN-2' }));
    const before = await counts(a.core);
    expect(fieldsOf(await a.call('residents.transfer', { id: a.id, bedId: a.beds['102A']!, date: '2026-02-10' }))).toEqual(['bedId:bed_occupied']);
    expect(fieldsOf(await a.call('residents.transfer', { id: a.id, bedId: a.beds['101A']!, date: '2026-02-10' }))).toEqual(['bedId:same_bed']);
    expect(fieldsOf(await a.call('residents.transfer', { id: a.id, bedId: a.beds['104A']!, date: '2026-01-10' }))).toEqual(['date:before_last_move']);
    expect(await counts(a.core)).toEqual(before);
  });

  test('an unknown resident is not_found', async () => {
    const a = await setup();
    expect(await a.call('residents.get', { id: 4242 })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'residents.notFound' } });
    expect(await a.call('residents.changeStatus', { id: 4242, status: 'hospital', date: '2026-03-01' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('residents.update', () => {
  test('changes clinical fields with before/after in the audit; bad DOB or taken record number writes nothing', async () => {
    const a = await setup();
    const d = await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']! }));
    await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101B']!, recordNumber: 'MRN-2' }));
    const { id, ...rest } = { id: d.id, legalGiven: d.legalGiven, legalFamily: d.legalFamily, dateOfBirth: d.dateOfBirth, sex: d.sex, recordNumber: d.recordNumber, codeStatus: d.codeStatus };
    const updated = await a.must('residents.update', {
      id,
      expectedVersion: d.version,
      ...rest,
      codeStatus: 'comfort_care',
      codeStatusForm: 'polst',
      codeStatusDocumentedOn: '2026-02-20',
      allergies: { state: 'nka', recordedOn: '2026-02-01' },
      iddsiFood: 'minced_moist_5',
      fallRisk: 'high',
      contacts: [{ role: 'healthcare_proxy', name: 'Ana O’Brien', phone: '555-0101', emergencyOrder: 1 }],
    });
    expect(updated).toMatchObject({ codeStatus: 'comfort_care', allergies: { state: 'nka', recordedOn: '2026-02-01' }, fallRisk: 'high', contacts: [{ name: 'Ana O’Brien', emergencyOrder: 1 }] });
    const audit = (await a.must('residents.history', { id })).rows[0]!;
    expect(audit).toMatchObject({ method: 'residents.update', before: { codeStatus: 'dnr', fallRisk: null }, after: { codeStatus: 'comfort_care', fallRisk: 'high' } });

    const before = await counts(a.core);
    expect(fieldsOf(await a.call('residents.update', { id, expectedVersion: updated.version, ...rest, dateOfBirth: '2027-01-01' }))).toContain('dateOfBirth:date_in_future');
    expect(fieldsOf(await a.call('residents.update', { id, expectedVersion: updated.version, ...rest, recordNumber: 'MRN-2' }))).toEqual(['recordNumber:duplicate']);
    expect(await counts(a.core)).toEqual(before);
    expect((await a.must('residents.get', { id })).codeStatus).toBe('comfort_care');
  });

  test('a coordinator keeps contacts current but only a nurse changes code status or allergies', async () => {
    const a = await setup();
    const d = await a.must('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']! }));
    for (const [username, role] of [['coord', 'care_coordinator'], ['rn', 'nurse']] as const) {
      await a.must('users.create', { username, displayName: username, role, password: 'quiet meadow lantern' });
    }
    const signedIn = async (username: string) => {
      const c = caller(a.core);
      await c.must('auth.signIn', { username, password: 'quiet meadow lantern' });
      await c.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
      return c;
    };
    const coordinator = await signedIn('coord');
    const nurse = await signedIn('rn');
    const base = { id: d.id, expectedVersion: d.version, legalGiven: d.legalGiven, legalFamily: d.legalFamily, dateOfBirth: d.dateOfBirth, sex: d.sex, recordNumber: d.recordNumber, codeStatus: d.codeStatus };

    const withContact = await coordinator.must('residents.update', { ...base, contacts: [{ role: 'family', name: 'Ana García', phone: '555-0101', emergencyOrder: 1 }] });
    expect(withContact.contacts).toHaveLength(1);

    const before = await counts(a.core);
    const refused = await coordinator.call('residents.update', { ...base, expectedVersion: withContact.version, codeStatus: 'full_code', allergies: { state: 'nka', recordedOn: '2026-03-01' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'residents.clinicalOnly' } });
    expect(fieldsOf(refused).sort()).toEqual(['allergies:clinical_only', 'codeStatus:clinical_only']);
    expect(await counts(a.core)).toEqual(before);
    expect((await a.must('residents.get', { id: d.id })).codeStatus).toBe('dnr');

    const changed = await nurse.must('residents.update', { ...base, expectedVersion: withContact.version, contacts: withContact.contacts.map((c) => ({ role: c.role, name: c.name, phone: c.phone, emergencyOrder: c.emergencyOrder })), allergies: { state: 'listed', items: [{ substance: 'Penicillin', reaction: 'Hives', severity: 'severe' }] } });
    expect(changed.allergies).toMatchObject({ state: 'listed', hasSevere: true });
  });

  test('a care aide can read residents but not change them', async () => {
    const a = await setup();
    await a.must('users.create', { username: 'cna', displayName: 'Carla Aide', role: 'care_aide', password: 'quiet meadow lantern' });
    const aide = caller(a.core);
    await aide.must('auth.signIn', { username: 'cna', password: 'quiet meadow lantern' });
    await aide.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
    expect((await aide.call('residents.list', {})).ok).toBe(true);
    expect(await aide.call('residents.admit', admission({ unitId: a.mc, bedId: a.beds['101A']! }))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('preferences', () => {
  test('census columns and sort are kept per user', async () => {
    const a = await setup();
    expect(await a.must('preferences.get', { key: 'census' })).toEqual({ census: null });
    await a.must('preferences.set', { key: 'census', value: { columns: ['name', 'codeStatus'], sort: 'name', desc: true } });
    expect(await a.must('preferences.get', { key: 'census' })).toEqual({ census: { columns: ['name', 'codeStatus'], sort: 'name', desc: true } });
  });
});
