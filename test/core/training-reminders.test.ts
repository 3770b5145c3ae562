/**
 * The reminders list per manager (unit or role), its CSV, and My training, through the dispatcher on both
 * engines.
 */
import { describe, expect, test } from 'vitest';
import { adminCore, caller } from '../support/core';

const NOW = '2026-03-02T14:00:00Z';
const TODAY = '2026-03-02';
const PASSWORD = 'quiet meadow lantern';
const NEW_PASSWORD = 'river stone harbor light';

/**
 * Memory Care: Ann (CNA; CPR lapses 2026-03-20, registry 2026-04-15), Cid (RN; licence lapses 2026-03-10).
 * Skilled 2: Bob (driver; driver safety lapses 2026-03-25). No unit: Dee (CNA; CPR lapses 2026-03-05).
 * Everything else they need is current or not required: only four courses are active.
 */
async function facility() {
  const a = await adminCore({ now: NOW });
  const courses = (await a.must('training.listCourses', {})).rows;
  for (const c of courses) {
    if (['cpr_bls', 'driver_safety'].includes(c.code)) continue;
    await a.must('training.updateCourse', { id: c.id, name: c.name, validity: c.validity, roles: c.roles, countsAsInService: c.countsAsInService, active: false });
  }
  const course = (code: string) => courses.find((c) => c.code === code)!;
  const types = (await a.must('training.listCredentialTypes', {})).rows;
  const type = (code: string) => types.find((t) => t.code === code)!;
  const [memory, skilled] = (await a.must('facility.get', {})).units;
  const add = (name: string, role: 'cna' | 'rn' | 'driver', employeeId: string, unitId: number | null) => a.must('training.createStaff', { name, role, employeeId, hireDate: '2019-01-07', unitId });
  const ann = await add('Ann Aide', 'cna', 'E1', memory!.id);
  const cid = await add('Cid Nurse', 'rn', 'E3', memory!.id);
  const bob = await add('Bob Driver', 'driver', 'E2', skilled!.id);
  const dee = await add('Dee Float', 'cna', 'E4', null);
  const rec = (staffId: number, code: string, completedOn: string) => a.must('training.createRecord', { staffId, courseId: course(code).id, completedOn, hours: 4, provider: null, certificateNumber: null });
  const lic = (staffId: number, code: string, issuedOn: string, expiresOn: string) => a.must('training.createCredential', { staffId, typeId: type(code).id, number: 'N-1', issuingState: 'IL', issuingBody: null, issuedOn, expiresOn });
  await rec(ann.id, 'cpr_bls', '2024-03-20');
  await lic(ann.id, 'nurse_aide_registry', '2024-04-15', '2026-04-15');
  await rec(cid.id, 'cpr_bls', '2025-06-01');
  await lic(cid.id, 'rn_licence', '2024-03-10', '2026-03-10');
  await rec(bob.id, 'cpr_bls', '2025-06-01');
  await rec(bob.id, 'driver_safety', '2025-03-25');
  await lic(bob.id, 'drivers_licence', '2023-01-01', '2029-01-01');
  await rec(dee.id, 'cpr_bls', '2024-03-05');
  await lic(dee.id, 'nurse_aide_registry', '2025-01-01', '2027-01-01');
  return { ...a, memory: memory!, skilled: skilled!, ann, bob, cid, dee, type, course };
}

const summary = (groups: { by: string; unitName: string | null; role: string | null; people: { name: string; items: { name: string; lapsesOn: string | null }[] }[] }[]) =>
  groups.map((g) => [g.by === 'unit' ? (g.unitName ?? '(no unit)') : g.role, g.people.map((p) => [p.name, p.items.map((i) => `${i.name} ${i.lapsesOn}`)])]);

describe('reminders per manager', () => {
  test('by unit: the facility’s unit order, no unit last; each person once with courses and licences, earliest first', async () => {
    const f = await facility();
    const r = await f.must('training.reminders', { asOf: TODAY, withinDays: 60, by: 'unit' });
    expect(summary(r.groups)).toEqual([
      ['Memory Care', [['Cid Nurse', ['RN licence 2026-03-10']], ['Ann Aide', ['CPR / BLS 2026-03-20', 'Nurse aide registry 2026-04-15']]]],
      ['Skilled 2', [['Bob Driver', ['Driver safety 2026-03-25']]]],
      ['(no unit)', [['Dee Float', ['CPR / BLS 2026-03-05']]]],
    ]);
    expect(r).toMatchObject({ asOf: TODAY, withinDays: 60, people: 4, items: 5 });
    expect(r.groups[0]!.people[1]!.items[1]).toEqual({ kind: 'licence', id: f.type('nurse_aide_registry').id, name: 'Nurse aide registry', status: 'expiring', completedOn: '2024-04-15', lapsesOn: '2026-04-15', daysLeft: 44 });
    // 30 days: the registry (44 days away) drops out.
    expect(summary((await f.must('training.reminders', { asOf: TODAY, withinDays: 30, by: 'unit' })).groups)[0]).toEqual(['Memory Care', [['Cid Nurse', ['RN licence 2026-03-10']], ['Ann Aide', ['CPR / BLS 2026-03-20']]]]);
  });

  test('one manager’s list, by role, and paging by person', async () => {
    const f = await facility();
    expect(summary((await f.must('training.reminders', { asOf: TODAY, withinDays: 60, by: 'unit', manager: { by: 'unit', unitId: f.skilled.id } })).groups)).toEqual([
      ['Skilled 2', [['Bob Driver', ['Driver safety 2026-03-25']]]],
    ]);
    expect(summary((await f.must('training.reminders', { asOf: TODAY, withinDays: 60, by: 'unit', manager: { by: 'unit', unitId: null } })).groups)).toEqual([
      ['(no unit)', [['Dee Float', ['CPR / BLS 2026-03-05']]]],
    ]);
    const byRole = await f.must('training.reminders', { asOf: TODAY, withinDays: 60, by: 'role' });
    expect(summary(byRole.groups).map((g) => g[0])).toEqual(['rn', 'cna', 'driver']);
    expect(summary((await f.must('training.reminders', { asOf: TODAY, withinDays: 60, by: 'role', manager: { by: 'role', role: 'cna' } })).groups)).toEqual([
      ['cna', [['Dee Float', ['CPR / BLS 2026-03-05']], ['Ann Aide', ['CPR / BLS 2026-03-20', 'Nurse aide registry 2026-04-15']]]],
    ]);
    // A manager of the other grouping lists nobody rather than somebody else's team.
    expect((await f.must('training.reminders', { asOf: TODAY, withinDays: 60, by: 'role', manager: { by: 'unit', unitId: f.memory.id } })).groups).toEqual([]);
    const pages = [];
    for (let offset = 0; offset < 4; offset += 3) pages.push(summary((await f.must('training.reminders', { asOf: TODAY, withinDays: 60, by: 'unit', offset, limit: 3 })).groups));
    expect(pages).toEqual([
      [
        ['Memory Care', [['Cid Nurse', ['RN licence 2026-03-10']], ['Ann Aide', ['CPR / BLS 2026-03-20', 'Nurse aide registry 2026-04-15']]]],
        ['Skilled 2', [['Bob Driver', ['Driver safety 2026-03-25']]]],
      ],
      [['(no unit)', [['Dee Float', ['CPR / BLS 2026-03-05']]]]],
    ]);
  });

  test('with what has lapsed; bad dates and groupings refused by name', async () => {
    const f = await facility();
    const lapsed = await f.must('training.reminders', { asOf: '2026-03-12', withinDays: 30, by: 'unit', includeLapsed: true });
    expect(lapsed.groups[0]!.people[0]).toMatchObject({ name: 'Cid Nurse', items: [{ name: 'RN licence', status: 'expired', daysLeft: -2 }] });
    expect(await f.call('training.reminders', { asOf: '2200-01-01', by: 'unit' })).toMatchObject({ ok: false, error: { fields: [{ path: 'asOf', code: 'date_out_of_range' }] } });
    expect(await f.call('training.reminders', { asOf: TODAY, by: 'shift' } as never)).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'by' }] } });
    expect(await f.call('training.reminders', { asOf: TODAY, by: 'unit', withinDays: 45 } as never)).toMatchObject({ ok: false, error: { fields: [{ path: 'withinDays' }] } });
  });

  test('as CSV: one line per item under its manager, in the reader’s language; the export is audited', async () => {
    const f = await facility();
    const out = await f.must('training.remindersCsv', { asOf: TODAY, withinDays: 60, by: 'unit' });
    expect(out).toMatchObject({ fileName: 'training-reminders-2026-03-02.csv', rows: 5 });
    const lines = out.csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toEqual([
      'Manager,Staff member,Employee ID,Course or licence,Status,Lapses on,Days left',
      'Memory Care,Cid Nurse,E3,RN licence,Expiring,2026-03-10,8',
      'Memory Care,Ann Aide,E1,CPR / BLS,Expiring,2026-03-20,18',
      'Memory Care,Ann Aide,E1,Nurse aide registry,Expiring,2026-04-15,44',
      'Skilled 2,Bob Driver,E2,Driver safety,Expiring,2026-03-25,23',
      'No unit,Dee Float,E4,CPR / BLS,Expiring,2026-03-05,3',
    ]);
    const log = await f.must('audit.list', { entity: 'export' });
    expect(log.rows[0]).toMatchObject({ method: 'training.remindersCsv', after: { document: 'training.reminders', rows: 5 } });
    await f.must('auth.setLanguage', { language: 'es' });
    const es = (await f.must('training.remindersCsv', { asOf: TODAY, withinDays: 60, by: 'role', manager: { by: 'role', role: 'driver' } })).csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(es[1]).toBe('Conductor(a),Bob Driver,E2,Driver safety,Por vencer,2026-03-25,23');
  });
});

describe('My training', () => {
  async function signedIn(f: Awaited<ReturnType<typeof facility>>, username: string, role: 'care_aide' | 'driver' | 'nurse', linkTo: number | null) {
    const user = await f.must('users.create', { username, displayName: username, role, password: PASSWORD });
    if (linkTo !== null) {
      const s = (await f.must('training.listStaff', {})).rows.find((x) => x.id === linkTo)!;
      await f.must('training.updateStaff', { id: s.id, expectedVersion: s.version, name: s.name, role: s.role, employeeId: s.employeeId, hireDate: s.hireDate, unitId: s.unitId, userId: user.id });
    }
    const c = caller(f.core);
    await c.must('auth.signIn', { username, password: PASSWORD });
    await c.must('auth.changePassword', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    return c;
  }

  test('an aide sees their own records, what is due and when, and their in-service hours — read-only, nobody else’s', async () => {
    const f = await facility();
    const aide = await signedIn(f, 'annaide', 'care_aide', f.ann.id);
    const mine = await aide.must('training.mine', {});
    expect(mine).toMatchObject({ asOf: TODAY, windowDays: 60, staff: { name: 'Ann Aide', employeeId: 'E1', role: 'cna', unitName: 'Memory Care' } });
    expect(mine.standing.map((s) => [s.name, s.status, s.expiresOn ?? s.dueOn])).toEqual([
      ['CPR / BLS', 'expiring', '2026-03-20'],
      ['Nurse aide registry', 'expiring', '2026-04-15'],
    ]);
    expect(mine.records.map((r) => [r.courseName, r.completedOn, r.expiresOn])).toEqual([['CPR / BLS', '2024-03-20', '2026-03-20']]);
    expect(mine.credentials).toEqual([expect.objectContaining({ typeName: 'Nurse aide registry', number: 'N-1', issuingState: 'IL', issuedOn: '2024-04-15', expiresOn: '2026-04-15' })]);
    expect(mine.inService).toMatchObject({ hours: 0, requiredHours: 12, shortfall: 12 });
    // As of another date, the same rule.
    expect((await aide.must('training.mine', { asOf: '2026-03-20' })).standing[0]).toMatchObject({ name: 'CPR / BLS', status: 'expired' });
    // Only their own: there is no way to name someone else, and the staff-wide reads are closed to them.
    expect(await aide.raw('training.mine', { staffId: f.bob.id })).toMatchObject({ ok: false, error: { fields: [{ path: 'staffId', code: 'unknown_field' }] } });
    expect(await aide.call('training.matrix', { asOf: TODAY })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await aide.call('training.listRecords', { staffId: f.ann.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await aide.call('training.credentialsAsOf', { staffId: f.ann.id, asOf: TODAY })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('a driver sees the licence and courses the role needs; an account without a staff record sees that it is not linked', async () => {
    const f = await facility();
    const driver = await signedIn(f, 'bobdriver', 'driver', f.bob.id);
    const mine = await driver.must('training.mine', { windowDays: 30 });
    expect(mine.standing.map((s) => [s.name, s.status])).toEqual([
      ['Driver safety', 'expiring'],
      ['CPR / BLS', 'current'],
      ["Driver's licence", 'current'],
    ]);
    expect(mine.inService).toBeNull();
    const nurse = await signedIn(f, 'nolink', 'nurse', null);
    expect(await nurse.must('training.mine', {})).toEqual({ asOf: TODAY, windowDays: 60, staff: null, standing: [], records: [], credentials: [], inService: null });
  });
});
