/**
 * Licences and certifications through the dispatcher, on both engines: types seeded at setup, entry, edit
 * with row versions, void, every bad input refused by name with nothing written, the status rule across
 * as-of dates (expiry flips it), the matrix and lapsing columns, and one person's standing as of a date
 * (what transport's check asks).
 */
import { describe, expect, test } from 'vitest';
import type { CredentialType, StaffCredential } from '../../shared/contract/training';
import { adminCore, caller } from '../support/core';
import { fingerprint } from '../support/db';

/** 2026-03-02 08:00 in Chicago. */
const NOW = '2026-03-02T14:00:00Z';
const TODAY = '2026-03-02';

async function facility() {
  const a = await adminCore({ now: NOW });
  const types = (await a.must('training.listCredentialTypes', {})).rows;
  const type = (code: string): CredentialType => {
    const t = types.find((x) => x.code === code);
    if (!t) throw new Error(`no credential type ${code}`);
    return t;
  };
  const courses = (await a.must('training.listCourses', {})).rows;
  const course = (code: string) => courses.find((c) => c.code === code)!;
  const unitId = (await a.must('facility.get', {})).units[0]!.id;
  const staff = (name: string, role: 'rn' | 'cna' | 'driver' | 'lpn', employeeId: string, hireDate = '2019-05-01') =>
    a.must('training.createStaff', { name, role, employeeId, hireDate, unitId });
  const licence = (staffId: number, code: string, issuedOn: string, expiresOn: string, extra: Partial<{ number: string; issuingState: string | null; issuingBody: string | null }> = {}) =>
    a.must('training.createCredential', { staffId, typeId: type(code).id, number: 'RN-123456', issuingState: 'IL', issuingBody: null, issuedOn, expiresOn, ...extra });
  return { ...a, types, type, course, unitId, staff, licence };
}

type F = Awaited<ReturnType<typeof facility>>;

/** The status of one column for one person in the matrix as of a date (licence columns by type code). */
async function cell(f: F, staffId: number, code: string, asOf: string, windowDays: 30 | 60 | 90 = 30) {
  const m = await f.must('training.matrix', { asOf, windowDays });
  const i = m.courses.findIndex((c) => c.code === code);
  const row = m.rows.find((r) => r.staffId === staffId);
  if (i < 0 || !row) throw new Error(`no cell ${code} for ${staffId} as of ${asOf}`);
  return row.cells[i]!;
}

describe('licence and certification types', () => {
  test('setup seeds the six types once, each required of its roles', async () => {
    const f = await facility();
    expect(f.types.map((t) => [t.code, t.roles, t.issuedByState])).toEqual([
      ['rn_licence', ['rn'], true],
      ['lpn_licence', ['lpn'], true],
      ['nurse_aide_registry', ['cna'], true],
      ['medication_aide', ['med_tech'], true],
      ['drivers_licence', ['driver'], true],
      ['food_handler', ['activities'], false],
    ]);
    expect(await f.core.q.training.ensureDefaultCredentialTypes(NOW)).toBe(0);
  });

  test('a type is added once by code; an edit names the version it read; roles re-decide statuses without touching a credential', async () => {
    const f = await facility();
    expect(await f.call('training.createCredentialType', { code: 'rn_licence', name: 'Again', issuedByState: true, roles: [] })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'code', code: 'duplicate' }] },
    });
    const ann = await f.staff('Ann Aide', 'cna', 'E1');
    const food = f.type('food_handler');
    expect((await cell(f, ann.id, 'food_handler', TODAY)).status).toBe('not_required');
    const changed = await f.must('training.updateCredentialType', { id: food.id, expectedVersion: food.version, name: food.name, issuedByState: false, roles: ['activities', 'cna'] });
    expect(changed).toMatchObject({ version: food.version + 1, roles: ['activities', 'cna'] });
    expect((await cell(f, ann.id, 'food_handler', TODAY)).status).toBe('missing');
    // The editor that read the old version is refused, with who changed it.
    expect(await f.call('training.updateCredentialType', { id: food.id, expectedVersion: food.version, name: 'Food card', issuedByState: false, roles: [] })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'error.changedElsewhere', params: { by: 'Ada Admin', currentVersion: food.version + 1 } },
    });
    const log = await f.must('audit.list', { entity: 'credential_type', entityId: String(food.id) });
    expect(log.rows[0]).toMatchObject({ before: { roles: ['activities'] }, after: { roles: ['activities', 'cna'] } });
  });
});

describe('staff credentials: entry, edit, void', () => {
  test('a licence is verified by the signed-in user, stored trimmed, and audited', async () => {
    const f = await facility();
    const rn = await f.staff('Rita Nurse', 'rn', 'E1');
    const c = await f.licence(rn.id, 'rn_licence', '2024-04-01', '2026-03-31', { number: '  RN 041-2231 ', issuingState: 'IL', issuingBody: '  ' });
    expect(c).toMatchObject({
      staffId: rn.id,
      typeCode: 'rn_licence',
      typeName: 'RN licence',
      number: 'RN 041-2231',
      issuingState: 'IL',
      issuingBody: null,
      issuedOn: '2024-04-01',
      expiresOn: '2026-03-31',
      verifiedByName: 'Ada Admin',
      verifiedAt: NOW.replace('Z', '.000Z'),
      source: 'entry',
      voidedAt: null,
      version: 1,
    });
    const log = await f.must('audit.list', { entity: 'staff_credential', entityId: String(c.id) });
    expect(log.rows).toHaveLength(1);
    expect(log.rows[0]).toMatchObject({ method: 'training.createCredential', after: { number: 'RN 041-2231', expiresOn: '2026-03-31' } });
    // A body alone names the issuer too (a food handler card from ServSafe).
    const act = await f.staff('Al Activities', 'cna', 'E2');
    expect(await f.licence(act.id, 'food_handler', '2025-01-10', '2028-01-10', { number: 'SS-99812', issuingState: null, issuingBody: 'ServSafe' })).toMatchObject({ issuingState: null, issuingBody: 'ServSafe' });
  });

  const good = { number: 'RN-1', issuingState: 'IL', issuingBody: null, issuedOn: '2025-01-10', expiresOn: '2027-01-10' };
  const bad: [string, Record<string, unknown>, string, string, Record<string, unknown>?][] = [
    ['no number', { number: '  ' }, 'number', 'required'],
    ['a number that is too long', { number: 'A'.repeat(41) }, 'number', 'too_long', { max: 40 }],
    ['a number with stray marks', { number: 'RN#12;drop' }, 'number', 'invalid_characters'],
    ['a state that is not a state', { issuingState: 'XX' }, 'issuingState', 'invalid_choice'],
    ['neither a state nor a body', { issuingState: null, issuingBody: ' ' }, 'issuingBody', 'issuer_required'],
    ['an issuing body that is too long', { issuingBody: 'B'.repeat(121) }, 'issuingBody', 'too_long', { max: 120 }],
    ['no issue date', { issuedOn: '' }, 'issuedOn', 'required'],
    ['an issue date that is not a date', { issuedOn: 'last May' }, 'issuedOn', 'invalid_date'],
    ['an issue date that does not exist', { issuedOn: '2025-02-29' }, 'issuedOn', 'invalid_date'],
    ['an issue date in the future', { issuedOn: '2026-03-03', expiresOn: '2028-03-03' }, 'issuedOn', 'in_future'],
    ['an issue date before 1950', { issuedOn: '1949-12-31', expiresOn: '1951-12-31' }, 'issuedOn', 'out_of_range'],
    ['no expiry', { expiresOn: '' }, 'expiresOn', 'required'],
    ['an expiry that is not a date', { expiresOn: '2027-13-01' }, 'expiresOn', 'invalid_date'],
    ['an expiry on the issue date', { expiresOn: '2025-01-10' }, 'expiresOn', 'not_after_issue'],
    ['an expiry before the issue date', { expiresOn: '2024-01-10' }, 'expiresOn', 'not_after_issue'],
    ['an expiry more than 20 years after issue', { expiresOn: '2045-01-11' }, 'expiresOn', 'out_of_range'],
    ['an unknown staff member', { staffId: 99999 }, 'staffId', 'unknown_staff'],
    ['an unknown type', { typeId: 99999 }, 'typeId', 'unknown_credential_type'],
  ];
  test.each(bad)('%s is refused with a field error naming it; nothing is written', async (_name, patch, path, code, params) => {
    const f = await facility();
    const rn = await f.staff('Rita Nurse', 'rn', 'E1');
    const before = await fingerprint(f.core);
    const r = await f.call('training.createCredential', { staffId: rn.id, typeId: f.type('rn_licence').id, ...good, ...patch } as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(r.error.fields).toContainEqual({ path, code, ...(params ? { params } : {}) });
    expect(await fingerprint(f.core)).toBe(before);
  });

  test('the same licence issued the same day is a duplicate; unknown fields are refused by name', async () => {
    const f = await facility();
    const rn = await f.staff('Rita Nurse', 'rn', 'E1');
    await f.licence(rn.id, 'rn_licence', '2024-04-01', '2026-03-31');
    const before = await fingerprint(f.core);
    expect(await f.call('training.createCredential', { staffId: rn.id, typeId: f.type('rn_licence').id, ...good, issuedOn: '2024-04-01', expiresOn: '2026-04-30' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'issuedOn', code: 'duplicate_credential' }] },
    });
    expect(await f.raw('training.createCredential', { staffId: rn.id, typeId: f.type('rn_licence').id, ...good, verifiedBy: 7 })).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: [{ path: 'verifiedBy', code: 'unknown_field' }] },
    });
    expect(await fingerprint(f.core)).toBe(before);
  });

  test('an edit names the version it read: an older one is refused with who saved meanwhile, nothing written', async () => {
    const f = await facility();
    const rn = await f.staff('Rita Nurse', 'rn', 'E1');
    const c = await f.licence(rn.id, 'rn_licence', '2024-04-01', '2026-03-31');
    const fields = (x: StaffCredential) => ({ staffId: x.staffId, typeId: x.typeId, number: x.number, issuingState: x.issuingState, issuingBody: x.issuingBody, issuedOn: x.issuedOn, expiresOn: x.expiresOn });
    const edited = await f.must('training.updateCredential', { id: c.id, expectedVersion: 1, ...fields(c), expiresOn: '2026-04-30' });
    expect(edited).toMatchObject({ version: 2, expiresOn: '2026-04-30' });
    const before = await fingerprint(f.core);
    expect(await f.call('training.updateCredential', { id: c.id, expectedVersion: 1, ...fields(c), number: 'RN-999' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'error.changedElsewhere', params: { by: 'Ada Admin', currentVersion: 2 } },
    });
    expect(await f.call('training.updateCredential', { id: c.id, expectedVersion: 2, ...fields(c), expiresOn: '2024-01-01' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'expiresOn', code: 'not_after_issue' }] },
    });
    expect(await f.call('training.updateCredential', { id: 4242, expectedVersion: 1, ...fields(c) })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'training.credentialNotFound' } });
    expect(await fingerprint(f.core)).toBe(before);
    const log = await f.must('audit.list', { entity: 'staff_credential', entityId: String(c.id) });
    expect(log.rows[0]).toMatchObject({ method: 'training.updateCredential', before: { expiresOn: '2026-03-31', version: 1 }, after: { expiresOn: '2026-04-30', version: 2 } });
  });

  test('a voided licence is kept and audited, no longer counts, and cannot be edited or voided again', async () => {
    const f = await facility();
    const rn = await f.staff('Rita Nurse', 'rn', 'E1');
    const c = await f.licence(rn.id, 'rn_licence', '2025-04-01', '2027-03-31');
    expect((await cell(f, rn.id, 'rn_licence', TODAY)).status).toBe('current');
    const voided = await f.must('training.voidCredential', { id: c.id, reason: 'Another nurse’s licence' });
    expect(voided).toMatchObject({ voidReason: 'Another nurse’s licence', version: 2 });
    expect((await cell(f, rn.id, 'rn_licence', TODAY)).status).toBe('missing');
    expect((await f.must('training.listCredentials', { staffId: rn.id })).total).toBe(0);
    expect((await f.must('training.listCredentials', { staffId: rn.id, includeVoided: true })).rows).toHaveLength(1);
    expect(await f.call('training.voidCredential', { id: c.id, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'training.credentialVoided' } });
    expect(await f.call('training.updateCredential', { id: c.id, expectedVersion: 2, staffId: rn.id, typeId: c.typeId, number: 'X1', issuingState: 'IL', issuingBody: null, issuedOn: c.issuedOn, expiresOn: c.expiresOn })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'training.credentialVoided' },
    });
    // A voided licence no longer blocks entering the right one with the same issue date.
    expect((await f.call('training.createCredential', { staffId: rn.id, typeId: c.typeId, number: 'RN-2', issuingState: 'IL', issuingBody: null, issuedOn: c.issuedOn, expiresOn: c.expiresOn })).ok).toBe(true);
  });

  test('a charge nurse reads licences but cannot record one', async () => {
    const f = await facility();
    const rn = await f.staff('Rita Nurse', 'rn', 'E1');
    await f.must('users.create', { username: 'charge', displayName: 'Cara Charge', role: 'charge_nurse', password: 'quiet meadow lantern' });
    const c = caller(f.core);
    await c.must('auth.signIn', { username: 'charge', password: 'quiet meadow lantern' });
    await c.must('auth.changePassword', { currentPassword: 'quiet meadow lantern', newPassword: 'river stone harbor light' });
    expect((await c.call('training.listCredentials', { staffId: rn.id })).ok).toBe(true);
    expect(await c.call('training.createCredential', { staffId: rn.id, typeId: f.type('rn_licence').id, ...good })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('licence status through the matrix and the lapsing list', () => {
  test('licence expiry flips the status across as-of dates; a renewal issued later decides from its issue date on', async () => {
    const f = await facility();
    const rn = await f.staff('Rita Nurse', 'rn', 'E1', '2010-01-04');
    const old = await f.licence(rn.id, 'rn_licence', '2024-04-01', '2026-03-31');
    // Before it was issued the nurse held no licence, as far as the record goes.
    expect((await cell(f, rn.id, 'rn_licence', '2024-03-31')).status).toBe('missing');
    expect(await cell(f, rn.id, 'rn_licence', '2024-04-01')).toEqual({ status: 'current', completedOn: '2024-04-01', expiresOn: '2026-03-31' });
    // Expiring from 30 days before the expiry date (window 30), still valid the day before it, expired on it.
    expect((await cell(f, rn.id, 'rn_licence', '2026-02-28')).status).toBe('current');
    expect((await cell(f, rn.id, 'rn_licence', '2026-03-01')).status).toBe('expiring');
    expect((await cell(f, rn.id, 'rn_licence', '2026-03-30')).status).toBe('expiring');
    expect((await cell(f, rn.id, 'rn_licence', '2026-03-31')).status).toBe('expired');
    expect((await cell(f, rn.id, 'rn_licence', '2026-02-28', 90)).status).toBe('expiring');

    // Renewed on 2026-02-20 until 2028-03-31: from that day the renewal decides, before it the old licence.
    const renewal = await f.licence(rn.id, 'rn_licence', '2026-02-20', '2028-03-31', { number: 'RN-123456' });
    expect(await cell(f, rn.id, 'rn_licence', '2026-02-19', 60)).toEqual({ status: 'expiring', completedOn: '2024-04-01', expiresOn: '2026-03-31' });
    expect(await cell(f, rn.id, 'rn_licence', '2026-02-20', 60)).toEqual({ status: 'current', completedOn: '2026-02-20', expiresOn: '2028-03-31' });
    expect((await cell(f, rn.id, 'rn_licence', '2026-03-31')).status).toBe('current');
    expect((await cell(f, rn.id, 'rn_licence', '2028-03-31')).status).toBe('expired');
    await f.must('training.voidCredential', { id: renewal.id, reason: 'Typed the wrong year' });
    expect((await cell(f, rn.id, 'rn_licence', '2026-03-31')).status).toBe('expired');
    expect(old.id).not.toBe(renewal.id);
  });

  test('licence columns follow the courses; a role that does not need one reads not required; totals count them', async () => {
    const f = await facility();
    const rn = await f.staff('Rita Nurse', 'rn', 'E1');
    const cna = await f.staff('Ann Aide', 'cna', 'E2');
    await f.licence(rn.id, 'rn_licence', '2025-04-01', '2027-03-31');
    await f.licence(cna.id, 'nurse_aide_registry', '2024-03-15', '2026-03-15', { number: 'NA-88812' });
    const m = await f.must('training.matrix', { asOf: TODAY, windowDays: 30 });
    const kinds = m.courses.map((c) => c.kind);
    expect(kinds.indexOf('licence')).toBe(kinds.lastIndexOf('course') + 1);
    expect(m.courses.filter((c) => c.kind === 'licence').map((c) => c.name)).toEqual(['RN licence', 'LPN licence', 'Nurse aide registry', 'Medication aide certification', "Driver's licence", 'Food handler card']);
    // Ids are per catalog: the first course and the first licence type may share one; `kind` tells them apart.
    expect(m.courses.some((c) => c.kind === 'licence' && m.courses.some((d) => d.kind === 'course' && d.id === c.id))).toBe(true);
    const statuses = (staffId: number) => {
      const row = m.rows.find((r) => r.staffId === staffId)!;
      return Object.fromEntries(m.courses.map((c, i) => [c.code, row.cells[i]!.status]).filter(([code]) => code!.toString().includes('licence') || code === 'nurse_aide_registry'));
    };
    expect(statuses(rn.id)).toEqual({ rn_licence: 'current', lpn_licence: 'not_required', nurse_aide_registry: 'not_required', drivers_licence: 'not_required' });
    expect(statuses(cna.id)).toEqual({ rn_licence: 'not_required', lpn_licence: 'not_required', nurse_aide_registry: 'expiring', drivers_licence: 'not_required' });
    const registry = m.totals.byCourse[m.courses.findIndex((c) => c.code === 'nurse_aide_registry')]!;
    expect(registry).toEqual({ kind: 'licence', courseId: f.type('nurse_aide_registry').id, current: 0, expiring: 1, expired: 0, missing: 0 });

    // The lapsing list names the licence beside the courses, with its expiry as the lapse date.
    const lapsing = await f.must('training.lapsing', { asOf: TODAY, withinDays: 30 });
    expect(lapsing.rows.filter((r) => r.kind === 'licence')).toEqual([
      expect.objectContaining({ staffName: 'Ann Aide', courseName: 'Nurse aide registry', courseId: f.type('nurse_aide_registry').id, status: 'expiring', completedOn: '2024-03-15', lapsesOn: '2026-03-15', daysLeft: 13 }),
    ]);
    // The CSV export has the licence columns too.
    const csv = (await f.must('training.exportCsv', { asOf: TODAY })).csv;
    expect(csv.split('\r\n')[0]).toContain('Nurse aide registry,Nurse aide registry: Expires');
  });

  test('a staff member’s credentials as of a date: courses and licences through the one rule, whatever the role requires', async () => {
    const f = await facility();
    const driver = await f.staff('Héctor López', 'driver', 'D1');
    await f.licence(driver.id, 'drivers_licence', '2022-06-01', '2026-06-01', { number: 'L123-4567-8901' });
    await f.must('training.createRecord', { staffId: driver.id, courseId: f.course('cpr_bls').id, completedOn: '2024-04-10', hours: 4, provider: 'American Heart Association', certificateNumber: null });
    const on = async (asOf: string) => {
      const r = await f.must('training.credentialsAsOf', { staffId: driver.id, asOf });
      return Object.fromEntries(r.items.map((i) => [i.code, i]));
    };
    const trip = await on('2026-04-09');
    expect(trip['drivers_licence']).toEqual({ kind: 'licence', id: f.type('drivers_licence').id, code: 'drivers_licence', name: "Driver's licence", required: true, status: 'current', completedOn: '2022-06-01', expiresOn: '2026-06-01', dueOn: null });
    expect(trip['cpr_bls']).toMatchObject({ kind: 'course', required: true, status: 'expiring', expiresOn: '2026-04-10' });
    // The day CPR lapses, and the day the licence does.
    expect((await on('2026-04-10'))['cpr_bls']).toMatchObject({ status: 'expired' });
    expect((await on('2026-06-01'))['drivers_licence']).toMatchObject({ status: 'expired', expiresOn: '2026-06-01' });
    // What the role does not require is listed only when something is on file, and then with required: false.
    expect(trip['rn_licence']).toBeUndefined();
    const aide = await f.staff('Ann Aide', 'cna', 'E2');
    await f.licence(aide.id, 'drivers_licence', '2023-01-01', '2027-01-01', { number: 'L999' });
    const aideItems = (await f.must('training.credentialsAsOf', { staffId: aide.id, asOf: TODAY })).items;
    expect(aideItems.find((i) => i.code === 'drivers_licence')).toMatchObject({ required: false, status: 'current' });
    expect(aideItems.find((i) => i.code === 'nurse_aide_registry')).toMatchObject({ required: true, status: 'missing', completedOn: null });
    // Unknown staff and out-of-range dates are refused by name.
    expect(await f.call('training.credentialsAsOf', { staffId: 99999, asOf: TODAY })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'training.staffNotFound' } });
    expect(await f.call('training.credentialsAsOf', { staffId: driver.id, asOf: '0001-01-01' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'asOf', code: 'date_out_of_range' }] },
    });
  });
});
